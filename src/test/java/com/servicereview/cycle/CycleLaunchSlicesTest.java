package com.servicereview.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.servicereview.review.EmployeeReviewProcess;
import com.servicereview.review.ReviewProcessTestSupport;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A cycle of 2½ slices of agents (service-review.cycle.launch-batch each) launches in three slices: the
 * cycle's launch step does the first and starts a review-cycle-slice instance for each of the other
 * two, whose jobs may run in parallel, on any node, at least once. A slice that fails after it started
 * some reviews and is retried, and a slice that runs a second time, still leave exactly one review per member.
 */
class CycleLaunchSlicesTest extends ReviewProcessTestSupport {

    private static final String UNIT = "slice-dept";
    private static final String PERIOD = "2031-03";
    private static final String CYCLE = UNIT + ":" + PERIOD + ":cs-staff-monthly";

    @Autowired
    private CycleService cycles;

    @Value("${service-review.cycle.launch-batch}")
    private int slice;

    private int agents() {
        return 2 * slice + slice / 2;
    }

    /** Agent n (1, 2, …) in id order. */
    private static String agent(int n) {
        return "slc" + String.format("%03d", n);
    }

    @Test
    void aRetriedOrRepeatedSliceStartsExactlyOneReviewPerMember() {
        seed();
        ProcessInstance cycle = engine.getRuntimeService()
                .startProcessInstanceByKey(
                        ReviewCycleProcess.KEY,
                        Map.of("unitId", UNIT, "period", PERIOD, "schemeId", "cs-staff-monthly"));
        runJob(cycle, ReviewCycleProcess.Activity.PREPARE);
        runJob(cycle, ReviewCycleProcess.Activity.LAUNCH);
        assertThat(cycle).isWaitingAt(ReviewCycleProcess.Activity.WAIT_FOR_REVIEWS);
        assertThat(reviews()).isEqualTo(slice);
        assertThat(status()).isEqualTo("LAUNCHING");

        // slice 1 fails in its 10th member's data step, after starting 9 reviews (all reserved and routed at once):
        // nothing of it stays, its job is retried later
        Job slice1 = sliceJob(1);
        String failingReview = agent(slice + 10) + ":" + PERIOD + ":cs-staff-monthly";
        jdbc.sql("""
                create function review.fail_one_launch() returns trigger language plpgsql as $$
                begin
                  if new.review_id = '%s' then raise exception 'injected launch failure'; end if;
                  return new;
                end $$""".formatted(failingReview)).update();
        jdbc.sql(
                        "create trigger fail_one_launch before insert on review.kpi_snapshot for each row execute function review.fail_one_launch()")
                .update();
        try {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(slice1.getId()))
                    .hasStackTraceContaining("injected launch failure");
        } finally {
            jdbc.sql("drop trigger fail_one_launch on review.kpi_snapshot").update();
            jdbc.sql("drop function review.fail_one_launch()").update();
        }
        assertThat(reviews()).isEqualTo(slice);
        assertThat(engine.getManagementService()
                        .createJobQuery()
                        .jobId(slice1.getId())
                        .singleResult()
                        .getRetries())
                .isEqualTo(2);
        engine.getManagementService().executeJob(slice1.getId());
        assertThat(reviews()).isEqualTo(2 * slice);

        // slice 2 runs, then runs again as if it had read its members before the first run committed (a lock that
        // expired, a second node): it finds every review id taken by its own cycle and joins it instead of failing
        engine.getManagementService().executeJob(sliceJob(2).getId());
        assertThat(status()).isEqualTo("IN_REVIEW");
        List<String> slice2 = jdbc.sql(
                        "select employee_id from review.cycle_member where cycle_id = ? and employee_id > ?")
                .params(CYCLE, agent(2 * slice))
                .query(String.class)
                .list();
        assertThat(slice2).hasSize(slice / 2);
        jdbc.sql("update review.cycle_member set review_id = null where cycle_id = ? and employee_id > ?")
                .params(CYCLE, agent(2 * slice))
                .update();
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired()
                .execute(context -> {
                    cycles.launchSlice(CYCLE, 2);
                    return null;
                });

        assertThat(reviews()).isEqualTo(agents());
        assertThat(count(
                        "select count(distinct business_key_) from act_ru_execution where parent_id_ is null and business_key_ like ?",
                        "slc%:" + PERIOD + ":cs-staff-monthly"))
                .isEqualTo(agents());
        assertThat(count(
                        "select count(*) from review.review where cycle_id = ? and process_instance_id is not null",
                        CYCLE))
                .isEqualTo(agents());
        assertThat(count(
                        "select count(*) from review.cycle_member where cycle_id = ? and review_id is not null and launch_problem is null",
                        CYCLE))
                .isEqualTo(agents());
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .processDefinitionKey(EmployeeReviewProcess.KEY)
                        .taskDefinitionKey(EmployeeReviewProcess.Activity.SELF_REVIEW)
                        .processInstanceBusinessKeyLike("slc%:" + PERIOD + ":%")
                        .count())
                .isEqualTo(agents());
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processDefinitionKey(ReviewCycleProcess.SLICE_KEY)
                        .processInstanceBusinessKeyLike(CYCLE + "#%")
                        .count())
                .isZero();
        assertThat(cycle).isWaitingAt(ReviewCycleProcess.Activity.WAIT_FOR_REVIEWS);
    }

    private Job sliceJob(int slice) {
        ProcessInstance instance = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(ReviewCycleProcess.SLICE_KEY)
                .processInstanceBusinessKey(CYCLE + "#" + slice)
                .singleResult();
        assertThat(instance).as("slice " + slice).isNotNull();
        return engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .singleResult();
    }

    private int reviews() {
        return count(
                "select count(*) from act_ru_execution where parent_id_ is null and business_key_ like ?",
                "slc%:" + PERIOD + ":cs-staff-monthly");
    }

    private String status() {
        return jdbc.sql("select status from review.cycle where id = ?")
                .param(CYCLE)
                .query(String.class)
                .single();
    }

    /** A department with one team: head ← supervisor ← the agents slc001, slc002, …, each with the month's measured inputs. */
    private void seed() {
        jdbc.sql(
                        "insert into review.org_unit (id, parent_id, kind, name_zh, name_en) values (?, null, 'DEPARTMENT', '分片部', 'Slice department')")
                .param(UNIT)
                .update();
        jdbc.sql(
                        "insert into review.org_unit (id, parent_id, kind, name_zh, name_en) values ('slice-team', ?, 'TEAM', '分片组', 'Slice team')")
                .param(UNIT)
                .update();
        jdbc.sql("""
                insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on)
                values ('slc-head', '分片经理', 'Slice head', ?, 'DEPARTMENT_HEAD', null, date '2020-01-01'),
                       ('slc-sup', '分片主管', 'Slice supervisor', 'slice-team', 'SUPERVISOR', 'slc-head', date '2020-01-01')""").param(UNIT).update();
        jdbc.sql("update review.org_unit set head_employee_id = 'slc-head' where id = ?")
                .param(UNIT)
                .update();
        jdbc.sql("update review.org_unit set head_employee_id = 'slc-sup' where id = 'slice-team'")
                .update();
        jdbc.sql("""
                insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on)
                select 'slc' || lpad(n::text, 3, '0'), '坐席' || n, 'Agent ' || n, 'slice-team', 'EMPLOYEE', 'slc-sup', date '2020-01-01'
                  from generate_series(1, ?) n""").param(agents()).update();
        jdbc.sql("""
                insert into review.kpi_value (employee_id, period, input_key, value, source)
                select 'slc' || lpad(n::text, 3, '0'), ?, k.key, k.value, 'test'
                  from generate_series(1, ?) n
                 cross join (values ('complaint-rate', 0.0), ('revisit-completion', 100), ('revisit-authenticity', 1),
                                    ('satisfaction', 100), ('report-authenticity', 1), ('failed-spot-checks', 0)) k(key, value)""").params(PERIOD, agents()).update();
    }
}
