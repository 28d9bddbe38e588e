package com.servicereview.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A small cycle of team as2 and cs-staff-monthly written straight into the tables, for the report tests:
 * in the cycle's month P four assessed members (and one not assessed), one upheld appeal (zhouting, score
 * version 2) and one override (zhaolei, OUTSTANDING proposed MEDIUM, calibrated EXCELLENT); for the trend,
 * reviews in P−2 and P−1, plus rows that must stay out of it (unscored, another team, another scheme, P−12).
 * Nothing is archived, so the rows stay writable. Each caller takes a month no other test uses.
 */
public final class ReportFixture {

    public static final String SCHEME = "cs-staff-monthly";
    /** The seven indicators of cs-staff-monthly with their maximum points. */
    static final String[][] INDICATORS = {
        {"answer-quality", "专业技能、接听质量", "Professional skill and call quality", "30"},
        {"complaint-rate", "客户投诉解决率(投诉率)", "Complaint rate", "20"},
        {"revisit-completion", "回访完成率", "Revisit completion rate", "10"},
        {"revisit-authenticity", "回访真实度(不实回访条数)", "Revisit authenticity (false revisits found)", "10"},
        {"satisfaction", "客户满意度", "Customer satisfaction", "10"},
        {"report-authenticity", "报表上交真实性(不实报表次数)", "Report truthfulness (untrue reports)", "10"},
        {"audit-notices", "审计、纠错及行政通报", "Audit, correction and administrative notices", "10"}
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final String cycleId;
    private final String period;

    private ReportFixture(JdbcClient jdbc, YearMonth period) {
        this.jdbc = jdbc;
        this.period = period.toString();
        this.cycleId = "as2:" + period + ":" + SCHEME;
    }

    /** Writes the cycle of {@code period} unless it exists, with zhaolei's override reason; returns the cycle id. */
    public static String cycle(JdbcClient jdbc, YearMonth period, String overrideReason) {
        ReportFixture fixture = new ReportFixture(jdbc, period);
        if (jdbc.sql("select count(*) from review.cycle where id = ?")
                        .param(fixture.cycleId)
                        .query(Integer.class)
                        .single()
                == 0) {
            fixture.write(period, overrideReason);
        }
        return fixture.cycleId;
    }

    private void write(YearMonth month, String overrideReason) {
        String before = month.minusMonths(1).toString();
        String twoBefore = month.minusMonths(2).toString();
        jdbc.sql(
                        "insert into review.cycle (id, unit_id, period, scheme_id, status, started_by) values (?, 'as2', ?, ?, 'CALIBRATION', 'zhaomin')")
                .params(cycleId, period, SCHEME)
                .update();
        // In the cycle. Each breakdown adds up to its total.
        member("zhaolei", 96.00, "OUTSTANDING", 28, 20, 10, 10, 8, 10, 10);
        member("zhouting", 80.00, "MEDIUM", 22, 15, 9, 10, 6, 10, 8);
        rescore("zhouting", 88.50, "EXCELLENT", 27.5, 18, 9, 10, 6, 10, 8); // upheld appeal: version 2
        member("wuhao", 72.00, "MEDIUM", 24, 12, 8, 10, 8, 5, 5);
        member("xulin", 45.00, "URGENT_IMPROVEMENT", 15, 0, 5, 10, 5, 5, 5);
        jdbc.sql(
                        "insert into review.cycle_member (cycle_id, employee_id, eligible, reason) values (?, 'sunjie', false, 'absent more than 2 months')")
                .param(cycleId)
                .update();
        // G2 with 4 people: no OUTSTANDING or EXCELLENT seat, 2 MEDIUM seats; HR overrides zhaolei to EXCELLENT.
        calibration("zhaolei", 96.00, 1, "OUTSTANDING", "MEDIUM", "EXCELLENT", overrideReason);
        calibration("zhouting", 88.50, 2, "EXCELLENT", "MEDIUM", "MEDIUM", null);
        calibration("wuhao", 72.00, 3, "MEDIUM", "NEEDS_IMPROVEMENT", "NEEDS_IMPROVEMENT", null);
        calibration("xulin", 45.00, 4, "URGENT_IMPROVEMENT", "URGENT_IMPROVEMENT", "URGENT_IMPROVEMENT", null);
        // The trend: earlier months of the same unit and scheme.
        review("zhaolei", before, SCHEME, 90.00, "EXCELLENT");
        review("zhouting", before, SCHEME, 80.00, "MEDIUM");
        review("wuhao", twoBefore, SCHEME, 70.10, "MEDIUM");
        review("xulin", twoBefore, SCHEME, 60.00, "NEEDS_IMPROVEMENT");
        review("sunjie", twoBefore, SCHEME, 65.05, "NEEDS_IMPROVEMENT");
        // …and what must stay out: not yet scored, another team, another scheme, before the 12 months.
        review("mali", before, SCHEME, null, null);
        review("zhangwei", before, SCHEME, 10.00, "URGENT_IMPROVEMENT");
        review("zhaolei", before, "online-cs-monthly", 50.00, "URGENT_IMPROVEMENT");
        review("zhaolei", month.minusMonths(12).toString(), SCHEME, 99.00, "OUTSTANDING");
    }

    private void member(String employee, double total, String grade, double... points) {
        String reviewId = review(employee, period, SCHEME, total, grade);
        jdbc.sql("update review.review set cycle_id = ? where id = ?")
                .params(cycleId, reviewId)
                .update();
        jdbc.sql(
                        "insert into review.cycle_member (cycle_id, employee_id, eligible, reason, review_id) values (?, ?, true, 'assessed', ?)")
                .params(cycleId, employee, reviewId)
                .update();
        score(reviewId, 1, total, grade, points);
    }

    private void rescore(String employee, double total, String grade, double... points) {
        String reviewId = employee + ":" + period + ":" + SCHEME;
        jdbc.sql("update review.review set final_total = ?, final_grade = ? where id = ?")
                .params(total, grade, reviewId)
                .update();
        score(reviewId, 2, total, grade, points);
    }

    private String review(String employee, String month, String scheme, Double total, String grade) {
        String id = employee + ":" + month + ":" + scheme;
        jdbc.sql("""
                        insert into review.review (id, employee_id, period, scheme_id, scheme_version, status, final_total, final_grade)
                        values (?, ?, ?, ?, 1, ?, ?, ?)""")
                .params(id, employee, month, scheme, total == null ? "IN_REVIEW" : "ACKNOWLEDGED", total, grade)
                .update();
        return id;
    }

    private void score(String reviewId, int version, double total, String grade, double... points) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < INDICATORS.length; i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("indicatorId", INDICATORS[i][0]);
            line.put("nameZh", INDICATORS[i][1]);
            line.put("nameEn", INDICATORS[i][2]);
            line.put("maxPoints", Double.parseDouble(INDICATORS[i][3]));
            line.put("input", i == 0 ? null : 1.0);
            line.put("rule", "test rule " + i);
            line.put("points", points[i]);
            lines.add(line);
        }
        Map<String, Object> result =
                Map.of("schemeId", SCHEME, "schemeVersion", 1, "total", total, "grade", grade, "breakdown", lines);
        try {
            jdbc.sql(
                            "insert into review.score (review_id, version, total, grade, result, reason, changed_by) values (?, ?, ?, ?, ?::jsonb, ?, 'test')")
                    .params(
                            reviewId,
                            version,
                            total,
                            grade,
                            JSON.writeValueAsString(result),
                            version == 1 ? "final score" : "appeal upheld")
                    .update();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void calibration(
            String employee,
            double total,
            int rank,
            String natural,
            String proposed,
            String finalGrade,
            String reason) {
        jdbc.sql("""
                        insert into review.calibration (cycle_id, employee_id, total, rank, natural_grade, proposed_grade, final_grade, override_reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(cycleId, employee, total, rank, natural, proposed, finalGrade, reason)
                .update();
    }
}
