package com.servicereview.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.servicereview.review.ReviewProcessTestSupport;
import com.servicereview.submission.SubmissionRefused;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * A cycle meets reviews that exist already: one started by hand for the month is adopted (it
 * counts towards the cycle), one of another cycle is recorded as that member's problem, and the
 * launch goes on for everyone else.
 */
class CycleAdoptionTest extends ReviewProcessTestSupport {

    private static final String PERIOD = "2019-09";

    @Test
    void aDepartmentCycleAdoptsAHandStartedReviewAndLaunchesPastAnotherCyclesReviews() {
        // zhaolei's review is started by hand; team as1 has its own cycle for the month
        ProcessInstance byHand = start("zhaolei", PERIOD);
        ProcessInstance teamCycle = startCycle("as1");
        runJob(teamCycle, ReviewCycleProcess.Activity.PREPARE);
        runJob(teamCycle, ReviewCycleProcess.Activity.LAUNCH);
        assertThat(count(
                        "select count(*) from review.review where cycle_id = ?", "as1:" + PERIOD + ":cs-staff-monthly"))
                .isEqualTo(6);

        ProcessInstance department = startCycle("cs");
        String cycleId = "cs:" + PERIOD + ":cs-staff-monthly";
        runJob(department, ReviewCycleProcess.Activity.PREPARE);
        runJob(department, ReviewCycleProcess.Activity.LAUNCH);
        assertThat(department).isWaitingAt(ReviewCycleProcess.Activity.WAIT_FOR_REVIEWS);
        assertThat(engine.getRuntimeService()
                        .createIncidentQuery()
                        .processInstanceId(department.getId())
                        .count())
                .isZero();

        // the six as2 agents count towards the department's cycle: five new reviews and zhaolei's adopted one
        List<String> launched = jdbc.sql("""
                select employee_id from review.cycle_member where cycle_id = ? and review_id is not null order by employee_id""").param(cycleId).query(String.class).list();
        assertThat(launched).containsExactly("mali", "sunjie", "wuhao", "xulin", "zhaolei", "zhouting");
        assertThat(jdbc.sql("select cycle_id from review.review where id = ?")
                        .param("zhaolei:" + PERIOD + ":cs-staff-monthly")
                        .query(String.class)
                        .single())
                .isEqualTo(cycleId);
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey("zhaolei:" + PERIOD + ":cs-staff-monthly")
                        .count())
                .isEqualTo(1);
        assertThat(byHand.getId())
                .isEqualTo(jdbc.sql("select process_instance_id from review.review where id = ?")
                        .param("zhaolei:" + PERIOD + ":cs-staff-monthly")
                        .query(String.class)
                        .single());

        // the as1 agents belong to the team's cycle: recorded for HR, not launched twice
        List<String> problems = jdbc.sql("""
                select employee_id || ': ' || launch_problem from review.cycle_member
                 where cycle_id = ? and launch_problem is not null order by employee_id""").param(cycleId).query(String.class).list();
        assertThat(problems).hasSize(6).allSatisfy(p -> assertThat(p).contains("belongs to cycle as1:" + PERIOD));
        assertThat(jdbc.sql("select count(*) from act_ru_execution where business_key_ like ? and parent_id_ is null")
                        .param("%:" + PERIOD + ":cs-staff-monthly")
                        .query(Integer.class)
                        .single())
                .isEqualTo(12 + 2);
    }

    @Test
    void aReviewOfAnotherCycleIsRefusedAtTheStartSayingWhose() {
        String period = "2019-10";
        ProcessInstance teamCycle = engine.getRuntimeService()
                .startProcessInstanceByKey(
                        ReviewCycleProcess.KEY,
                        Map.of("unitId", "as2", "period", period, "schemeId", "cs-staff-monthly"));
        runJob(teamCycle, ReviewCycleProcess.Activity.PREPARE);
        runJob(teamCycle, ReviewCycleProcess.Activity.LAUNCH);
        assertThatThrownBy(() -> start("wuhao", period))
                .isInstanceOf(SubmissionRefused.class)
                .hasMessageContaining("already exists (in cycle as2:" + period + ":cs-staff-monthly)");
    }

    private ProcessInstance startCycle(String unit) {
        return engine.getRuntimeService()
                .startProcessInstanceByKey(
                        ReviewCycleProcess.KEY,
                        Map.of("unitId", unit, "period", PERIOD, "schemeId", "cs-staff-monthly"));
    }
}
