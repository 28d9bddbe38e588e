package com.servicereview.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.servicereview.pay.PayLineKind;
import com.servicereview.pay.PayService;
import com.servicereview.report.CycleReport;
import com.servicereview.report.CycleReportService;
import com.servicereview.review.EmployeeReviewProcess;
import com.servicereview.review.ReviewProcessTestSupport;
import com.servicereview.scoring.Grade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo department's twelve agents over three months: every review worked through, one appeal
 * upheld in the third month, one grade overridden, the bottom two's rectification plans, the
 * three-months-#1 bonus (C2), pay lines and the report; then the quarter and the year rolled up.
 */
class DepartmentThreeMonthsTest extends ReviewProcessTestSupport {

    private static final List<String> PERIODS = List.of("2017-07", "2017-08", "2017-09");
    /** The department's agents in id order; agent i rates 28 − i → total 94 − i (66 measured + rating). */
    private static final List<String> AGENTS = List.of(
            "chenjing",
            "huangqiang",
            "liuyang",
            "mali",
            "sunjie",
            "wangfang",
            "wuhao",
            "xulin",
            "yangxiuying",
            "zhangwei",
            "zhaolei",
            "zhouting");

    @Autowired
    PayService pay;

    @Autowired
    CycleReportService reports;

    @Test
    void threeMonthlyCyclesWithAnAppealAnOverrideRectificationPayAndTheReport() {
        enterSeptemberPayInputs();
        PERIODS.forEach(this::runMonth);
        String september = "cs:2017-09:cs-staff-monthly";
        assertSeptemberCalibrationAndConsequences(september);
        assertSeptemberPayAndReport(september);
        // the quarter and the year roll the months up: mean totals, A1 awards, and for the year C3 allowances
        rollUp("2017-Q3");
        rollUp("2017");
        // C3 for the year: chenjing EXCELLENT → promotion candidate; zhouting NEEDS_IMPROVEMENT → mid-year follow-up
        // target
        assertThat(jdbc.sql(
                                "select employee_id || ': ' || detail from review.consequence where cycle_id = 'cs:2017:cs-staff-monthly' and "
                                        + "rule = 'C3' and employee_id in ('chenjing', 'zhouting') order by employee_id")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "chenjing: 岗位津贴不变，晋升候选 / allowance unchanged, promotion candidate",
                        "zhouting: 岗位津贴不变，年中跟进目标 / allowance unchanged, mid-year follow-up target");
        assertThat(
                        count(
                                "select count(*) from review.consequence where cycle_id = 'cs:2017-Q3:cs-staff-monthly' and rule = 'C3'"))
                .isZero();
    }

    /** HR has entered September's pay inputs in time: closing September computes its pay; July and August wait. */
    private void enterSeptemberPayInputs() {
        List<PayService.EmployeeInput> employees = new ArrayList<>();
        AGENTS.forEach(a -> employees.add(
                new PayService.EmployeeInput(a, new BigDecimal("4000"), new BigDecimal("10000"), BigDecimal.ZERO)));
        pay.saveInputs(
                "2017-09",
                new PayService.Inputs(
                        List.of(new PayService.UnitInput(
                                "cs",
                                new BigDecimal("12000"),
                                new BigDecimal("120000"),
                                new BigDecimal("100000"),
                                new BigDecimal("24000"))),
                        employees),
                "zhaomin");
    }

    /** One month: launch, every review (zhouting appeals in September), calibration, consequences, close. */
    private void runMonth(String period) {
        String cycleId = "cs:" + period + ":cs-staff-monthly";
        AGENTS.forEach(agent -> kpis(agent, period));
        String definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(ReviewCycleProcess.KEY)
                .latestVersion()
                .singleResult()
                .getId();
        ProcessInstance cycle = engine.getFormService()
                .submitStartForm(definition, Map.of("unitId", "cs", "period", period, "schemeId", "cs-staff-monthly"));
        runJob(cycle, ReviewCycleProcess.Activity.PREPARE);
        runJob(cycle, ReviewCycleProcess.Activity.LAUNCH);
        assertThat(count("select count(*) from review.cycle_member where cycle_id = ? and eligible", cycleId))
                .isEqualTo(12);

        for (int i = 0; i < AGENTS.size(); i++) {
            String agent = AGENTS.get(i);
            ProcessInstance review = engine.getRuntimeService()
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(agent + ":" + period + ":cs-staff-monthly")
                    .singleResult();
            // the launch collected the data in its own transaction: no job per review
            assertThat(review)
                    .isWaitingAt(EmployeeReviewProcess.Activity.SELF_REVIEW)
                    .hasNotPassed(EmployeeReviewProcess.Activity.COLLECT_DATA);
            rate(review, 28 - i, 28 - i, 28 - i);
            approve(review);
            boolean appeal = period.equals("2017-09") && agent.equals("zhouting");
            if (appeal) {
                appealUpheld(cycle, review);
            } else {
                acknowledge(review);
            }
        }
        runJob(cycle, ReviewCycleProcess.Activity.PROPOSE_GRADES);
        Task calibrate = task(cycle, ReviewCycleProcess.Activity.CALIBRATE);
        engine.getTaskService().claim(calibrate.getId(), "zhaomin");
        if (period.equals("2017-09")) {
            // one EXCELLENT seat for twelve, and it is taken: HR confirms exceeding it
            complete(
                    calibrate,
                    "override1Employee",
                    "huangqiang",
                    "override1Grade",
                    "EXCELLENT",
                    "override1Reason",
                    "季度内客户表扬最多 / most customer praise this quarter",
                    "acceptOverQuota",
                    true);
        } else {
            complete(calibrate);
        }
        runJob(cycle, ReviewCycleProcess.Activity.APPLY_CONSEQUENCES);
        for (Task plan : tasks(cycle, ReviewCycleProcess.Activity.RECTIFICATION)) {
            // the plan's form shows where the points were lost
            assertThat(engine.getTaskService()
                            .getVariableLocal(plan.getId(), "shortfalls")
                            .toString())
                    .contains("\"max\"");
            complete(
                    plan,
                    "rectificationCauses",
                    "回访不足，投诉处理慢",
                    "rectificationPlan",
                    "每日跟进回访，投诉24小时内闭环",
                    "rectificationTargetDate",
                    period + "-28");
        }
        runJob(cycle, ReviewCycleProcess.Activity.CLOSE);
        assertThat(cycle).isEnded();
    }

    /** zhouting (83, last) appeals: the complaint was misfiled; HR upholds, complaint rate 0 → +2 → 85. */
    private void appealUpheld(ProcessInstance cycle, ProcessInstance review) {
        complete(
                task(review, EmployeeReviewProcess.Activity.ACKNOWLEDGE_RESULT),
                "ackDecision",
                "appeal",
                "appealFacts",
                "9月投诉为其他坐席误录 / the complaint belonged to another agent");
        complete(
                task(review, EmployeeReviewProcess.Activity.COORDINATE_APPEAL),
                "coordinationOutcome",
                "escalate",
                "coordinationNote",
                "需人力资源部核实 / HR to verify");
        Task decide = task(review, EmployeeReviewProcess.Activity.DECIDE_APPEAL);
        engine.getTaskService().claim(decide.getId(), "zhaomin");
        complete(
                decide,
                "appealDecision",
                "uphold",
                "appealDecisionReason",
                "核实为误录 / verified",
                "corrected" + slot(decide, "correction", "complaint-rate"),
                0);
        // the appeal holds the cycle: it is still waiting for its last review
        assertThat(cycle).isWaitingAt(ReviewCycleProcess.Activity.WAIT_FOR_REVIEWS);
        runJob(review, EmployeeReviewProcess.Activity.RESCORE_APPEAL);
        runJob(review, EmployeeReviewProcess.Activity.ARCHIVE);
    }

    private void assertSeptemberCalibrationAndConsequences(String september) {
        // the upheld appeal moved zhouting from 83 to 85, level with zhangwei (rank 10, shared): zhaolei (84) is last
        // now
        assertThat(jdbc.sql(
                                "select employee_id || ' ' || total || ' ' || rank from review.calibration where cycle_id = ? and employee_id in "
                                        + "('zhouting', 'zhaolei') order by employee_id")
                        .param(september)
                        .query(String.class)
                        .list())
                .containsExactly("zhaolei 84.00 12", "zhouting 85.00 10");
        // G2 for 12: 1 OUTSTANDING seat (none earned), 1 EXCELLENT seat (chenjing 94), 7 MEDIUM (93 … 87), the rest
        // NEEDS_IMPROVEMENT;
        // HR moved huangqiang (93, proposed MEDIUM) up to EXCELLENT with a reason
        assertThat(jdbc.sql(
                                "select employee_id || ' ' || proposed_grade || ' ' || final_grade from review.calibration where cycle_id = ? "
                                        + "and employee_id in ('chenjing', 'huangqiang', 'zhouting') order by employee_id")
                        .param(september)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "chenjing EXCELLENT EXCELLENT",
                        "huangqiang MEDIUM EXCELLENT",
                        "zhouting NEEDS_IMPROVEMENT NEEDS_IMPROVEMENT");
        // C1 each month; C2 for chenjing, #1 three months running; the bottom two's plans each month
        assertThat(count(
                        "select count(*) from review.consequence where cycle_id = ? and employee_id = 'chenjing' and kind = "
                                + "'three-months-first-bonus'",
                        september))
                .isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from review.rectification_plan where cycle_id like 'cs:2017-0%:cs-staff-monthly'"))
                .isEqualTo(6);
        assertThat(jdbc.sql(
                                "select employee_id from review.consequence where cycle_id = ? and kind = 'monthly-last-deduction'")
                        .param(september)
                        .query(String.class)
                        .single())
                .isEqualTo("zhaolei");
    }

    private void assertSeptemberPayAndReport(String september) {
        // pay: computed at September's close; July waits for its inputs
        assertThat(count("select count(distinct employee_id) from review.pay_line where cycle_id = ?", september))
                .isEqualTo(12);
        assertThat(count("select count(*) from review.pay_line where cycle_id = 'cs:2017-07:cs-staff-monthly'"))
                .isZero();
        assertThat(
                        count(
                                "select count(*) from review.audit_event where subject = 'cs:2017-07:cs-staff-monthly' and action = 'cycle.pay-waiting'"))
                .isEqualTo(1);
        PayService.CyclePay lines = pay.compute(september); // recomputing gives the same lines
        PayService.EmployeePay chenjing = lines.employees().stream()
                .filter(e -> e.employeeId().equals("chenjing"))
                .findFirst()
                .orElseThrow();
        // M1 12000 × 10000 / 120000 = 1000; C1 +100; C2 +300
        assertThat(chenjing.lines().get(PayLineKind.PERSONAL_COMMISSION).amount())
                .isEqualByComparingTo("1000.00");
        assertThat(chenjing.lines().get(PayLineKind.CONSEQUENCE_C1).amount()).isEqualByComparingTo("100.00");
        assertThat(chenjing.lines().get(PayLineKind.CONSEQUENCE_C2).amount()).isEqualByComparingTo("300.00");
        assertThat(lines.employees()).hasSize(12);

        // the report: 12 ranked, the override shown, EXCELLENT counted twice after calibration
        CycleReport report = reports.report(september);
        assertThat(report.ranking()).hasSize(12);
        assertThat(report.ranking())
                .filteredOn(CycleReport.RankRow::overridden)
                .singleElement()
                .satisfies(r -> assertThat(r.employee().id()).isEqualTo("huangqiang"));
        assertThat(report.distribution())
                .filteredOn(d -> d.grade() == Grade.EXCELLENT)
                .singleElement()
                .satisfies(d -> assertThat(d.count()).isEqualTo(2));
    }

    private void rollUp(String period) {
        String cycleId = "cs:" + period + ":cs-staff-monthly";
        ProcessInstance rollUp = engine.getFormService()
                .submitStartForm(
                        engine.getRepositoryService()
                                .createProcessDefinitionQuery()
                                .processDefinitionKey(ReviewCycleProcess.KEY)
                                .latestVersion()
                                .singleResult()
                                .getId(),
                        Map.of("unitId", "cs", "period", period, "schemeId", "cs-staff-monthly"));
        runJob(rollUp, ReviewCycleProcess.Activity.PREPARE);
        runJob(rollUp, "Task_RollUpTotals");
        runJob(rollUp, ReviewCycleProcess.Activity.PROPOSE_GRADES);
        Task calibrate = task(rollUp, ReviewCycleProcess.Activity.CALIBRATE);
        engine.getTaskService().claim(calibrate.getId(), "zhaomin");
        complete(calibrate);
        runJob(rollUp, ReviewCycleProcess.Activity.APPLY_CONSEQUENCES);
        runJob(rollUp, ReviewCycleProcess.Activity.CLOSE);
        assertThat(rollUp)
                .isEnded()
                .hasNotPassed(ReviewCycleProcess.Activity.LAUNCH, ReviewCycleProcess.Activity.RECTIFICATION);
        // zhouting: (83 + 83 + 85) / 3 = 83.67; chenjing 94 every month
        assertThat(jdbc.sql(
                                "select employee_id || ' ' || rolled_total from review.cycle_member where cycle_id = ? and employee_id in "
                                        + "('chenjing', 'zhouting') order by employee_id")
                        .param(cycleId)
                        .query(String.class)
                        .list())
                .containsExactly("chenjing 94.00", "zhouting 83.67");
        // A1 for 12 people: best floor(0.6) = 0, excellent floor(1.2) = 1 → chenjing
        assertThat(jdbc.sql(
                                "select employee_id || ' ' || kind from review.consequence where cycle_id = ? and rule = 'A1'")
                        .param(cycleId)
                        .query(String.class)
                        .list())
                .containsExactly("chenjing excellent-specialist");
        assertThat(count(
                        "select count(*) from review.consequence where cycle_id = ? and rule in ('C1', 'C2')", cycleId))
                .isZero();
    }
}
