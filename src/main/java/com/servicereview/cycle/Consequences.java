package com.servicereview.cycle;

import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Tier;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Domain §5 applied to a calibrated monthly cycle, as records (and, for the bottom two, a task):
 * C1 #1 +100 yuan, last −100 yuan, bottom two rectification plan, last 3 months running → transfer
 * review; C2 #1 3 months running → one-off bonus, 3 months failing → separation review; C4 top 10%
 * talent pool, top 15% honour, bottom 20% training plan, bottom 10% demotion/separation review;
 * T1 tiers for online-cs-monthly; for quarters and years A1 awards (best specialist ≤ 5%, excellent
 * specialist ≤ 10% of the staff) and, for a year, C3 post-allowance levels. Monthly rules (C1, C2,
 * rectification) apply to monthly cycles only. Idempotent: each (cycle, person, rule, kind) is recorded once.
 */
@Service
public class Consequences {

    private final JdbcClient jdbc;
    private final CycleService cycles;
    private final BigDecimal monthlyFirst;
    private final BigDecimal monthlyLast;
    private final BigDecimal threeMonthsFirst;

    public Consequences(
            JdbcClient jdbc,
            CycleService cycles,
            @Value("${service-review.consequences.monthly-first-reward:100}") BigDecimal monthlyFirst,
            @Value("${service-review.consequences.monthly-last-deduction:100}") BigDecimal monthlyLast,
            @Value("${service-review.consequences.three-months-first-bonus:300}") BigDecimal threeMonthsFirst) {
        this.jdbc = jdbc;
        this.cycles = cycles;
        this.monthlyFirst = monthlyFirst;
        this.monthlyLast = monthlyLast;
        this.threeMonthsFirst = threeMonthsFirst;
    }

    public record Ranked(String employeeId, int rank, double total, Grade grade) {}

    /** @return the employees who must submit a rectification plan (C1: the bottom two) */
    public List<String> apply(String cycleId) {
        CycleService.Cycle cycle = cycles.cycle(cycleId);
        List<Ranked> ranking = jdbc.sql("""
                select employee_id, rank, total, coalesce(final_grade, proposed_grade) from review.calibration
                 where cycle_id = ? order by rank, employee_id""")
                .param(cycleId)
                .query((rs, n) ->
                        new Ranked(rs.getString(1), rs.getInt(2), rs.getDouble(3), Grade.valueOf(rs.getString(4))))
                .list();
        int n = ranking.size();
        if (n == 0) return List.of();
        int lastRank = ranking.get(n - 1).rank();
        List<String> rectification = new ArrayList<>();
        CyclePeriod period = CyclePeriod.parse(cycle.period());
        if (period.awardPeriod()) awardsAndAllowances(cycleId, ranking, period.annual());
        if (period.midYear()) midYearFollowUp(cycle, ranking);
        for (int i = 0; i < n; i++) {
            Ranked r = ranking.get(i);
            String e = r.employeeId();
            if (!period.monthly()) {
                rankingUse(cycleId, e, i, n);
                continue;
            }
            if (r.rank() == 1) {
                record(cycleId, e, "C1", "monthly-first-reward", monthlyFirst, "月度第一名奖励 / monthly #1 reward");
                if (sameRankBefore(cycle, e, true)) {
                    record(
                            cycleId,
                            e,
                            "C2",
                            "three-months-first-bonus",
                            threeMonthsFirst,
                            "连续3个月第一名 / #1 three months running");
                }
            }
            if (r.rank() == lastRank && n > 1) {
                record(
                        cycleId,
                        e,
                        "C1",
                        "monthly-last-deduction",
                        monthlyLast.negate(),
                        "月度最后一名扣提成 / last this month, from commission");
                if (sameRankBefore(cycle, e, false)) {
                    record(
                            cycleId,
                            e,
                            "C1",
                            "transfer-review",
                            null,
                            "连续3个月最后一名，调岗评审 / last three months running: transfer review");
                }
            }
            // the bottom two by position (ties listed by id, as the ranking is)
            if (i >= n - 2 && n > 2) {
                record(
                        cycleId,
                        e,
                        "C1",
                        "rectification-plan",
                        null,
                        "倒数两名，一周内提交整改计划 / bottom two: rectification plan within one week");
                rectification.add(e);
            }
            if (r.grade() == Grade.URGENT_IMPROVEMENT && failedBefore(cycle, e)) {
                record(
                        cycleId,
                        e,
                        "C2",
                        "separation-review",
                        null,
                        "连续3个月不合格，辞退评审 / failing three months running: separation review");
            }
            rankingUse(cycleId, e, i, n);
        }
        if (cycle.schemeId().equals("online-cs-monthly")) tiers(cycle);
        return rectification;
    }

    /** C4: what a position in the ranking leads to, counted on the headcount. */
    private void rankingUse(String cycleId, String e, int position, int n) {
        double share = (position + 1) * 100.0 / n; // position from the top, in percent of the headcount
        double fromBottom = (n - position) * 100.0 / n;
        if (share <= 10) record(cycleId, e, "C4", "talent-pool", null, "前10%，进入人才库 / top 10%: talent pool");
        if (share <= 15) record(cycleId, e, "C4", "honour", null, "前15%，一次性荣誉奖励 / top 15%: one-off honour");
        if (fromBottom <= 20)
            record(cycleId, e, "C4", "training-plan", null, "后20%，制定培训计划 / bottom 20%: training plan");
        if (fromBottom <= 10)
            record(
                    cycleId,
                    e,
                    "C4",
                    "demotion-review",
                    null,
                    "后10%，降级或辞退评审 / bottom 10%: demotion or separation review");
    }

    /**
     * A1: best specialist for the top floor(5% × staff), excellent specialist for the next floor(10% ×
     * staff), by rank (ties listed by id, as the ranking is). C3 for a year: OUTSTANDING +1 allowance
     * level; EXCELLENT unchanged, promotion candidate; MEDIUM unchanged; NEEDS_IMPROVEMENT unchanged with
     * a mid-year follow-up target; URGENT_IMPROVEMENT −1 level and a mid-year follow-up.
     */
    private void awardsAndAllowances(String cycleId, List<Ranked> ranking, boolean annual) {
        int n = ranking.size();
        int best = (int) Math.floor(n * 0.05 + 1e-9);
        int excellent = (int) Math.floor(n * 0.10 + 1e-9);
        for (int i = 0; i < n; i++) {
            Ranked r = ranking.get(i);
            if (i < best)
                record(cycleId, r.employeeId(), "A1", "best-specialist", null, "最佳客服专员 / best specialist (≤ 5%)");
            else if (i < best + excellent)
                record(
                        cycleId,
                        r.employeeId(),
                        "A1",
                        "excellent-specialist",
                        null,
                        "优秀客服专员 / excellent specialist (≤ 10%)");
            if (!annual) continue;
            String allowance = switch (r.grade()) {
                case OUTSTANDING -> "岗位津贴升一级 / post allowance +1 level";
                case EXCELLENT -> "岗位津贴不变，晋升候选 / allowance unchanged, promotion candidate";
                case MEDIUM -> "岗位津贴不变 / allowance unchanged";
                case NEEDS_IMPROVEMENT -> "岗位津贴不变，年中跟进目标 / allowance unchanged, mid-year follow-up target";
                case URGENT_IMPROVEMENT -> "岗位津贴降一级，年中跟进 / post allowance −1 level, mid-year follow-up";
            };
            record(cycleId, r.employeeId(), "C3", "post-allowance", null, allowance);
        }
    }

    /**
     * C3 at mid-year, against last year's annual grade: NEEDS_IMPROVEMENT again → −1 allowance level;
     * NEEDS_IMPROVEMENT or URGENT_IMPROVEMENT after an annual URGENT_IMPROVEMENT → separation review.
     */
    private void midYearFollowUp(CycleService.Cycle cycle, List<Ranked> ranking) {
        String lastYear = String.valueOf(Integer.parseInt(cycle.period().substring(0, 4)) - 1);
        for (Ranked r : ranking) {
            String annual = jdbc.sql("""
                    select coalesce(c.final_grade, c.proposed_grade) from review.calibration c join review.cycle y on y.id = c.cycle_id
                     where y.unit_id = ? and y.period = ? and y.scheme_id = ? and c.employee_id = ?""")
                    .params(cycle.unitId(), lastYear, cycle.schemeId(), r.employeeId())
                    .query(String.class)
                    .optional()
                    .orElse(null);
            if (annual == null) continue;
            boolean weakNow = r.grade() == Grade.NEEDS_IMPROVEMENT || r.grade() == Grade.URGENT_IMPROVEMENT;
            if (annual.equals(Grade.URGENT_IMPROVEMENT.name()) && weakNow) {
                record(
                        cycle.id(),
                        r.employeeId(),
                        "C3",
                        "separation-review",
                        null,
                        "年中仍未改善（上年急需改进），辞退评审 / no improvement by mid-year after URGENT: separation review");
            } else if (annual.equals(Grade.NEEDS_IMPROVEMENT.name()) && r.grade() == Grade.NEEDS_IMPROVEMENT) {
                record(
                        cycle.id(),
                        r.employeeId(),
                        "C3",
                        "post-allowance",
                        null,
                        "年中再次需要改进，岗位津贴降一级 / NEEDS_IMPROVEMENT again at mid-year: post allowance −1 level");
            }
        }
    }

    /** T1 from each review's self and supervisor views of the total. */
    private void tiers(CycleService.Cycle cycle) {
        List<Map<String, Object>> rows = jdbc.sql("""
                select m.employee_id,
                       (select view_total from review.rating where review_id = m.review_id and rater_role = 'self'
                         order by round desc limit 1) as self_total,
                       (select view_total from review.rating where review_id = m.review_id and rater_role = 'supervisor'
                         order by round desc limit 1) as supervisor_total
                  from review.cycle_member m where m.cycle_id = ? and m.eligible""")
                .param(cycle.id())
                .query((rs, n) -> Map.<String, Object>of(
                        "employee",
                        rs.getString(1),
                        "self",
                        rs.getObject(2) == null ? -1.0 : rs.getDouble(2),
                        "supervisor",
                        rs.getObject(3) == null ? -1.0 : rs.getDouble(3)))
                .list();
        for (Map<String, Object> row : rows) {
            double self = (double) row.get("self");
            double supervisor = (double) row.get("supervisor");
            if (self < 0 || supervisor < 0) continue;
            String employee = (String) row.get("employee");
            boolean warned = priorConsequence(cycle, employee, "tier", Tier.WARNING.name());
            Tier tier = Tier.of(self, supervisor, warned);
            record(
                    cycle.id(),
                    employee,
                    "T1",
                    "tier",
                    null,
                    tier.name() + " " + tier.labelZh() + " / " + tier.labelEn());
        }
    }

    private boolean sameRankBefore(CycleService.Cycle cycle, String employee, boolean first) {
        int count = 0;
        for (String period : previous(cycle.period(), 2)) {
            String sql = first
                    ? "select count(*) from review.calibration c join review.cycle y on y.id = c.cycle_id where y.unit_id = ? and y.period = "
                            + "? and y.scheme_id = ? and c.employee_id = ? and c.rank = 1"
                    : "select count(*) from review.calibration c join review.cycle y on y.id = c.cycle_id where y.unit_id = ? and y.period = "
                            + "? and y.scheme_id = ? and c.employee_id = ? and c.rank = (select max(rank) from review.calibration where cycle_id = y.id)";
            count += jdbc.sql(sql)
                                    .params(cycle.unitId(), period, cycle.schemeId(), employee)
                                    .query(Integer.class)
                                    .single()
                            > 0
                    ? 1
                    : 0;
        }
        return count == 2;
    }

    private boolean failedBefore(CycleService.Cycle cycle, String employee) {
        int count = 0;
        for (String period : previous(cycle.period(), 2)) {
            count += jdbc.sql("""
                    select count(*) from review.calibration c join review.cycle y on y.id = c.cycle_id
                     where y.unit_id = ? and y.period = ? and y.scheme_id = ? and c.employee_id = ?
                       and coalesce(c.final_grade, c.proposed_grade) = 'URGENT_IMPROVEMENT'""")
                                    .params(cycle.unitId(), period, cycle.schemeId(), employee)
                                    .query(Integer.class)
                                    .single()
                            > 0
                    ? 1
                    : 0;
        }
        return count == 2;
    }

    private boolean priorConsequence(CycleService.Cycle cycle, String employee, String kind, String detailPrefix) {
        String period = previous(cycle.period(), 1).get(0);
        return jdbc.sql("""
                select count(*) from review.consequence q join review.cycle y on y.id = q.cycle_id
                 where y.unit_id = ? and y.period = ? and y.scheme_id = ? and q.employee_id = ? and q.kind = ? and q.detail like ?""")
                        .params(cycle.unitId(), period, cycle.schemeId(), employee, kind, detailPrefix + "%")
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private static List<String> previous(String period, int months) {
        List<String> periods = new ArrayList<>();
        YearMonth m = YearMonth.parse(period);
        for (int i = 1; i <= months; i++) periods.add(m.minusMonths(i).toString());
        return periods;
    }

    private void record(String cycleId, String employee, String rule, String kind, BigDecimal amount, String detail) {
        jdbc.sql("""
                insert into review.consequence (cycle_id, employee_id, rule, kind, amount, detail) values (?, ?, ?, ?, ?, ?)
                on conflict (cycle_id, employee_id, rule, kind) do nothing""").params(cycleId, employee, rule, kind, amount, detail).update();
    }

    public void submitRectificationPlan(
            String cycleId, String employeeId, String causes, String plan, String targetDate, String by) {
        jdbc.sql("""
                insert into review.rectification_plan (cycle_id, employee_id, causes, plan, target_date, submitted_by)
                values (?, ?, ?, ?, cast(? as date), ?)
                on conflict (cycle_id, employee_id) do update set causes = excluded.causes, plan = excluded.plan,
                       target_date = excluded.target_date, submitted_by = excluded.submitted_by, submitted_at = now()""").params(cycleId, employeeId, causes, plan, targetDate, by).update();
    }
}
