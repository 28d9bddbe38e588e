package com.servicereview.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every KPI family against small data sets counted by hand (the counts are in the comments).
 * Periods 2021-06 (KPIs), 2021-07..2021-09 (P11 absences) and 2021-12 (task completion, repair accuracy,
 * good reviews, closure and recurrence) belong to this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KpiAggregationTest {

    private static final String PERIOD = "2021-06";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Absences absences;

    private ImportApi api;

    @BeforeEach
    void setUp() {
        api = new ImportApi(rest, jdbc);
    }

    @Test
    void everyFamilyMatchesTheHandCount() throws Exception {
        // HR corrected zhaolei's satisfaction and recorded a praise letter for zhouting: both must survive.
        jdbc.sql(
                        "insert into review.kpi_value (employee_id, period, input_key, value, source) values ('zhaolei', ?, 'satisfaction', 77, "
                                + "'hr:zhaomin — surveys re-checked')")
                .param(PERIOD)
                .update();
        jdbc.sql(
                        "insert into review.kpi_event (employee_id, period, event_type, count, source) values ('zhouting', ?, 'praise-letter', 1, 'hr:zhaomin')")
                .param(PERIOD)
                .update();

        // zhaolei's tickets: opened in June K-T1..T4 (4); resolved T1 2 h, T2 24 h, T3 1 h (3);
        // first contact only T1 (T2 took 2 contacts, T3 was reopened); after-sales resolved T1, T2.
        // K-T5 was opened in May and does not count.
        succeeded(api.importJson("tickets", """
                [{"ticket_id": "K-T1", "employee_id": "zhaolei", "after_sales": "yes", "opened_at": "2021-06-01 09:00",
                  "first_response_at": "2021-06-01 09:01", "resolved_at": "2021-06-01 11:00"},
                 {"ticket_id": "K-T2", "employee_id": "zhaolei", "after_sales": "yes", "opened_at": "2021-06-02 09:00",
                  "resolved_at": "2021-06-03 09:00", "contacts": 2},
                 {"ticket_id": "K-T3", "employee_id": "zhaolei", "opened_at": "2021-06-03 09:00", "resolved_at": "2021-06-03 10:00", "reopened": 1},
                 {"ticket_id": "K-T4", "employee_id": "zhaolei", "after_sales": true, "opened_at": "2021-06-04 09:00"},
                 {"ticket_id": "K-T5", "employee_id": "zhaolei", "opened_at": "2021-05-31 23:00", "resolved_at": "2021-06-01 01:00"}]"""));
        // zhaolei's sessions: chats S1-S4 (S3 abandoned), inbound calls S5, S6 (abandoned), S8; outbound call S7.
        succeeded(api.importJson("sessions", """
                [{"session_id": "K-S1", "employee_id": "zhaolei", "channel": "chat", "started_at": "2021-06-01 10:00", "outcome": "answered",
                  "first_response_seconds": 20, "inquiry": "yes", "ordered": "yes", "paid": "yes", "amount": 300},
                 {"session_id": "K-S2", "employee_id": "zhaolei", "channel": "chat", "started_at": "2021-06-01 11:00", "outcome": "answered",
                  "first_response_seconds": 40, "inquiry": "yes", "ordered": "yes"},
                 {"session_id": "K-S3", "employee_id": "zhaolei", "channel": "chat", "started_at": "2021-06-01 12:00", "outcome": "abandoned",
                  "inquiry": "yes"},
                 {"session_id": "K-S4", "employee_id": "zhaolei", "channel": "chat", "started_at": "2021-06-01 13:00", "outcome": "transferred",
                  "first_response_seconds": 30, "ordered": "yes", "paid": "yes", "amount": 100},
                 {"session_id": "K-S5", "employee_id": "zhaolei", "channel": "call", "started_at": "2021-06-02 10:00", "outcome": "answered",
                  "first_response_seconds": 10},
                 {"session_id": "K-S6", "employee_id": "zhaolei", "channel": "call", "started_at": "2021-06-02 11:00", "outcome": "abandoned"},
                 {"session_id": "K-S7", "employee_id": "zhaolei", "channel": "call", "direction": "out", "started_at": "2021-06-02 12:00",
                  "outcome": "answered", "first_response_seconds": 5},
                 {"session_id": "K-S8", "employee_id": "zhaolei", "channel": "call", "started_at": "2021-06-02 13:00", "outcome": "transferred",
                  "first_response_seconds": 15}]"""));
        succeeded(api.importJson("complaints", """
                [{"complaint_id": "K-C1", "employee_id": "zhaolei", "received_at": "2021-06-10 10:00", "ticket_id": "K-T4"}]"""));
        // Surveys of zhaolei: 5/5, 4/5, 90/100 → shares 1, 0.8, 0.9, mean 0.9. zhouting: 3/5 → 0.6.
        succeeded(api.importJson("surveys", """
                [{"survey_id": "K-V1", "employee_id": "zhaolei", "surveyed_at": "2021-06-05 10:00", "score": 5},
                 {"survey_id": "K-V2", "employee_id": "zhaolei", "surveyed_at": "2021-06-06 10:00", "score": 4, "scale": 5},
                 {"survey_id": "K-V3", "employee_id": "zhaolei", "surveyed_at": "2021-06-07 10:00", "score": 90, "scale": 100},
                 {"survey_id": "K-V4", "employee_id": "zhouting", "surveyed_at": "2021-06-07 10:00", "score": 3}]"""));
        // Attendance: zhouting 20 scheduled days, 18 present; wuhao 10 of 10. xulin has none.
        succeeded(api.importJson(
                "attendance", "[" + attendance("zhouting", 20, 18) + "," + attendance("wuhao", 10, 10) + "]"));
        // Revisits: zhouting 150 (2 found untrue, 3 checked fine), wuhao 250, xulin 5 (1 untrue).
        succeeded(api.importJson(
                "revisits",
                "["
                        + String.join(
                                ",",
                                revisits("zhouting", 150, 2, 3),
                                revisits("wuhao", 250, 0, 0),
                                revisits("xulin", 5, 1, 0))
                        + "]"));
        // zhouting: 3 spot checks, 1 failed; 2 reports, both truthful.
        succeeded(api.importJson("spot-checks", """
                [{"check_id": "K-K1", "employee_id": "zhouting", "checked_at": "2021-06-01 10:00", "result": "pass"},
                 {"check_id": "K-K2", "employee_id": "zhouting", "checked_at": "2021-06-08 10:00", "result": "fail"},
                 {"check_id": "K-K3", "employee_id": "zhouting", "checked_at": "2021-06-15 10:00", "result": "pass"}]"""));
        succeeded(api.importJson("reports", """
                [{"report_id": "K-R1", "employee_id": "zhouting", "submitted_at": "2021-06-30 17:00", "truthful": "yes"},
                 {"report_id": "K-R2", "employee_id": "zhouting", "submitted_at": "2021-06-15 17:00", "truthful": "yes"}]"""));
        // zhouting's events: 2 praise letters (HR's entry wins), 1 company criticism, audit notices −4, −4, −6.
        succeeded(api.importJson("events", """
                [{"event_id": "K-E1", "employee_id": "zhouting", "occurred_at": "2021-06-03 10:00", "event_type": "praise-letter"},
                 {"event_id": "K-E2", "employee_id": "zhouting", "occurred_at": "2021-06-04 10:00", "event_type": "praise-letter"},
                 {"event_id": "K-E3", "employee_id": "zhouting", "occurred_at": "2021-06-05 10:00", "event_type": "company-criticism"},
                 {"event_id": "K-E4", "employee_id": "zhouting", "occurred_at": "2021-06-06 10:00", "event_type": "audit-notice", "points": -4},
                 {"event_id": "K-E5", "employee_id": "zhouting", "occurred_at": "2021-06-07 10:00", "event_type": "audit-notice", "points": -4},
                 {"event_id": "K-E6", "employee_id": "zhouting", "occurred_at": "2021-06-08 10:00", "event_type": "audit-notice", "points": -6}]"""));
        succeeded(api.importJson("kpi-inputs", """
                [{"employee_id": "zhaolei", "period": "2021-06", "input_key": "target-completion", "value": 110}]"""));

        ResponseEntity<String> response = api.postJson("zhaomin", "/api/kpis/" + PERIOD + "/aggregate", "");
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        Map<String, String> zhaolei = values("zhaolei");
        // What the console's imports page shows: how many employees and KPI values the recomputation wrote.
        JsonNode result = api.read(response.getBody());
        assertThat(result.path("agents").asInt())
                .isEqualTo(jdbc.sql(
                                "select count(distinct employee_id) from review.kpi_value where period = ? and source = 'metrics:aggregate'")
                        .param(PERIOD)
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
        int byFamily = 0;
        for (JsonNode family : result.path("valuesByFamily")) byFamily += family.asInt();
        assertThat(result.path("values").asInt())
                .isEqualTo(byFamily)
                .isGreaterThan(result.path("agents").asInt());

        assertThat(zhaolei)
                .containsEntry("resolution-rate", "75.0000") // 3 of 4
                .containsEntry("first-contact-resolution", "25.0000") // 1 of 4
                .containsEntry("solution-effectiveness", "25.0000")
                .containsEntry("handling-time", "9.0000") // (2 + 24 + 1) / 3 hours
                .containsEntry("resolution-time", "9.0000")
                .containsEntry("after-sales-handling", "2.0000")
                .containsEntry("reply-rate", "75.0000") // chats S1, S2, S4 of 4
                .containsEntry("reply-time", "30.0000") // (20 + 40 + 30) / 3
                .containsEntry("unanswered-customers", "1.0000") // S3
                .containsEntry("answer-rate", "66.6667") // S5, S8 of inbound S5, S6, S8
                .containsEntry("abandonment-rate", "33.3333") // S6 of 3
                .containsEntry("transfer-rate", "33.3333") // S4, S8 of 6 handled
                .containsEntry("call-volume", "4.0000") // S5..S8
                .containsEntry("inquiry-conversion", "66.6667") // S1, S2 of inquiries S1..S3
                .containsEntry("inquiry-to-payment", "33.3333") // S1 of 3
                .containsEntry("order-success", "66.6667") // S1, S4 paid of orders S1, S2, S4
                .containsEntry("average-order-value", "200.0000") // (300 + 100) / 2
                .containsEntry("response-time", "25.7143") // (20+40+30+10+5+15 + T1 60) / 7
                .containsEntry("complaint-rate", "10.0000") // 1 of 10 contacts (4 tickets + 6 sessions)
                .containsEntry("customer-feedback", "4.5000") // 0.9 × 5
                .containsEntry("satisfaction-survey", "90.0000")
                .containsEntry("satisfaction", "77 hr") // HR's correction kept
                .containsEntry("target-completion", "110.0000"); // taken as imported
        assertThat(values("zhouting"))
                .containsEntry("revisit-completion", "83.3333") // 150 / (200 × 18/20)
                .containsEntry("revisit-authenticity", "2.0000")
                .containsEntry("satisfaction", "60.0000") // 3 / 5
                .containsEntry("failed-spot-checks", "1.0000")
                .containsEntry("report-authenticity", "0.0000");
        assertThat(values("wuhao")).containsEntry("revisit-completion", "100.0000"); // 250 / 200, capped
        assertThat(values("xulin"))
                .doesNotContainKey("revisit-completion") // no attendance: HR supplies it
                .containsEntry("revisit-authenticity", "1.0000");
        assertThat(events("zhouting"))
                .containsExactly(
                        "audit-notice ×1 -6 metrics:aggregate", "audit-notice ×2 -4 metrics:aggregate",
                        "company-criticism ×1 - metrics:aggregate", "praise-letter ×1 - hr:zhaomin");

        // Recomputing is idempotent: the same rows, the same values.
        Map<String, Long> before = api.counts();
        Map<String, String> valuesBefore = values("zhaolei");
        assertThat(api.postJson("zhaomin", "/api/kpis/" + PERIOD + "/aggregate", "")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        assertThat(api.counts()).isEqualTo(before);
        assertThat(values("zhaolei")).isEqualTo(valuesBefore);
    }

    @Test
    void taskCompletionRepairAccuracyGoodReviewsAndRecurrenceMatchTheHandCount() throws Exception {
        String december = "2021-12";
        // HR entered zhouting's good reviews (the cash-back register): it must survive the recomputation.
        jdbc.sql(
                        "insert into review.kpi_value (employee_id, period, input_key, value, source) values ('zhouting', ?, 'good-reviews', 5, "
                                + "'hr:zhaomin — 好评返现 register')")
                .param(december)
                .update();

        // zhaolei's tickets opened in December: KD-T1, T2, T3, T4, T5, T7 (6; T7 opened on the 31st, resolved in
        // January, still December's). Resolved: T1, T2, T4, T5, T7 (5). Reopened at least once among the resolved:
        // T2, T4 (2); T3 was reopened and is open again, so it is not resolved. After-sales resolved: T1, T2, T7 (3),
        // never reopened: T1, T7 (2). KD-T6 was opened in November and does not count.
        // zhouting: KD-T8 opened, still open → 0 of 1 resolved; no resolved ticket, no after-sales one.
        succeeded(api.importJson("tickets", """
                [{"ticket_id": "KD-T1", "employee_id": "zhaolei", "after_sales": "yes", "opened_at": "2021-12-01 09:00",
                  "resolved_at": "2021-12-01 11:00"},
                 {"ticket_id": "KD-T2", "employee_id": "zhaolei", "after_sales": "yes", "opened_at": "2021-12-02 09:00",
                  "resolved_at": "2021-12-03 09:00", "reopened": 1},
                 {"ticket_id": "KD-T3", "employee_id": "zhaolei", "after_sales": "yes", "opened_at": "2021-12-03 09:00", "reopened": 1},
                 {"ticket_id": "KD-T4", "employee_id": "zhaolei", "opened_at": "2021-12-04 09:00", "resolved_at": "2021-12-05 09:00", "reopened": 2},
                 {"ticket_id": "KD-T5", "employee_id": "zhaolei", "opened_at": "2021-12-05 09:00", "resolved_at": "2021-12-05 10:00"},
                 {"ticket_id": "KD-T6", "employee_id": "zhaolei", "after_sales": "yes", "opened_at": "2021-11-30 23:00",
                  "resolved_at": "2021-12-01 01:00", "reopened": 1},
                 {"ticket_id": "KD-T7", "employee_id": "zhaolei", "after_sales": "yes", "opened_at": "2021-12-31 23:30",
                  "resolved_at": "2022-01-01 00:30"},
                 {"ticket_id": "KD-T8", "employee_id": "zhouting", "opened_at": "2021-12-10 09:00"}]"""));
        // Surveys: zhaolei 4/5 (0.8, good: the threshold is inclusive), 3/5, 8/10 (good), 79/100, 100/100 (good) → 3.
        // zhouting 3/5 → 0, but HR's 5 wins. xulin: no surveys → not written.
        succeeded(api.importJson("surveys", """
                [{"survey_id": "KD-V1", "employee_id": "zhaolei", "surveyed_at": "2021-12-05 10:00", "score": 4},
                 {"survey_id": "KD-V2", "employee_id": "zhaolei", "surveyed_at": "2021-12-06 10:00", "score": 3, "scale": 5},
                 {"survey_id": "KD-V3", "employee_id": "zhaolei", "surveyed_at": "2021-12-07 10:00", "score": 8, "scale": 10},
                 {"survey_id": "KD-V4", "employee_id": "zhaolei", "surveyed_at": "2021-12-08 10:00", "score": 79, "scale": 100},
                 {"survey_id": "KD-V5", "employee_id": "zhaolei", "surveyed_at": "2021-12-09 10:00", "score": 100, "scale": 100},
                 {"survey_id": "KD-V6", "employee_id": "zhouting", "surveyed_at": "2021-12-09 10:00", "score": 3}]"""));

        ResponseEntity<String> response = api.postJson("zhaomin", "/api/kpis/" + december + "/aggregate", "");
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);

        assertThat(values("zhaolei", december))
                .containsEntry("task-completion", "83.3333") // 5 of 6
                .containsEntry("closure-rate", "83.3333") // the same 5 of 6
                .containsEntry("resolution-rate", "83.3333")
                .containsEntry("repair-accuracy", "66.6667") // T1, T7 of T1, T2, T7
                .containsEntry("after-sales-handling", "3.0000")
                .containsEntry("recurrence-rate", "40.0000") // T2, T4 of 5 resolved
                .containsEntry("good-reviews", "3.0000"); // V1, V3, V5
        assertThat(values("zhouting", december))
                .containsEntry("task-completion", "0.0000") // 0 of 1
                .containsEntry("closure-rate", "0.0000")
                .doesNotContainKey("repair-accuracy") // no after-sales ticket resolved
                .doesNotContainKey("recurrence-rate") // nothing resolved
                .containsEntry("good-reviews", "5 hr"); // HR wins over the computed 0
        assertThat(values("xulin", december))
                .doesNotContainKeys(
                        "task-completion",
                        "closure-rate",
                        "repair-accuracy",
                        "recurrence-rate",
                        "good-reviews"); // no tickets, no surveys: HR asked
    }

    @Test
    void onlyHrRecomputesAndPeriodsAreChecked() throws Exception {
        assertThat(api.postJson("zhangwei", "/api/kpis/" + PERIOD + "/aggregate", "")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        ResponseEntity<String> bad = api.postJson("zhaomin", "/api/kpis/2021-13/aggregate", "");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(api.read(bad.getBody()).path("field").asText()).isEqualTo("period");
    }

    @Test
    void absencesOverAQuarterDecideEligibility() throws Exception {
        // sunjie: July all 20 days on leave (1), August 22 of 22 (1), September 10 of 20 absent (0.5) → 2.5 months.
        // mali: July and August all on leave, September present → exactly 2 months: still assessed.
        succeeded(api.importJson(
                "attendance",
                "["
                        + String.join(
                                ",",
                                days("sunjie", "2021-07", 20, "leave"),
                                days("sunjie", "2021-08", 22, "leave"),
                                days("sunjie", "2021-09", 10, "absent"),
                                days("sunjie", "2021-09-2", 10, "present"),
                                days("mali", "2021-07", 20, "leave"),
                                days("mali", "2021-08", 22, "leave"),
                                days("mali", "2021-09", 20, "present"))
                        + "]"));

        List<Absences.Absence> quarter = absences.between(YearMonth.of(2021, 7), YearMonth.of(2021, 9));

        assertThat(quarter)
                .extracting(
                        Absences.Absence::employeeId,
                        Absences.Absence::scheduledDays,
                        Absences.Absence::absentDays,
                        Absences.Absence::absentMonths,
                        Absences.Absence::assessed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mali", 62, 42, 2.0, true),
                        org.assertj.core.groups.Tuple.tuple("sunjie", 62, 52, 2.5, false));
    }

    private Map<String, String> values(String employee) {
        return values(employee, PERIOD);
    }

    private Map<String, String> values(String employee, String period) {
        Map<String, String> values = new TreeMap<>();
        jdbc.sql("select input_key, value, source from review.kpi_value where employee_id = ? and period = ?")
                .params(employee, period)
                .query((rs, n) -> values.put(
                        rs.getString(1), rs.getString(2) + (rs.getString(3).startsWith("hr:") ? " hr" : "")))
                .list();
        return values;
    }

    private List<String> events(String employee) {
        return jdbc.sql("""
                select event_type || ' ×' || count || ' ' || coalesce(points::text, '-') || ' ' || source
                  from review.kpi_event where employee_id = ? and period = ? order by 1""").params(employee, PERIOD).query(String.class).list();
    }

    private static void succeeded(JsonNode job) {
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
    }

    /** {@code scheduled} working days of June from the 1st, the first {@code present} of them present. */
    private static String attendance(String employee, int scheduled, int present) {
        StringJoiner rows = new StringJoiner(",");
        for (int day = 1; day <= scheduled; day++) {
            String status = day <= present ? "present" : day == present + 1 ? "leave" : "absent";
            rows.add("{\"employee_id\": \"%s\", \"work_date\": \"2021-06-%02d\", \"status\": \"%s\"}"
                    .formatted(employee, day, status));
        }
        return rows.toString();
    }

    /** {@code count} days from the 1st of {@code month} ("2021-09"), or from the 11th ("2021-09-2"). */
    private static String days(String employee, String month, int count, String status) {
        int first = month.endsWith("-2") ? 11 : 1;
        String yearMonth = month.substring(0, 7);
        StringJoiner rows = new StringJoiner(",");
        for (int day = first; day < first + count; day++) {
            rows.add("{\"employee_id\": \"%s\", \"work_date\": \"%s-%02d\", \"status\": \"%s\"}"
                    .formatted(employee, yearMonth, day, status));
        }
        return rows.toString();
    }

    private static String revisits(String employee, int count, int untrue, int checkedTrue) {
        StringJoiner rows = new StringJoiner(",");
        for (int i = 0; i < count; i++) {
            String authentic = i < untrue ? "\"no\"" : i < untrue + checkedTrue ? "\"yes\"" : "null";
            rows.add(
                    "{\"revisit_id\": \"K-%s-%d\", \"employee_id\": \"%s\", \"revisited_at\": \"2021-06-%02d 10:00\", \"authentic\": %s}"
                            .formatted(employee, i, employee, 1 + i % 28, authentic));
        }
        return rows.toString();
    }
}
