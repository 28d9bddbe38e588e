package com.servicereview.cycle;

import com.servicereview.scoring.ForcedDistribution;
import com.servicereview.scoring.Grade;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cycle's rows in schema {@code review}: {@code cycle}, {@code cycle_member}, {@code calibration}.
 * Writes are idempotent (upserts or guarded updates), because the cycle's jobs run at least once.
 */
@Repository
class CycleRepository {

    private final JdbcClient jdbc;

    CycleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the cycle, with the scheme version it uses, unless its id or its (unit, period, scheme) exists: false if it does. */
    boolean claim(
            String id,
            String unitId,
            String period,
            String schemeId,
            int schemeVersion,
            String processInstanceId,
            String startedBy) {
        return jdbc.sql("""
                insert into review.cycle (id, unit_id, period, scheme_id, scheme_version, status, process_instance_id, started_by)
                values (?, ?, ?, ?, ?, 'LAUNCHING', ?, ?) on conflict do nothing""")
                        .params(id, unitId, period, schemeId, schemeVersion, processInstanceId, startedBy)
                        .update()
                == 1;
    }

    boolean exists(String cycleId) {
        return jdbc.sql("select count(*) from review.cycle where id = ?")
                        .param(cycleId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    Optional<CycleService.Cycle> find(String cycleId) {
        return jdbc.sql("select id, unit_id, period, scheme_id, status from review.cycle where id = ?")
                .param(cycleId)
                .query((rs, n) -> new CycleService.Cycle(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
    }

    void setStatus(String cycleId, String from, String to) {
        jdbc.sql("update review.cycle set status = ? where id = ? and status = ?")
                .params(to, cycleId, from)
                .update();
    }

    /**
     * The cycle's status, locked for this transaction: two reviews archived at once, or the ends of two launch slices,
     * see it one after the other. {@code no key update}, because the parallel slices' review rows hold key-share locks
     * on the cycle (their foreign key) until they commit: {@code for update} would wait for them, and they for it.
     */
    Optional<String> lockStatus(String cycleId) {
        return jdbc.sql("select status from review.cycle where id = ? for no key update")
                .param(cycleId)
                .query(String.class)
                .optional();
    }

    /**
     * The members, 1,000 rows a statement (a department of 10,000 is 10 statements, not 10,000), and each eligible
     * member's launch slice: slice k is the k-th run of {@code sliceSize} eligible members in id order. Fixed once the
     * cycle is prepared, so parallel slices never share a member, and a retried slice finds the same ones; the same
     * numbers again if the preparation runs twice.
     */
    void addMembers(String cycleId, List<CycleService.Member> members, int sliceSize) {
        for (int from = 0; from < members.size(); from += 1_000) {
            List<CycleService.Member> chunk = members.subList(from, Math.min(members.size(), from + 1_000));
            List<Object> params = new ArrayList<>();
            chunk.forEach(m -> params.addAll(List.of(cycleId, m.employeeId(), m.eligible(), m.reason())));
            jdbc.sql("insert into review.cycle_member (cycle_id, employee_id, eligible, reason) values "
                            + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?)"))
                            + " on conflict (cycle_id, employee_id) do nothing")
                    .params(params)
                    .update();
        }
        jdbc.sql("""
                update review.cycle_member m set launch_slice = s.n / :size
                  from (select employee_id, row_number() over (order by employee_id) - 1 as n
                          from review.cycle_member where cycle_id = :cycle and eligible) s
                 where m.cycle_id = :cycle and m.employee_id = s.employee_id""").param("size", sliceSize).param("cycle", cycleId).update();
    }

    int countEligible(String cycleId) {
        return jdbc.sql("select count(*) from review.cycle_member where cycle_id = ? and eligible")
                .param(cycleId)
                .query(Integer.class)
                .single();
    }

    /** The members of one launch slice ({@link #addMembers}) still without a review and a launch problem, in id order. */
    List<String> waitingMembers(String cycleId, int slice) {
        return jdbc.sql("""
                select employee_id from review.cycle_member
                 where cycle_id = :cycle and launch_slice = :slice and review_id is null and launch_problem is null
                 order by employee_id""")
                .param("cycle", cycleId)
                .param("slice", slice)
                .query(String.class)
                .list();
    }

    int countWaiting(String cycleId) {
        return jdbc.sql("""
                select count(*) from review.cycle_member
                 where cycle_id = ? and eligible and review_id is null and launch_problem is null""").param(cycleId).query(Integer.class).single();
    }

    void setLaunchProblem(String cycleId, String employeeId, String problem) {
        jdbc.sql("update review.cycle_member set launch_problem = ? where cycle_id = ? and employee_id = ?")
                .params(problem, cycleId, employeeId)
                .update();
    }

    /** The launch slice's members' reviews, in one statement: employee id → review id. */
    void setMemberReviews(String cycleId, Map<String, String> reviewByEmployee) {
        if (reviewByEmployee.isEmpty()) return;
        jdbc.sql("""
                update review.cycle_member m set review_id = v.review_id
                  from unnest(cast(? as text[]), cast(? as text[])) v(employee_id, review_id)
                 where m.cycle_id = ? and m.employee_id = v.employee_id""")
                .params(
                        reviewByEmployee.keySet().toArray(String[]::new),
                        reviewByEmployee.values().toArray(String[]::new),
                        cycleId)
                .update();
    }

    List<String> cyclesOf(String reviewId) {
        return jdbc.sql("select distinct cycle_id from review.cycle_member where review_id = ?")
                .param(reviewId)
                .query(String.class)
                .list();
    }

    /** Assessed members whose review is not archived yet. */
    int countOpen(String cycleId) {
        return jdbc.sql("""
                select count(*) from review.cycle_member m
                 where m.cycle_id = ? and m.eligible and m.launch_problem is null
                   and not exists (select 1 from review.archive a where a.review_id = m.review_id)""").param(cycleId).query(Integer.class).single();
    }

    /** Each assessed member's mean monthly total of the scheme in the months; members without one are not assessed. */
    void rollUp(String cycleId, String schemeId, String firstMonth, String lastMonth) {
        jdbc.sql("""
                update review.cycle_member m set rolled_total = t.mean
                  from (select r.employee_id, round(avg(r.final_total), 2) as mean from review.review r
                         where r.scheme_id = :scheme and r.final_total is not null and r.period between :first and :last
                         group by r.employee_id) t
                 where m.cycle_id = :cycle and m.eligible and m.employee_id = t.employee_id""")
                .param("scheme", schemeId)
                .param("first", firstMonth)
                .param("last", lastMonth)
                .param("cycle", cycleId)
                .update();
        jdbc.sql("""
                update review.cycle_member set eligible = false,
                       reason = reason || '; 本期无月度考核结果 / no monthly results in the period'
                 where cycle_id = ? and eligible and rolled_total is null""").param(cycleId).update();
    }

    /** The totals the quota is applied to: the rolled-up mean, else the review's final total. */
    List<ForcedDistribution.EmployeeTotal> totals(String cycleId) {
        return jdbc.sql("""
                select m.employee_id, coalesce(m.rolled_total, r.final_total) from review.cycle_member m
                  left join review.review r on r.id = m.review_id
                 where m.cycle_id = ? and m.eligible and m.launch_problem is null order by m.employee_id""")
                .param(cycleId)
                .query((rs, n) -> new ForcedDistribution.EmployeeTotal(rs.getString(1), rs.getDouble(2)))
                .list();
    }

    void saveProposal(String cycleId, ForcedDistribution.Placement p) {
        jdbc.sql("""
                insert into review.calibration (cycle_id, employee_id, total, rank, natural_grade, proposed_grade)
                values (?, ?, ?, ?, ?, ?) on conflict (cycle_id, employee_id) do update set total = excluded.total,
                       rank = excluded.rank, natural_grade = excluded.natural_grade, proposed_grade = excluded.proposed_grade""")
                .params(
                        cycleId,
                        p.employeeId(),
                        p.total(),
                        p.rank(),
                        p.naturalGrade().name(),
                        p.grade().name())
                .update();
    }

    /** employee → proposed grade, as calibration starts from it. */
    Map<String, String> proposedGrades(String cycleId) {
        Map<String, String> proposed = new LinkedHashMap<>();
        jdbc.sql("select employee_id, proposed_grade from review.calibration where cycle_id = ?")
                .param(cycleId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(e -> proposed.put(e.getKey(), e.getValue()));
        return proposed;
    }

    void saveFinalGrade(
            String cycleId, String employeeId, Grade grade, String overrideReason, String facts, String decidedBy) {
        jdbc.sql("""
                update review.calibration set final_grade = ?, override_reason = ?, facts = ?, decided_by = ?, decided_at = now()
                 where cycle_id = ? and employee_id = ?""")
                .params(grade.name(), overrideReason, facts, decidedBy, cycleId, employeeId)
                .update();
    }

    /** A member's place in the calibration, best first; {@code reason} is HR's reason for an overridden grade. */
    public record CalibrationRow(
            String employeeId,
            String name,
            double total,
            int rank,
            String naturalGrade,
            String proposedGrade,
            String finalGrade,
            String reason,
            String facts) {}

    /** Calibration rows for the form and the API, best first. */
    List<CalibrationRow> calibrationRows(String cycleId) {
        return jdbc.sql("""
                select c.employee_id, e.name_zh || ' ' || e.name_en as name, c.total, c.rank, c.natural_grade, c.proposed_grade,
                       c.final_grade, c.override_reason, c.facts
                  from review.calibration c join review.employee e on e.id = c.employee_id
                 where c.cycle_id = ? order by c.rank, c.employee_id""")
                .param(cycleId)
                .query((rs, n) -> new CalibrationRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getDouble(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)))
                .list();
    }

    /** Who the cycle took in, and why not where not; the review each eligible member got, or why it could not start. */
    public record Member(String employeeId, boolean eligible, String reason, String reviewId, String launchProblem) {}

    List<Member> members(String cycleId) {
        return jdbc.sql("""
                select employee_id, eligible, reason, review_id, launch_problem
                  from review.cycle_member where cycle_id = ? order by employee_id""")
                .param(cycleId)
                .query((rs, n) -> new Member(
                        rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }
}
