package com.servicereview.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.servicereview.review.EmployeeReviewProcess;
import com.servicereview.review.ReviewProcessTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A launch slice prepares its members with a few statements for all of them (checks, reservations, routing, KPI
 * inputs): what it writes and starts must be what a start by hand of the same person writes and starts, and a member
 * it cannot prepare meets the same checks one by one.
 */
class CycleLaunchPreparedTest extends ReviewProcessTestSupport {

    private static final String UNIT = "prep-dept";
    private static final String TEAM = "prep-team";
    private static final String PERIOD = "2031-05";
    private static final String BY_HAND_PERIOD = "2031-04";
    private static final String SCHEME = "cs-staff-monthly";
    private static final String CYCLE = UNIT + ":" + PERIOD + ":" + SCHEME;

    @Test
    void aPreparedSliceRoutesAndFreezesAsAStartByHandAndReportsWhoCannotStart() {
        seed();
        // The same person started by hand (another month): the reference for what the slice must write.
        ProcessInstance byHand = start("prp-a", BY_HAND_PERIOD);
        runAsyncSteps(byHand);

        ProcessInstance cycle = engine.getRuntimeService()
                .startProcessInstanceByKey(
                        ReviewCycleProcess.KEY, Map.of("unitId", UNIT, "period", PERIOD, "schemeId", SCHEME));
        runJob(cycle, ReviewCycleProcess.Activity.PREPARE);
        runJob(cycle, ReviewCycleProcess.Activity.LAUNCH);

        String launched = "prp-a:" + PERIOD + ":" + SCHEME;
        String reference = "prp-a:" + BY_HAND_PERIOD + ":" + SCHEME;
        assertThat(routing(launched)).isEqualTo(routing(reference));
        assertThat(routing(launched))
                .containsEntry(EmployeeReviewProcess.Role.SELF, List.of("prp-a"))
                .containsEntry(EmployeeReviewProcess.Role.SUPERVISOR, List.of("prp-sup"))
                .containsEntry(EmployeeReviewProcess.Role.INDIRECT, List.of("prp-head"))
                .containsEntry(EmployeeReviewProcess.Role.APPEAL_COORDINATOR, List.of("prp-head"))
                .containsEntry(EmployeeReviewProcess.Role.GROUP, List.of("prp-peer"));
        assertThat(jdbc.sql("select inputs::text from review.kpi_snapshot where review_id = ?")
                        .param(launched)
                        .query(String.class)
                        .single())
                .isEqualTo(jdbc.sql("select inputs::text from review.kpi_snapshot where review_id = ?")
                        .param(reference)
                        .query(String.class)
                        .single());
        assertThat(jdbc.sql("select status || ' ' || scheme_version || ' ' || (process_instance_id is not null)"
                                + " from review.review where id = ?")
                        .param(launched)
                        .query(String.class)
                        .single())
                .isEqualTo("IN_REVIEW 1 true");

        ProcessInstance review = instance(launched);
        Task self = task(review, EmployeeReviewProcess.Activity.SELF_REVIEW);
        Task byHandSelf = task(instance(reference), EmployeeReviewProcess.Activity.SELF_REVIEW);
        assertThat(self.getAssignee()).isEqualTo("prp-a");
        assertThat(self.getName()).isEqualTo(byHandSelf.getName().replace(BY_HAND_PERIOD, PERIOD));
        assertThat(localVariables(self)).isEqualTo(localVariables(byHandSelf));
        assertThat(tasks(review, EmployeeReviewProcess.Activity.GROUP_REVIEW))
                .extracting(Task::getAssignee)
                .containsExactly("prp-peer");

        // No inputs for the month: the data step ran and asks HR, as for a start by hand.
        assertThat(instance("prp-b:" + PERIOD + ":" + SCHEME)).isWaitingAt(EmployeeReviewProcess.Activity.SUPPLY_DATA);
        // No supervisor: not started, the reason with the member, the others launched.
        assertThat(jdbc.sql(
                                "select launch_problem from review.cycle_member where cycle_id = ? and employee_id = 'prp-c'")
                        .param(CYCLE)
                        .query(String.class)
                        .single())
                .contains("没有直接主管");
        assertThat(count("select count(*) from review.review where employee_id = 'prp-c'"))
                .isZero();
        assertThat(count(
                        "select count(*) from review.cycle_member where cycle_id = ? and review_id is not null", CYCLE))
                .isEqualTo(2);
        assertThat(jdbc.sql("select status from review.cycle where id = ?")
                        .param(CYCLE)
                        .query(String.class)
                        .single())
                .isEqualTo("IN_REVIEW");
    }

    private Map<String, List<String>> routing(String reviewId) {
        Map<String, List<String>> routing = new TreeMap<>();
        jdbc.sql("select role, user_id from review.participant where review_id = ? order by role, position")
                .param(reviewId)
                .query((rs, n) -> routing.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        return routing;
    }

    /** The task's own variables as text (JSON values compare by their text, not as objects). */
    private Map<String, String> localVariables(Task task) {
        Map<String, String> shown = new TreeMap<>();
        engine.getTaskService()
                .getVariablesLocal(task.getId())
                .forEach((name, value) -> shown.put(name, String.valueOf(value)));
        return shown;
    }

    private ProcessInstance instance(String reviewId) {
        ProcessInstance instance = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(reviewId)
                .singleResult();
        assertThat(instance).as(reviewId).isNotNull();
        return instance;
    }

    /** head ← supervisor ← agents a (inputs for both months), b (none this month) and c (no supervisor); a peer rates the team. */
    private void seed() {
        jdbc.sql(
                        "insert into review.org_unit (id, parent_id, kind, name_zh, name_en) values (?, null, 'DEPARTMENT', '预备部', 'Prepared department')")
                .param(UNIT)
                .update();
        jdbc.sql(
                        "insert into review.org_unit (id, parent_id, kind, name_zh, name_en) values (?, ?, 'TEAM', '预备组', 'Prepared team')")
                .params(TEAM, UNIT)
                .update();
        jdbc.sql("""
                insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on) values
                  ('prp-head', '预备经理', 'Prepared head', ?, 'DEPARTMENT_HEAD', null, date '2020-01-01'),
                  ('prp-sup', '预备主管', 'Prepared supervisor', ?, 'SUPERVISOR', 'prp-head', date '2020-01-01'),
                  ('prp-peer', '预备同事', 'Prepared peer', ?, 'SUPERVISOR', 'prp-head', date '2020-01-01'),
                  ('prp-a', '坐席甲', 'Agent A', ?, 'EMPLOYEE', 'prp-sup', date '2020-01-01'),
                  ('prp-b', '坐席乙', 'Agent B', ?, 'EMPLOYEE', 'prp-sup', date '2020-01-01'),
                  ('prp-c', '坐席丙', 'Agent C', ?, 'EMPLOYEE', null, date '2020-01-01')""").params(UNIT, TEAM, UNIT, TEAM, TEAM, TEAM).update();
        jdbc.sql("update review.org_unit set head_employee_id = 'prp-head' where id = ?")
                .param(UNIT)
                .update();
        jdbc.sql("update review.org_unit set head_employee_id = 'prp-sup' where id = ?")
                .param(TEAM)
                .update();
        jdbc.sql("insert into review.group_reviewer (unit_id, reviewer_id) values (?, 'prp-peer')")
                .param(TEAM)
                .update();
        kpis("prp-a", PERIOD);
        kpis("prp-a", BY_HAND_PERIOD);
    }
}
