package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.servicereview.report.ReportFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The HR console in headless Chromium ({@code src/test/e2e/console.mjs}): Tasklist's link to it, an import with errors
 * then a good one, a cycle dashboard (as2, 2007-09, written by {@link ReportFixture}, which also uses 2007-07, 2007-08
 * and 2006-09) in Chinese and English at 1366 px and at a phone's width, and an employee (wangfang, archived reviews
 * of 2007-05 and 2007-06 written here) who sees only their own reviews. Tickets of 2007-05 come from the script.
 * Screenshots: {@code <buildDir>/e2e/console-*.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTest {

    /** The script's CYCLE. */
    static final String CYCLE = "as2:2007-09:cs-staff-monthly";
    static final String[] SCREENSHOTS = {"console-home-zh", "console-import-errors-zh", "console-import-ok-zh", "console-imports-en",
            "console-cycle-en", "console-cycle-zh", "console-cycle-phone-zh", "console-me-zh", "console-forbidden-zh"};

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void hrImportsAndFollowsACycleAndAnEmployeeSeesOnlyTheirOwnReviews() throws IOException {
        assertThat(ReportFixture.cycle(jdbc, YearMonth.of(2007, 9), null)).isEqualTo(CYCLE);
        archived("wangfang:2007-05:cs-staff-monthly", "2007-05", 68.40, "MEDIUM");
        archived("wangfang:2007-06:cs-staff-monthly", "2007-06", 84.75, "EXCELLENT");
        for (String name : SCREENSHOTS) Files.deleteIfExists(BrowserScript.outputDir().resolve(name + ".png"));
        Files.deleteIfExists(BrowserScript.outputDir().resolve("console-failure.png"));

        BrowserScript.Result result = BrowserScript.run("console.mjs", "http://localhost:" + port);

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output()).contains("import: inserted 3", "#steps-chart", "#grades-chart", "#trend-chart");
        for (String name : SCREENSHOTS) {
            Path screenshot = BrowserScript.outputDir().resolve(name + ".png");
            assertThat(screenshot).as("screenshot").isRegularFile();
            assertThat(Files.size(screenshot)).as("screenshot size").isGreaterThan(10_000);
        }
    }

    private void archived(String reviewId, String period, double total, String grade) {
        if (jdbc.sql("select count(*) from review.archive where review_id = ?").param(reviewId).query(Integer.class).single() > 0) return;
        jdbc.sql("""
                        insert into review.review (id, employee_id, period, scheme_id, scheme_version, status, final_total, final_grade)
                        values (?, 'wangfang', ?, 'cs-staff-monthly', 1, 'ARCHIVED', ?, ?)""")
                .params(reviewId, period, total, grade).update();
        jdbc.sql("""
                        insert into review.score (review_id, version, total, grade, result, reason, changed_by)
                        values (?, 1, ?, ?, '{}'::jsonb, 'final score', 'zhaomin')""")
                .params(reviewId, total, grade).update();
        jdbc.sql("insert into review.archive (review_id, document, content_hash) values (?, '{}'::jsonb, 'test')").param(reviewId).update();
    }
}
