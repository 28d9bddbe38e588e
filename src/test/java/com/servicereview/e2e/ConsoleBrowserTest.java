package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.servicereview.report.ReportFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The HR console in headless Chromium ({@code src/test/e2e/console.mjs}): Tasklist's link to it, four files imported at
 * once (two with errors; KPI inputs of team as2 for 2008-02 among them), the KPIs of 2008-02 recomputed, the cycle
 * {@link #STARTED_CYCLE} started from the cycles page and its dashboard's step counts moving as two employees submit
 * their self-reviews through /engine-rest, the quarterly cycle {@link #QUARTER_CYCLE} started there too and its
 * calibration task's links in Tasklist, a cycle dashboard (as2, 2007-09, written by {@link ReportFixture}, which also uses 2007-07, 2007-08
 * and 2006-09) in Chinese and English at 1366 px and at a phone's width, and an employee (wangfang, archived reviews
 * of 2007-05 and 2007-06 written here) who sees only their own reviews, and a cycle the engine runs (team as1, 2025-10,
 * started here) whose reviews all wait at the data step. Tickets of 2007-05 come from the script.
 * Screenshots: {@code <buildDir>/e2e/console-*.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTest {

    /** The script's CYCLE. */
    static final String CYCLE = "as2:2007-09:cs-staff-monthly";
    /** The script's ENGINE_CYCLE: started here through the API, its reviews waiting at the data step (no KPIs for 2025-10). */
    static final String ENGINE_CYCLE = "as1:2025-10:cs-staff-monthly";
    /** The script's STARTED_CYCLE and QUARTER_CYCLE, started from the console's cycles page. */
    static final String STARTED_CYCLE = "as2:2008-02:cs-staff-monthly";

    static final String QUARTER_CYCLE = "as2:2007-Q3:cs-staff-monthly";

    static final String[] SCREENSHOTS = {
        "console-home-zh",
        "console-import-files-zh",
        "console-import-results-zh",
        "console-import-kpis-zh",
        "console-imports-en",
        "console-cycle-start-zh",
        "console-cycle-moved-zh",
        "console-cycle-moved-en",
        "console-calibration-links-zh",
        "console-cycle-en",
        "console-cycle-zh",
        "console-engine-cycle-zh",
        "console-cycle-phone-zh",
        "console-me-zh",
        "console-forbidden-zh"
    };

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ProcessEngine engine;

    @Test
    void hrImportsAndFollowsACycleAndAnEmployeeSeesOnlyTheirOwnReviews() throws IOException, InterruptedException {
        assertThat(ReportFixture.cycle(jdbc, YearMonth.of(2007, 9), null)).isEqualTo(CYCLE);
        archived("wangfang:2007-05:cs-staff-monthly", "2007-05", 68.40, "MEDIUM");
        archived("wangfang:2007-06:cs-staff-monthly", "2007-06", 84.75, "EXCELLENT");
        startEngineCycle();
        for (String name : SCREENSHOTS)
            Files.deleteIfExists(BrowserScript.outputDir().resolve(name + ".png"));
        Files.deleteIfExists(BrowserScript.outputDir().resolve("console-failure.png"));

        // More than the default: the script waits for two cycles' launches and the reviews' steps in the engine.
        BrowserScript.Result result =
                BrowserScript.run("console.mjs", "http://localhost:" + port, Duration.ofMinutes(6));

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output())
                .contains(
                        "import: inserted 3",
                        "recomputed: 2008-02",
                        "#steps-chart",
                        "#grades-chart",
                        "#trend-chart",
                        "calibration form links to /console/cycles/" + QUARTER_CYCLE,
                        "calibration form links to /reports/cycles/" + QUARTER_CYCLE);
        // What the dashboard showed is what the engine holds: two of the started cycle's reviews at the supervisor
        // step.
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKeyLike("%:2008-02:cs-staff-monthly")
                        .taskDefinitionKey("Task_SupervisorReview")
                        .count())
                .isEqualTo(2);
        assertThat(jdbc.sql("select started_by from review.cycle where id = ?")
                        .param(STARTED_CYCLE)
                        .query(String.class)
                        .single())
                .isEqualTo("zhaomin");
        for (String name : SCREENSHOTS) {
            Path screenshot = BrowserScript.outputDir().resolve(name + ".png");
            assertThat(screenshot).as("screenshot").isRegularFile();
            assertThat(Files.size(screenshot)).as("screenshot size").isGreaterThan(10_000);
        }
    }

    private void startEngineCycle() throws InterruptedException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> started = rest.withBasicAuth("zhaomin", "demo")
                .postForEntity(
                        "/api/cycles",
                        new HttpEntity<>(
                                Map.of("unitId", "as1", "period", "2025-10", "schemeId", "cs-staff-monthly"), headers),
                        String.class);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isIn(201, 409);
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            List<String> instances = jdbc.sql(
                            "select process_instance_id from review.review where cycle_id = ? and process_instance_id is not null")
                    .param(ENGINE_CYCLE)
                    .query(String.class)
                    .list();
            long members = jdbc.sql("select count(*) from review.cycle_member where cycle_id = ? and eligible")
                    .param(ENGINE_CYCLE)
                    .query(Long.class)
                    .single();
            if (members > 0
                    && instances.size() == members
                    && instances.stream()
                            .allMatch(instance -> engine.getTaskService()
                                            .createTaskQuery()
                                            .processInstanceId(instance)
                                            .taskDefinitionKey("Task_SupplyData")
                                            .count()
                                    > 0)) {
                return;
            }
            assertThat(System.currentTimeMillis())
                    .as("the cycle's reviews wait at the data step")
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private void archived(String reviewId, String period, double total, String grade) {
        if (jdbc.sql("select count(*) from review.archive where review_id = ?")
                        .param(reviewId)
                        .query(Integer.class)
                        .single()
                > 0) return;
        jdbc.sql("""
                        insert into review.review (id, employee_id, period, scheme_id, scheme_version, status, final_total, final_grade)
                        values (?, 'wangfang', ?, 'cs-staff-monthly', 1, 'ARCHIVED', ?, ?)""").params(reviewId, period, total, grade).update();
        jdbc.sql("""
                        insert into review.score (review_id, version, total, grade, result, reason, changed_by)
                        values (?, 1, ?, ?, '{}'::jsonb, 'final score', 'zhaomin')""").params(reviewId, total, grade).update();
        jdbc.sql("insert into review.archive (review_id, document, content_hash) values (?, '{}'::jsonb, 'test')")
                .param(reviewId)
                .update();
    }
}
