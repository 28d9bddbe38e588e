package com.servicereview.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the employee-review path tests: the real app on embedded PostgreSQL with the job
 * executor stopped, so each test decides when a job (an async step or a timer) runs. The context
 * is the one all tests share (RANDOM_PORT like the others: a second context would register a second
 * engine named "default", and REST calls could reach the wrong one); the job executor restarts after each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ReviewProcessTestSupport {

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void initAssertions() {
        jobExecutor().shutdown();
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetAssertions() {
        BpmnAwareTests.reset();
        jobExecutor().start();
    }

    private JobExecutor jobExecutor() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }

    /** Measured inputs worth 66 points in cs-staff-monthly (18 + 9 + 9 + 10 + 10 + 10). */
    void kpis(String employee, String period) {
        Map<String, Double> values = Map.of("complaint-rate", 0.3, "revisit-completion", 96.0, "revisit-authenticity", 1.0,
                "satisfaction", 100.0, "report-authenticity", 0.0, "failed-spot-checks", 0.0);
        values.forEach((key, value) -> jdbc.sql("""
                insert into review.kpi_value (employee_id, period, input_key, value, source) values (?, ?, ?, ?, 'test')
                on conflict (employee_id, period, input_key) do update set value = excluded.value""")
                .params(employee, period, key, value).update());
    }

    ProcessInstance start(String employee, String period) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("employeeId", employee);
        variables.put("period", period);
        variables.put("schemeId", "cs-staff-monthly");
        return engine.getRuntimeService().startProcessInstanceByKey(EmployeeReviewProcess.KEY,
                ReviewService.reviewId(employee, period, "cs-staff-monthly"), variables);
    }

    /** Runs the one job that waits at the given activity (asyncBefore or timer). */
    void runJob(ProcessInstance pi, String activityId) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
        assertThat(job).as("job at " + activityId).isNotNull();
        engine.getManagementService().executeJob(job.getId());
    }

    /** Runs the instance's async continuations (not its timers) until none is left. */
    void runAsyncSteps(ProcessInstance pi) {
        for (int i = 0; i < 10; i++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).messages().list();
            if (jobs.isEmpty()) return;
            jobs.forEach(j -> engine.getManagementService().executeJob(j.getId()));
        }
    }

    Task task(ProcessInstance pi, String activityId) {
        List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(activityId).list();
        assertThat(tasks).as("open tasks at " + activityId).hasSize(1);
        return tasks.get(0);
    }

    List<Task> tasks(ProcessInstance pi, String activityId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(activityId).list();
    }

    /** The form's ratingItems with every score set, as Tasklist would submit them. */
    Object scored(Task task, double score) {
        JsonNode items = FormData.tree(json, engine.getTaskService().getVariableLocal(task.getId(), "ratingItems"));
        ArrayNode copy = items.deepCopy();
        copy.forEach(row -> ((ObjectNode) row).put("score", score));
        return SpinValues.jsonValue(copy.toString()).create();
    }

    void complete(Task task, Object... keyValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) variables.put((String) keyValues[i], keyValues[i + 1]);
        // As Tasklist does: a Camunda Form is submitted, not completed with variables.
        engine.getFormService().submitTaskForm(task.getId(), variables);
    }

    /** Self-review, supervisor review and both group reviews with the given answer-quality scores. */
    void rate(ProcessInstance pi, double self, double supervisor, double group) {
        Task selfReview = task(pi, EmployeeReviewProcess.Activity.SELF_REVIEW);
        complete(selfReview, "ratingItems", scored(selfReview, self), "selfComment", "本月工作认真 / worked carefully");
        for (Task groupReview : tasks(pi, EmployeeReviewProcess.Activity.GROUP_REVIEW)) {
            complete(groupReview, "ratingItems", scored(groupReview, group), "groupComment", "配合良好 / cooperative");
        }
        Task supervisorReview = task(pi, EmployeeReviewProcess.Activity.SUPERVISOR_REVIEW);
        complete(supervisorReview, "ratingItems", scored(supervisorReview, supervisor), "supervisorComment", "表现稳定 / steady");
    }

    int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }
}
