package com.servicereview.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.deadline.DeadlineListeners;
import com.servicereview.submission.FormData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.TimerEventJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the employee-review path tests: the real app on embedded PostgreSQL with the job
 * executor stopped, so each test decides when a job (an async step or a timer) runs. The context
 * is the one all tests share (RANDOM_PORT like the others: a second context would register a second
 * engine named "default", and REST calls could reach the wrong one); the job executor restarts after each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ReviewProcessTestSupport {

    @Autowired
    protected ProcessEngine engine;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected ObjectMapper json;

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
    protected void kpis(String employee, String period) {
        DemoKpis.give(jdbc, employee, period);
    }

    protected ProcessInstance start(String employee, String period) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("employeeId", employee);
        variables.put("period", period);
        variables.put("schemeId", "cs-staff-monthly");
        return engine.getRuntimeService()
                .startProcessInstanceByKey(
                        EmployeeReviewProcess.KEY,
                        ReviewService.reviewId(employee, period, "cs-staff-monthly"),
                        variables);
    }

    /** Runs the one job that waits at the given activity (asyncBefore or timer). */
    protected void runJob(ProcessInstance pi, String activityId) {
        Job job = BpmnAwareTests.job(activityId, pi);
        assertThat(job).as("job at " + activityId).isNotNull();
        BpmnAwareTests.execute(job);
    }

    /** Fires the reminder of an open task: the timer of DeadlineListeners' timeout task listener on it. */
    protected void runReminder(Task task) {
        runDeadline(task, DeadlineListeners.REMINDER);
    }

    /** Fires the escalation of an open task, as when it is due. */
    protected void runEscalation(Task task) {
        runDeadline(task, DeadlineListeners.ESCALATION);
    }

    private void runDeadline(Task task, String listener) {
        // A timeout listener's timer waits on the task's own execution and names the listener in its configuration.
        Job job =
                engine
                        .getManagementService()
                        .createJobQuery()
                        .executionId(task.getExecutionId())
                        .timers()
                        .list()
                        .stream()
                        .filter(j -> ((JobEntity) j)
                                .getJobHandlerConfigurationRaw()
                                .endsWith(TimerEventJobHandler.JOB_HANDLER_CONFIG_TASK_LISTENER_PREFIX + listener))
                        .findFirst()
                        .orElse(null);
        assertThat(job).as(listener + " of " + task.getTaskDefinitionKey()).isNotNull();
        engine.getManagementService().executeJob(job.getId());
    }

    /** Runs the instance's async continuations (not its timers) until none is left. */
    protected void runAsyncSteps(ProcessInstance pi) {
        for (int i = 0; i < 10; i++) {
            List<Job> jobs = engine.getManagementService()
                    .createJobQuery()
                    .processInstanceId(pi.getId())
                    .messages()
                    .list();
            if (jobs.isEmpty()) return;
            jobs.forEach(j -> engine.getManagementService().executeJob(j.getId()));
        }
    }

    /** The one open task at the activity (camunda-bpm-assert fails when there are several). */
    protected Task task(ProcessInstance pi, String activityId) {
        Task task = BpmnAwareTests.task(activityId, pi);
        assertThat(task).as("open task at " + activityId).isNotNull();
        return task;
    }

    protected List<Task> tasks(ProcessInstance pi, String activityId) {
        return engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(pi.getId())
                .taskDefinitionKey(activityId)
                .list();
    }

    /** Every rating slot of the task's form (rating1, rating2, …) given this score, as Tasklist would submit it. */
    protected Map<String, Object> scored(Task task, double score) {
        Map<String, Object> scores = new HashMap<>();
        for (int k = 1; engine.getTaskService().getVariableLocal(task.getId(), "rating" + k) != null; k++)
            scores.put("score" + k, score);
        assertThat(scores).as("rating slots of " + task.getName()).isNotEmpty();
        return scores;
    }

    protected void complete(Task task, Object... keyValues) {
        complete(task, Map.of(), keyValues);
    }

    protected void complete(Task task, Map<String, Object> fields, Object... keyValues) {
        Map<String, Object> variables = new HashMap<>(fields);
        for (int i = 0; i < keyValues.length; i += 2) variables.put((String) keyValues[i], keyValues[i + 1]);
        // As Tasklist does: a Camunda Form is submitted, not completed with variables.
        engine.getFormService().submitTaskForm(task.getId(), variables);
    }

    /** The slot (1, 2, …) of a form's list variables {@code <prefix>K} whose {@code key} is the given one. */
    protected int slot(Task task, String prefix, String key) {
        for (int k = 1; ; k++) {
            Object row = engine.getTaskService().getVariableLocal(task.getId(), prefix + k);
            assertThat(row).as(prefix + " slot for " + key).isNotNull();
            if (FormData.tree(json, row).path("key").asText().equals(key)) return k;
        }
    }

    /** Self-review, supervisor review and both group reviews with the given answer-quality scores. */
    protected void rate(ProcessInstance pi, double self, double supervisor, double group) {
        Task selfReview = task(pi, EmployeeReviewProcess.Activity.SELF_REVIEW);
        complete(selfReview, scored(selfReview, self), "selfComment", "本月工作认真 / worked carefully");
        for (Task groupReview : tasks(pi, EmployeeReviewProcess.Activity.GROUP_REVIEW)) {
            complete(groupReview, scored(groupReview, group), "groupComment", "配合良好 / cooperative");
        }
        Task supervisorReview = task(pi, EmployeeReviewProcess.Activity.SUPERVISOR_REVIEW);
        complete(supervisorReview, scored(supervisorReview, supervisor), "supervisorComment", "表现稳定 / steady");
    }

    /** Form fields as name, value pairs, with more pairs after them. */
    protected static Object[] with(Object[] fields, Object... more) {
        Object[] all = Arrays.copyOf(fields, fields.length + more.length);
        System.arraycopy(more, 0, all, fields.length, more.length);
        return all;
    }

    protected int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    /** The indirect supervisor approves and the final score is computed. */
    protected void approve(ProcessInstance pi) {
        complete(task(pi, EmployeeReviewProcess.Activity.INDIRECT_REVIEW), "indirectDecision", "approve");
        runJob(pi, EmployeeReviewProcess.Activity.FINALISE_SCORE);
    }

    /** The employee acknowledges and the review is archived. */
    protected void acknowledge(ProcessInstance pi) {
        complete(task(pi, EmployeeReviewProcess.Activity.ACKNOWLEDGE_RESULT), "ackDecision", "acknowledge");
        runJob(pi, EmployeeReviewProcess.Activity.ARCHIVE);
    }
}
