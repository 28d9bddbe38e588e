package com.servicereview.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per agent and month totals (V26) after imports through the REST entry point: hand-counted after a first
 * import, and equal to the totals of the rows as they are after a correction that moves a record to another agent and
 * month; and after a deletion by hand, which marks them stale for the next aggregation to regroup. Records MT-* in
 * 2016 belong to this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MonthTotalsTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MonthTotals monthTotals;

    private ImportApi api;

    @BeforeEach
    void setUp() {
        api = new ImportApi(rest, jdbc);
    }

    @Test
    void sessionTotalsFollowEveryImport() throws Exception {
        succeeded(api.importJson("sessions", """
                [{"session_id": "MT-S1", "employee_id": "zhaolei", "channel": "chat", "started_at": "2016-03-01 10:00",
                  "outcome": "answered", "first_response_seconds": 20, "inquiry": "yes", "ordered": "yes", "paid": "yes",
                  "amount": 300},
                 {"session_id": "MT-S2", "employee_id": "zhaolei", "channel": "chat", "started_at": "2016-03-02 10:00",
                  "outcome": "abandoned", "inquiry": "yes"},
                 {"session_id": "MT-S3", "employee_id": "zhaolei", "channel": "call", "started_at": "2016-03-03 10:00",
                  "outcome": "transferred", "first_response_seconds": 15},
                 {"session_id": "MT-S4", "employee_id": "zhouting", "channel": "call", "direction": "out",
                  "started_at": "2016-03-31 23:59", "outcome": "answered", "first_response_seconds": 5,
                  "ordered": "yes", "paid": "yes", "amount": 80.5}]"""));
        // zhaolei in March: 3 sessions, 2 chats (1 replied in 20 s), 1 inbound call answered (then transferred),
        // 2 handled, 1 inquiry ordered and paid, 300 yuan, responses Σ 35 s over 2.
        assertThat(totals("session", "zhaolei", "2016-03-01"))
                .containsEntry("sessions", 3L)
                .containsEntry("chats", 2L)
                .containsEntry("chats_replied", 1L)
                .containsEntry("chat_replies_timed", 1L)
                .containsEntry("calls_in", 1L)
                .containsEntry("calls_answered", 1L)
                .containsEntry("handled", 2L)
                .containsEntry("transferred", 1L)
                .containsEntry("inquiries", 2L)
                .containsEntry("inquiries_paid", 1L)
                .containsEntry("responses", 2L);
        assertThat(sums("session", "zhaolei", "2016-03-01", "paid_amount", "response_seconds", "chat_reply_seconds"))
                .containsExactly(300.0, 35.0, 20.0);
        assertTotalsMatchTheRows("session", "service_session", "started_at");

        // A corrected file: S1 was zhouting's and in April, S3 was abandoned; S2 and S4 are unchanged.
        succeeded(api.importJson("sessions", """
                [{"session_id": "MT-S1", "employee_id": "zhouting", "channel": "chat", "started_at": "2016-04-01 08:00",
                  "outcome": "answered", "first_response_seconds": 20, "inquiry": "yes", "ordered": "yes", "paid": "yes",
                  "amount": 300},
                 {"session_id": "MT-S3", "employee_id": "zhaolei", "channel": "call", "started_at": "2016-03-03 10:00",
                  "outcome": "abandoned"}]"""));
        assertThat(totals("session", "zhaolei", "2016-03-01"))
                .containsEntry("sessions", 2L)
                .containsEntry("handled", 0L)
                .containsEntry("inquiries_paid", 0L);
        assertThat(totals("session", "zhouting", "2016-04-01")).containsEntry("sessions", 1L);
        assertTotalsMatchTheRows("session", "service_session", "started_at");
    }

    @Test
    void ticketTotalsFollowEveryImport() throws Exception {
        succeeded(api.importJson("tickets", """
                [{"ticket_id": "MT-T1", "employee_id": "zhaolei", "after_sales": "yes", "opened_at": "2016-05-01 09:00",
                  "first_response_at": "2016-05-01 09:01", "resolved_at": "2016-05-01 11:00"},
                 {"ticket_id": "MT-T2", "employee_id": "zhaolei", "after_sales": "yes", "opened_at": "2016-05-02 09:00",
                  "resolved_at": "2016-05-03 09:00", "contacts": 2},
                 {"ticket_id": "MT-T3", "employee_id": "zhaolei", "opened_at": "2016-05-03 09:00",
                  "resolved_at": "2016-05-03 10:00", "reopened": 1},
                 {"ticket_id": "MT-T4", "employee_id": "zhaolei", "after_sales": true, "opened_at": "2016-05-04 09:00"}]"""));
        // 4 opened, 3 resolved in 2 + 24 + 1 hours, 1 at the first contact, 2 after-sales resolved (both kept),
        // 1 recurred, 1 first response after 60 s.
        assertThat(totals("ticket", "zhaolei", "2016-05-01"))
                .containsEntry("opened", 4L)
                .containsEntry("resolved", 3L)
                .containsEntry("first_contact", 1L)
                .containsEntry("after_sales", 2L)
                .containsEntry("after_sales_kept", 2L)
                .containsEntry("recurred", 1L)
                .containsEntry("responses", 1L);
        assertThat(sums("ticket", "zhaolei", "2016-05-01", "resolved_hours", "response_seconds"))
                .containsExactly(27.0, 60.0);
        // T1 reopened after all; T3 was opened in June.
        succeeded(api.importJson("tickets", """
                [{"ticket_id": "MT-T1", "employee_id": "zhaolei", "after_sales": "yes", "opened_at": "2016-05-01 09:00",
                  "first_response_at": "2016-05-01 09:01", "resolved_at": "2016-05-01 11:00", "reopened": 1},
                 {"ticket_id": "MT-T3", "employee_id": "zhaolei", "opened_at": "2016-06-03 09:00",
                  "resolved_at": "2016-06-03 10:00", "reopened": 1}]"""));
        assertThat(totals("ticket", "zhaolei", "2016-05-01"))
                .containsEntry("opened", 3L)
                .containsEntry("after_sales_kept", 1L)
                .containsEntry("recurred", 1L);
        assertThat(totals("ticket", "zhaolei", "2016-06-01")).containsEntry("opened", 1L);
        assertTotalsMatchTheRows("ticket", "ticket", "opened_at");
    }

    @Test
    void recordsDeletedByHandLeaveTheKpisAtTheNextAggregation() throws Exception {
        succeeded(api.importJson("sessions", """
                [{"session_id": "MT-S10", "employee_id": "zhaolei", "channel": "chat", "started_at": "2016-08-01 10:00",
                  "outcome": "answered", "first_response_seconds": 30},
                 {"session_id": "MT-S11", "employee_id": "zhouting", "channel": "chat", "started_at": "2016-08-02 10:00",
                  "outcome": "answered", "first_response_seconds": 50}]"""));
        assertThat(kpis("zhaolei")).containsEntry("reply-time", "30.0000").containsEntry("reply-rate", "100.0000");
        // HR corrected zhaolei's reply rate; then the source withdrew zhaolei's session, and it is deleted by hand.
        jdbc.sql("update review.kpi_value set value = 90, source = 'hr:zhaomin' where employee_id = 'zhaolei'"
                        + " and period = '2016-08' and input_key = 'reply-rate'")
                .update();
        jdbc.sql("delete from review.service_session where session_id = 'MT-S10'")
                .update();
        assertThat(jdbc.sql("select count(*) from review.month_totals_stale where records = 'review.service_session'")
                        .query(Long.class)
                        .single())
                .isOne();

        ResponseEntity<String> response = api.postJson("zhaomin", "/api/kpis/2016-08/aggregate", "");
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        // The values computed from the deleted session are gone; HR's stays; zhouting's are as they were.
        assertThat(kpis("zhaolei")).containsOnly(Map.entry("reply-rate", "90"));
        assertThat(kpis("zhouting")).containsEntry("reply-time", "50.0000");
        assertThat(jdbc.sql("select count(*) from review.session_month_total where employee_id = 'zhaolei'"
                                + " and period = date '2016-08-01'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from review.month_totals_stale")
                        .query(Long.class)
                        .single())
                .isZero();
        assertTotalsMatchTheRows("session", "service_session", "started_at");
    }

    private Map<String, String> kpis(String employee) {
        Map<String, String> values = new TreeMap<>();
        jdbc.sql("select input_key, value from review.kpi_value where employee_id = ? and period = '2016-08'")
                .param(employee)
                .query((rs, n) ->
                        values.put(rs.getString(1), rs.getBigDecimal(2).toPlainString()))
                .list();
        return values;
    }

    private Map<String, Object> totals(String kind, String employee, String period) {
        return jdbc.sql("select * from review." + kind + "_month_total where employee_id = ? and period = ?::date")
                .params(employee, period)
                .query()
                .singleRow();
    }

    private List<Double> sums(String kind, String employee, String period, String... columns) {
        Map<String, Object> row = totals(kind, employee, period);
        return Arrays.stream(columns)
                .map(c -> ((BigDecimal) row.get(c)).doubleValue())
                .toList();
    }

    /**
     * The kept totals of 2016 equal those grouped afresh from the stored rows, by a hand-written GROUP BY of a few
     * columns, and by the full regrouping of stale totals (rolled back).
     */
    private void assertTotalsMatchTheRows(String kind, String records, String time) {
        String table = "review." + kind + "_month_total";
        String year = " where period >= date '2016-01-01' and period < date '2017-01-01'";
        String order = " order by period, employee_id";
        String count = kind.equals("ticket") ? "opened" : "sessions";
        assertThat(jdbc.sql("select period, employee_id, " + count + " from " + table + year + order)
                        .query()
                        .listOfRows())
                .isEqualTo(
                        jdbc.sql("select date_trunc('month', " + time + ")::date as period, employee_id, count(*) as "
                                        + count + " from review." + records + " where " + time
                                        + " >= '2016-01-01' and " + time + " < '2017-01-01' group by 1, 2" + order)
                                .query()
                                .listOfRows());
        transactions.executeWithoutResult(status -> {
            List<Map<String, Object>> kept =
                    jdbc.sql("select * from " + table + year + order).query().listOfRows();
            jdbc.sql(
                            "insert into review.month_totals_stale values ('review.ticket'), ('review.service_session') on conflict do nothing")
                    .update();
            monthTotals.regroupIfStale();
            List<Map<String, Object>> filled =
                    jdbc.sql("select * from " + table + year + order).query().listOfRows();
            assertThat(kept)
                    .usingRecursiveFieldByFieldElementComparator(RecursiveComparisonConfiguration.builder()
                            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                            .build())
                    .isEqualTo(filled);
            status.setRollbackOnly();
        });
    }

    private static void succeeded(JsonNode job) {
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
    }
}
