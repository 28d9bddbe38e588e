package com.servicereview.metrics;

import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * P11 eligibility from attendance: an employee absent more than 2 months of the period (leave or
 * other absence) is not assessed in that period. Attendance lists every scheduled working day
 * (应出勤) with its status, so a month's absence is its days not present ÷ its scheduled days, and
 * the months absent in a period (a quarter or year rolls up months) is the sum over its months.
 */
@Service
public class Absences {

    /** P11: absent more than this many months of the period → not assessed. */
    public static final double MAX_ABSENT_MONTHS = 2;

    /**
     * One employee's attendance over a period.
     *
     * @param absentMonths Σ over the months of (days not present ÷ scheduled days): 2.5 = two and a half months away
     */
    public record Absence(String employeeId, int scheduledDays, int absentDays, double absentMonths) {

        public boolean assessed() {
            return absentMonths <= MAX_ABSENT_MONTHS;
        }
    }

    private final JdbcClient jdbc;

    Absences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every employee with attendance rows in the months {@code first}..{@code last} (inclusive).
     * An employee without any row is missing here: attendance unknown, which the caller must decide on.
     */
    public List<Absence> between(YearMonth first, YearMonth last) {
        return jdbc.sql("""
                select employee_id, sum(scheduled)::int as scheduled, sum(away)::int as away,
                       sum(away::numeric / scheduled)::float8 as months
                  from (select employee_id, date_trunc('month', work_date) as month, count(*) as scheduled,
                               count(*) filter (where status <> 'present') as away
                          from review.attendance
                         where work_date >= :from and work_date < :to
                         group by employee_id, date_trunc('month', work_date)) m
                 group by employee_id
                 order by employee_id
                """)
                .param("from", first.atDay(1))
                .param("to", last.plusMonths(1).atDay(1))
                .query((rs, n) -> new Absence(
                        rs.getString("employee_id"), rs.getInt("scheduled"), rs.getInt("away"), rs.getDouble("months")))
                .list();
    }
}
