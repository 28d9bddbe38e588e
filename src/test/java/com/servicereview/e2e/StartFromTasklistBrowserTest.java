package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In Tasklist (headless Chromium), HR starts zhangwei's review by hand and then the department's
 * cycle for the same month: the cycle adopts the review and launches the other eleven. Script:
 * {@code src/test/e2e/start-from-tasklist.mjs}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StartFromTasklistBrowserTest {

    private static final String PERIOD = "2014-05";
    private static final String CYCLE = "cs:" + PERIOD + ":cs-staff-monthly";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RuntimeService runtime;

    @Test
    void aCycleStartedAfterAHandStartedReviewAdoptsIt() throws Exception {
        BrowserScript.Result result = BrowserScript.run("start-from-tasklist.mjs", "http://localhost:" + port);
        assertThat(result.exitCode()).as("%s", result).isZero();

        // The job executor prepares the cycle and launches its batch.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (launched() < 12 && System.nanoTime() < deadline) Thread.sleep(200);
        assertThat(launched()).as("members with a review").isEqualTo(12);
        assertThat(jdbc.sql("select cycle_id from review.review where id = ?")
                        .param("zhangwei:" + PERIOD + ":cs-staff-monthly")
                        .query(String.class)
                        .single())
                .isEqualTo(CYCLE);
        assertThat(jdbc.sql(
                                "select count(*) from review.cycle_member where cycle_id = ? and launch_problem is not null")
                        .param(CYCLE)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(runtime.createIncidentQuery().list())
                .extracting(i -> i.getIncidentMessage())
                .noneMatch(message -> message != null && message.contains(PERIOD));
        assertThat(jdbc.sql("select count(*) from review.cycle where unit_id = 'cs9'")
                        .query(Integer.class)
                        .single())
                .as("cycles of the refused, unknown unit")
                .isZero();
        for (String name : List.of("start-review-form.png", "start-cycle-unknown-unit.png", "start-cycle-form.png")) {
            assertThat(result.file(name)).isRegularFile();
        }
    }

    private int launched() {
        return jdbc.sql("select count(*) from review.cycle_member where cycle_id = ? and review_id is not null")
                .param(CYCLE)
                .query(Integer.class)
                .single();
    }
}
