package com.servicereview.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.servicereview.review.EmployeeReviewProcess;
import com.servicereview.review.ReviewProcessTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A month's cycle for team as1 (six agents): eligibility, one review each launched by the cycle,
 * the cycle waking up when the last review is archived, the quota proposal and HR's calibration.
 */
class ReviewCycleTest extends ReviewProcessTestSupport {

    private static final String PERIOD = "2020-05";
    private static final String CYCLE = "as1:" + PERIOD + ":cs-staff-monthly";
    private static final List<String> AGENTS =
            List.of("chenjing", "huangqiang", "liuyang", "wangfang", "yangxiuying", "zhangwei");

    @Test
    void aTeamMonthFromLaunchToCalibration() {
        AGENTS.forEach(agent -> kpis(agent, PERIOD));
        String definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(ReviewCycleProcess.KEY)
                .latestVersion()
                .singleResult()
                .getId();
        assertThatThrownBy(() -> engine.getFormService()
                        .submitStartForm(
                                definition,
                                Map.of("unitId", "nowhere", "period", PERIOD, "schemeId", "cs-staff-monthly")))
                .hasMessageContaining("unknown department or team");
        ProcessInstance cycle = engine.getFormService()
                .submitStartForm(definition, Map.of("unitId", "as1", "period", PERIOD, "schemeId", "cs-staff-monthly"));
        assertThat(cycle.getBusinessKey()).isEqualTo(CYCLE);

        runJob(cycle, ReviewCycleProcess.Activity.PREPARE);
        // the team's six agents; its supervisor is reviewed in another cycle
        assertThat(count("select count(*) from review.cycle_member where cycle_id = ? and eligible", CYCLE))
                .isEqualTo(6);
        runJob(cycle, ReviewCycleProcess.Activity.LAUNCH);
        assertThat(cycle).isWaitingAt(ReviewCycleProcess.Activity.WAIT_FOR_REVIEWS);

        // each agent's review, worked through: scores 28 … 23 → totals 94 … 89 (all EXCELLENT by G1)
        for (int i = 0; i < AGENTS.size(); i++) {
            String agent = AGENTS.get(i);
            ProcessInstance review = engine.getRuntimeService()
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(agent + ":" + PERIOD + ":cs-staff-monthly")
                    .singleResult();
            assertThat(engine.getRuntimeService().getVariable(review.getId(), "cycleId"))
                    .isEqualTo(CYCLE);
            // the launch collected the data in its own transaction: no job per review
            assertThat(review)
                    .isWaitingAt(EmployeeReviewProcess.Activity.SELF_REVIEW)
                    .hasNotPassed(EmployeeReviewProcess.Activity.COLLECT_DATA);
            rate(review, 28 - i, 28 - i, 28 - i);
            approve(review);
            if (i < AGENTS.size() - 1) {
                acknowledge(review);
                assertThat(cycle).isWaitingAt(ReviewCycleProcess.Activity.WAIT_FOR_REVIEWS);
            } else {
                acknowledge(review); // the last one wakes the cycle
            }
        }
        assertThat(cycle).isWaitingAt(ReviewCycleProcess.Activity.PROPOSE_GRADES);
        runJob(cycle, ReviewCycleProcess.Activity.PROPOSE_GRADES);

        // G2 for 6 people: OUTSTANDING floor(0.6) = 0 seats, EXCELLENT floor(0.9) = 0, MEDIUM floor(3.9) = 3:
        // 94, 93, 92 → MEDIUM; MEDIUM is then full, so 91, 90, 89 → NEEDS_IMPROVEMENT
        assertThat(jdbc.sql(
                                "select employee_id || ' ' || total || ' ' || proposed_grade from review.calibration where cycle_id = ? order by rank")
                        .param(CYCLE)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "chenjing 94.00 MEDIUM",
                        "huangqiang 93.00 MEDIUM",
                        "liuyang 92.00 MEDIUM",
                        "wangfang 91.00 NEEDS_IMPROVEMENT",
                        "yangxiuying 90.00 NEEDS_IMPROVEMENT",
                        "zhangwei 89.00 NEEDS_IMPROVEMENT");

        Task calibrate = task(cycle, ReviewCycleProcess.Activity.CALIBRATE);
        assertThat(engine.getTaskService().getIdentityLinksForTask(calibrate.getId()))
                .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("hr"));
        engine.getTaskService().claim(calibrate.getId(), "zhaomin");
        // an override without a reason is refused
        assertThatThrownBy(() -> complete(calibrate, override("wangfang", "MEDIUM", null, null)))
                .hasMessageContaining("calibrationItems.wangfang: changing the proposed grade needs a written reason");
        // OUTSTANDING needs supporting facts (G3)
        assertThatThrownBy(() -> complete(calibrate, override("chenjing", "OUTSTANDING", "全年最佳", null)))
                .hasMessageContaining("OUTSTANDING needs supporting facts");
        // each proposal says why: wangfang's 91 is MEDIUM by total, but the three MEDIUM seats went to higher totals
        assertThat(engine.getTaskService()
                        .getVariableLocal(calibrate.getId(), "calibrationRows")
                        .toString())
                .contains(
                        "by total Excellent; Excellent has no seat; moved down to Medium (G2)",
                        "by total Excellent; Excellent has no seat; Medium's 3 seats went to higher totals; moved down to Needs improvement (G2)");
        // a fourth MEDIUM is over the three seats: refused until HR accepts exceeding the quota
        Object[] overMedium = override("wangfang", "MEDIUM", "与第三名仅差1分，组小名额少 / one point behind, small team", null);
        assertThatThrownBy(() -> complete(calibrate, overMedium))
                .hasMessageContaining("acceptOverQuota")
                .hasMessageContaining("4 of 3");
        Object[] accepted = with(overMedium, "acceptOverQuota", true);
        complete(calibrate, accepted);

        // C1/C4: #1 +100, last −100 and a training plan (bottom 20% of 6 = 1 person); the bottom two rectify
        runJob(cycle, ReviewCycleProcess.Activity.APPLY_CONSEQUENCES);
        assertThat(jdbc.sql(
                                "select employee_id || ' ' || rule || ' ' || kind || ' ' || coalesce(amount::text, '-') from review.consequence "
                                        + "where cycle_id = ? order by employee_id, rule, kind")
                        .param(CYCLE)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "chenjing C1 monthly-first-reward 100.00",
                        "yangxiuying C1 rectification-plan -",
                        "zhangwei C1 monthly-last-deduction -100.00",
                        "zhangwei C1 rectification-plan -",
                        "zhangwei C4 training-plan -");
        List<Task> plans = tasks(cycle, ReviewCycleProcess.Activity.RECTIFICATION);
        assertThat(plans).extracting(Task::getAssignee).containsExactlyInAnyOrder("yangxiuying", "zhangwei");
        assertThat(plans).allSatisfy(t -> assertThat(t.getDueDate()).isNotNull());
        Task first = plans.get(0);
        assertThatThrownBy(() -> complete(first, "rectificationPlan", "每周复盘", "rectificationTargetDate", "2020-07-01"))
                .hasMessageContaining("rectificationCauses");
        for (Task plan : plans) {
            complete(
                    plan,
                    "rectificationCauses",
                    "回访完成率偏低，抽查不合格一次",
                    "rectificationPlan",
                    "每周复盘录音，补齐回访",
                    "rectificationTargetDate",
                    "2020-07-01");
        }
        assertThat(count("select count(*) from review.rectification_plan where cycle_id = ?", CYCLE))
                .isEqualTo(2);
        runJob(cycle, ReviewCycleProcess.Activity.CLOSE);
        assertThat(cycle).isEnded();

        assertThat(jdbc.sql(
                                "select final_grade || ' ' || coalesce(override_reason, '-') || ' ' || decided_by from review.calibration where "
                                        + "cycle_id = ? and employee_id = 'wangfang'")
                        .param(CYCLE)
                        .query(String.class)
                        .single())
                .isEqualTo("MEDIUM 与第三名仅差1分，组小名额少 / one point behind, small team zhaomin");
        assertThat(count(
                        "select count(*) from review.calibration where cycle_id = ? and final_grade = proposed_grade",
                        CYCLE))
                .isEqualTo(5);
        assertThat(jdbc.sql("select status from review.cycle where id = ?")
                        .param(CYCLE)
                        .query(String.class)
                        .single())
                .isEqualTo("CLOSED");
        assertThat(count(
                        "select count(*) from review.audit_event where subject = ? and action = 'cycle.grade-overridden'",
                        CYCLE))
                .isEqualTo(1);
    }

    /** One override row of the calibration form. */
    private static Object[] override(String employee, String grade, String reason, String facts) {
        List<Object> fields = new ArrayList<>(List.of("override1Employee", employee, "override1Grade", grade));
        if (reason != null) fields.addAll(List.of("override1Reason", reason));
        if (facts != null) fields.addAll(List.of("override1Facts", facts));
        return fields.toArray();
    }
}
