package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.servicereview.review.DemoKpis;
import com.servicereview.review.EmployeeReviewProcess.Activity;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In a real browser (headless Chromium), the web apps in the browser's language: a zh-CN browser sees
 * Tasklist in Chinese (发起流程, 完成, 保存; HR claims huangqiang's data task with 认领 under
 * "我的组任务 / My group tasks", whose description says so), Cockpit's dashboard and Admin's user list
 * in Chinese; an en-US browser sees the same task in English; the name is 张伟 Zhang Wei in both and
 * the Camunda 8 banner shows in neither. zhangwei opening Cockpit gets the bilingual 403 page.
 * Script: {@code src/test/e2e/tasklist-chinese.mjs}; screenshots in {@code <buildDir>/e2e/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TasklistChineseBrowserTest {

    /** A period no other test uses (PERIOD in the script). */
    private static final String PERIOD = "2025-02";

    private static final String SCRIPT = "tasklist-chinese.mjs";
    private static final List<String> SCREENSHOTS = List.of(
            "tasklist-zh-self-review.png",
            "tasklist-zh-complete.png",
            "cockpit-forbidden.png",
            "tasklist-zh-group-task.png",
            "tasklist-zh-claimed.png",
            "cockpit-zh-dashboard.png",
            "admin-zh-users.png",
            "tasklist-en-self-review.png");

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaskService taskService;

    @Test
    void webAppsFollowTheBrowserLanguage() throws Exception {
        Files.deleteIfExists(BrowserScript.outputDir().resolve("tasklist-chinese-failure.png"));
        for (String name : SCREENSHOTS)
            Files.deleteIfExists(BrowserScript.outputDir().resolve(name));

        // zhangwei's review has all its data; huangqiang's lacks revisit completion, so HR gets a group task.
        DemoKpis.give(jdbc, "zhangwei", PERIOD);
        DemoKpis.give(jdbc, "huangqiang", PERIOD, "revisit-completion");
        start("zhangwei");
        start("huangqiang");
        Task self = await("zhangwei", Activity.SELF_REVIEW);
        assertThat(self.getAssignee()).isEqualTo("zhangwei");
        Task supply = await("huangqiang", Activity.SUPPLY_DATA);
        assertThat(supply.getAssignee()).isNull();

        BrowserScript.Result result = BrowserScript.run(SCRIPT, "http://localhost:" + port);
        assertThat(result.exitCode()).as("%s", result).isZero();

        assertThat(taskService
                        .createTaskQuery()
                        .taskId(supply.getId())
                        .singleResult()
                        .getAssignee())
                .as("HR claimed the data task in the browser")
                .isEqualTo("zhaomin");
        for (String name : SCREENSHOTS) {
            Path screenshot = result.file(name);
            assertThat(screenshot).as("screenshot").isRegularFile();
            assertThat(Files.size(screenshot)).as("size of %s", screenshot).isPositive();
        }
    }

    private void start(String employee) {
        ResponseEntity<String> started = rest.withBasicAuth("zhaomin", "demo")
                .postForEntity(
                        "/api/reviews",
                        Map.of("employeeId", employee, "period", PERIOD, "schemeId", "cs-staff-monthly"),
                        String.class);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
    }

    /** The task, once the job executor has run the async data step (at most 30 s). */
    private Task await(String employee, String activityId) throws InterruptedException {
        String review = employee + ":" + PERIOD + ":cs-staff-monthly";
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Task> tasks = taskService
                    .createTaskQuery()
                    .processInstanceBusinessKey(review)
                    .taskDefinitionKey(activityId)
                    .list();
            if (!tasks.isEmpty()) {
                assertThat(tasks).hasSize(1);
                return tasks.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + activityId + " for " + review + " within 30 s");
    }
}
