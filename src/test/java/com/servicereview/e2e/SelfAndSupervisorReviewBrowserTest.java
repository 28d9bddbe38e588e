package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.review.DemoKpis;
import com.servicereview.review.EmployeeReviewProcess.Activity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In a real browser (headless Chromium, Camunda Tasklist), zhangwei completes his self-review and
 * lina her supervisor review of the review {@code zhangwei:2022-03:cs-staff-monthly}; lina's
 * out-of-range score is refused by the form first. HR starts the review through {@code POST /api/reviews};
 * the job executor runs the data step. Script: {@code src/test/e2e/self-and-supervisor-review.mjs};
 * screenshots: {@code <buildDir>/e2e/self-review-filled.png}, {@code supervisor-review-invalid.png},
 * {@code supervisor-review-filled.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SelfAndSupervisorReviewBrowserTest {

    /** A period no other test uses, so that the review and its KPI inputs are this test's own. */
    private static final String PERIOD = "2022-03";

    private static final String REVIEW = "zhangwei:" + PERIOD + ":cs-staff-monthly";
    private static final String SCRIPT = "self-and-supervisor-review.mjs";
    private static final List<String> SCREENSHOTS =
            List.of("self-review-filled.png", "supervisor-review-invalid.png", "supervisor-review-filled.png");

    /** Typed by the script (SELF_COMMENT, SUPERVISOR_COMMENT there). */
    private static final String SELF_COMMENT = "本月接听认真，客户反馈良好 / Careful on every call this month";

    private static final String SUPERVISOR_COMMENT = "表现稳定，继续保持 / Steady performance, keep it up";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaskService taskService;

    @Autowired
    HistoryService historyService;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void employeeAndSupervisorRateInTasklist() throws Exception {
        for (String name : List.of(
                "self-and-supervisor-review-failure.png",
                "self-review-complete-disabled.png",
                "supervisor-review-complete-disabled.png")) {
            Files.deleteIfExists(BrowserScript.outputDir().resolve(name));
        }
        for (String name : SCREENSHOTS)
            Files.deleteIfExists(BrowserScript.outputDir().resolve(name));

        DemoKpis.give(jdbc, "zhangwei", PERIOD);
        ResponseEntity<String> started = rest.withBasicAuth("zhaomin", "demo")
                .postForEntity(
                        "/api/reviews",
                        Map.of("employeeId", "zhangwei", "period", PERIOD, "schemeId", "cs-staff-monthly"),
                        String.class);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
        Task self = awaitSelfReview();
        assertThat(self.getAssignee()).isEqualTo("zhangwei");

        BrowserScript.Result result = BrowserScript.run(SCRIPT, "http://localhost:" + port);
        assertThat(result.exitCode()).as("%s", result).isZero();

        // What the two forms submitted, as our listeners recorded it.
        assertRating("self", "zhangwei", SELF_COMMENT);
        assertRating("supervisor", "lina", SUPERVISOR_COMMENT);
        assertThat(jdbc.sql("select count(*) from review.rating where review_id = ?")
                        .param(REVIEW)
                        .query(Integer.class)
                        .single())
                .as("ratings of %s (the refused out-of-range score is not among them)", REVIEW)
                .isEqualTo(2);

        // The process waits for the group reviews: self and supervisor review done, both reviewers' tasks open.
        assertThat(openTasks(Activity.SELF_REVIEW)).isEmpty();
        assertThat(openTasks(Activity.SUPERVISOR_REVIEW)).isEmpty();
        List<HistoricTaskInstance> supervisorReviews = historyService
                .createHistoricTaskInstanceQuery()
                .processInstanceBusinessKey(REVIEW)
                .taskDefinitionKey(Activity.SUPERVISOR_REVIEW)
                .finished()
                .list();
        assertThat(supervisorReviews)
                .extracting(HistoricTaskInstance::getAssignee)
                .containsExactly("lina");
        assertThat(openTasks(Activity.GROUP_REVIEW))
                .extracting(Task::getAssignee)
                .containsExactlyInAnyOrder("chengang", "zhaolei");

        for (String name : SCREENSHOTS) {
            Path screenshot = result.file(name);
            assertThat(screenshot).as("screenshot").isRegularFile();
            assertThat(Files.size(screenshot)).as("size of %s", screenshot).isPositive();
        }
    }

    /** zhangwei's self-review, once the job executor has run the async data step (at most 30 s). */
    private Task awaitSelfReview() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Task> tasks = openTasks(Activity.SELF_REVIEW);
            if (!tasks.isEmpty()) {
                assertThat(tasks).hasSize(1);
                return tasks.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + Activity.SELF_REVIEW + " for " + REVIEW + " within 30 s; open tasks: "
                + jdbc.sql("select task_def_key_ || '/' || coalesce(assignee_, '-') from act_ru_task")
                        .query(String.class)
                        .list()
                + "; jobs: "
                + jdbc.sql(
                                "select handler_type_ || ' retries ' || retries_ || ' ' || coalesce(exception_msg_, '') from act_ru_job")
                        .query(String.class)
                        .list());
    }

    private List<Task> openTasks(String activityId) {
        return taskService
                .createTaskQuery()
                .processInstanceBusinessKey(REVIEW)
                .taskDefinitionKey(activityId)
                .list();
    }

    private void assertRating(String role, String rater, String comment) throws IOException {
        record Row(String raterId, int round, String scores, String comment) {}
        List<Row> rows = jdbc.sql("""
                select rater_id, round, scores::text as scores, comment from review.rating
                where review_id = ? and rater_role = ? order by round""")
                .params(REVIEW, role)
                .query((rs, n) -> new Row(
                        rs.getString("rater_id"), rs.getInt("round"), rs.getString("scores"), rs.getString("comment")))
                .list();
        assertThat(rows).as("%s ratings of %s", role, REVIEW).hasSize(1);
        Row row = rows.get(0);
        assertThat(row.raterId()).isEqualTo(rater);
        assertThat(row.round()).isEqualTo(1);
        assertThat(row.comment()).isEqualTo(comment);
        JsonNode scores = json.readTree(row.scores());
        assertThat(scores.size()).as("scores %s", row.scores()).isEqualTo(1);
        assertThat(scores.path("answer-quality").isNumber())
                .as("scores %s", row.scores())
                .isTrue();
        assertThat(scores.path("answer-quality").decimalValue())
                .as("scores %s", row.scores())
                .isEqualByComparingTo("24");
    }
}
