package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.servicereview.review.DemoKpis;
import com.servicereview.review.EmployeeReviewProcess.Activity;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In Tasklist (headless Chromium), wangjianguo sends wangfang's review back with a reason and lina's
 * re-evaluation form shows it. The ratings before the indirect review are given through the engine
 * as their raters. Script: {@code src/test/e2e/send-back-reason.mjs}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SendBackReasonBrowserTest {

    private static final String PERIOD = "2015-03";
    private static final String REVIEW = "wangfang:" + PERIOD + ":cs-staff-monthly";
    /** Typed by the script (REASON there). */
    private static final String REASON = "请核对本月抽查记录 / please check this month's spot checks";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaskService tasks;

    @Test
    void theReasonForSendingBackReachesTheSupervisorsForm() throws Exception {
        DemoKpis.give(jdbc, "wangfang", PERIOD);
        assertThat(rest.withBasicAuth("zhaomin", "demo")
                        .postForEntity(
                                "/api/reviews",
                                Map.of("employeeId", "wangfang", "period", PERIOD, "schemeId", "cs-staff-monthly"),
                                String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(201);
        tasks.complete(await(Activity.SELF_REVIEW).get(0).getId(), Map.of("score1", 24, "selfComment", "认真 / careful"));
        for (Task group : await(Activity.GROUP_REVIEW))
            tasks.complete(group.getId(), Map.of("score1", 24, "groupComment", "配合 / helpful"));
        tasks.complete(
                await(Activity.SUPERVISOR_REVIEW).get(0).getId(),
                Map.of("score1", 24, "supervisorComment", "稳定 / steady"));
        assertThat(await(Activity.INDIRECT_REVIEW))
                .extracting(Task::getAssignee)
                .containsExactly("wangjianguo");

        BrowserScript.Result result = BrowserScript.run("send-back-reason.mjs", "http://localhost:" + port);
        assertThat(result.exitCode()).as("%s", result).isZero();

        assertThat(jdbc.sql(
                                "select decided_by || ' ' || outcome || ' ' || reason from review.decision where review_id = ? and step = ?")
                        .params(REVIEW, Activity.INDIRECT_REVIEW)
                        .query(String.class)
                        .single())
                .isEqualTo("wangjianguo send-back " + REASON);
        assertThat(await(Activity.SUPERVISOR_REEVALUATION))
                .extracting(Task::getAssignee)
                .containsExactly("lina");
        for (String name : List.of("indirect-review-send-back.png", "supervisor-reevaluation-reason.png")) {
            assertThat(Files.size(result.file(name))).as(name).isPositive();
        }
    }

    /** The review's open tasks of a step, once the job executor has run the steps before it (at most 30 s). */
    private List<Task> await(String activity) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Task> open = tasks.createTaskQuery()
                    .processInstanceBusinessKey(REVIEW)
                    .taskDefinitionKey(activity)
                    .list();
            if (!open.isEmpty()) return open;
            Thread.sleep(200);
        }
        throw new AssertionError("no " + activity + " for " + REVIEW);
    }
}
