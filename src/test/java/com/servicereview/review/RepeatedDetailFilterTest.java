package com.servicereview.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * History FULL without the details that repeat a history row ({@link RepeatedDetailFilter}): a review started
 * through our API keeps the history row of every variable, the detail of every variable's creation but the form
 * copies' and the multi-instance counters', and the detail of a later change of a form copy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RepeatedDetailFilterTest {

    private static final String PERIOD = "2023-09";
    private static final String REVIEW = "zhangwei:" + PERIOD + ":cs-staff-monthly";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaskService taskService;

    @Test
    void copiesAndCountersHaveTheirHistoryRowAndOnlyTheirChangesHaveDetails() throws Exception {
        DemoKpis.give(jdbc, "zhangwei", PERIOD);
        var started = rest.withBasicAuth("zhaomin", "demo")
                .postForEntity(
                        "/api/reviews",
                        Map.of("employeeId", "zhangwei", "period", PERIOD, "schemeId", "cs-staff-monthly"),
                        String.class);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
        Task self = awaitSelfReview();
        String instance = self.getProcessInstanceId();

        List<String> history = names("act_hi_varinst", instance, null);
        assertThat(history)
                .contains(
                        "employeeId",
                        "period",
                        "dataComplete",
                        "employeeName",
                        "schemeName",
                        "kpiBreakdown",
                        "rating1",
                        "nrOfInstances",
                        "groupReviewer");
        List<String> details = names("act_hi_detail", instance, null);
        // The creation of every variable but the copies and counters keeps its detail...
        assertThat(details)
                .contains("employeeId", "period", "schemeId", "dataComplete", "hasGroupReview", "groupReviewer");
        // ...the copies of our tables for the forms write none (instance copies, every task-local variable), nor the
        // multi-instance counters.
        assertThat(details)
                .doesNotContain(
                        "employeeName",
                        "schemeName",
                        "kpiBreakdown",
                        "rating1",
                        "nrOfInstances",
                        "nrOfActiveInstances",
                        "nrOfCompletedInstances",
                        "loopCounter");
        assertThat(jdbc.sql("select count(*) from act_hi_detail where proc_inst_id_ = ? and task_id_ is not null")
                        .param(instance)
                        .query(Long.class)
                        .single())
                .isZero();

        // A change of a copy (an administrator's repair) keeps its detail, with the new value.
        taskService.setVariableLocal(
                self.getId(),
                "rating1",
                SpinValues.jsonValue("{\"id\":\"corrected\"}").create());
        assertThat(names("act_hi_detail", instance, self.getId())).containsExactly("rating1");
        assertThat(jdbc.sql("""
                                select convert_from(b.bytes_, 'UTF8') from act_hi_detail d
                                join act_ge_bytearray b on b.id_ = d.bytearray_id_ where d.task_id_ = ?""").param(self.getId()).query(String.class).single())
                .contains("corrected");
    }

    private List<String> names(String table, String instance, String task) {
        return jdbc.sql("select distinct name_ from " + table + " where proc_inst_id_ = ?"
                        + (task == null ? "" : " and task_id_ = '" + task + "'") + " order by name_")
                .param(instance)
                .query(String.class)
                .list();
    }

    private Task awaitSelfReview() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Task task = taskService
                    .createTaskQuery()
                    .processInstanceBusinessKey(REVIEW)
                    .taskDefinitionKey(EmployeeReviewProcess.Activity.SELF_REVIEW)
                    .singleResult();
            if (task != null) return task;
            Thread.sleep(200);
        }
        throw new AssertionError("no self-review task for " + REVIEW);
    }
}
