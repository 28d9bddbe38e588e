package com.servicereview.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** C3 at mid-year, against last year's annual grade (cycles written directly; team as1, 2015–2016). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MidYearConsequencesTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Consequences consequences;

    private void cycle(String id, String period, String status) {
        jdbc.sql(
                        "insert into review.cycle (id, unit_id, period, scheme_id, status, started_by) values (?, 'as1', ?, 'cs-staff-monthly', ?, 'test')")
                .params(id, period, status)
                .update();
    }

    private void graded(String cycleId, String employee, double total, int rank, String grade) {
        jdbc.sql("""
                insert into review.calibration (cycle_id, employee_id, total, rank, natural_grade, proposed_grade, final_grade)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(cycleId, employee, total, rank, grade, grade, grade)
                .update();
    }

    @Test
    void aWeakMidYearAfterAWeakYear() {
        cycle("as1:2015:cs-staff-monthly", "2015", "CLOSED");
        graded("as1:2015:cs-staff-monthly", "liuyang", 75, 1, "MEDIUM");
        graded("as1:2015:cs-staff-monthly", "wangfang", 60, 2, "NEEDS_IMPROVEMENT");
        graded("as1:2015:cs-staff-monthly", "zhangwei", 45, 3, "URGENT_IMPROVEMENT");
        cycle("as1:2016-H1:cs-staff-monthly", "2016-H1", "CALIBRATION");
        graded("as1:2016-H1:cs-staff-monthly", "liuyang", 62, 1, "NEEDS_IMPROVEMENT");
        graded("as1:2016-H1:cs-staff-monthly", "wangfang", 61, 2, "NEEDS_IMPROVEMENT");
        graded("as1:2016-H1:cs-staff-monthly", "zhangwei", 60, 3, "NEEDS_IMPROVEMENT");

        assertThat(consequences.apply("as1:2016-H1:cs-staff-monthly"))
                .as("no rectification plans outside months")
                .isEmpty();

        // wangfang: NEEDS_IMPROVEMENT again → −1 level; zhangwei: weak after URGENT → separation review;
        // liuyang was MEDIUM last year: no C3 consequence. A half-year gives no A1 awards.
        assertThat(jdbc.sql(
                                "select employee_id || ' ' || rule || ' ' || kind from review.consequence where cycle_id = ? and rule in ('C3', "
                                        + "'A1') order by employee_id")
                        .param("as1:2016-H1:cs-staff-monthly")
                        .query(String.class)
                        .list())
                .containsExactly("wangfang C3 post-allowance", "zhangwei C3 separation-review");
    }
}
