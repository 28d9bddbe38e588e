package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's scheme pages in headless Chromium ({@code src/test/e2e/schemes-console.mjs}): the library, the simulator
 * on cs-staff-monthly (nothing published to it), and a scheme the script makes in the editor under an id of its own
 * ({@code e2e-<time>}), published as version 1 from 2000-01 and, after a validation error is shown at its line and
 * fixed, as version 2 from 2990-01; then the diff. The built-in schemes other tests score with are never changed.
 * Screenshots: {@code <buildDir>/e2e/schemes-*.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SchemesConsoleBrowserTest {

    static final String[] SCREENSHOTS = {
        "schemes-library-zh",
        "schemes-scheme-zh",
        "schemes-scheme-en",
        "schemes-simulator-en",
        "schemes-simulator-error-zh",
        "schemes-simulator-zh",
        "schemes-editor-error-zh",
        "schemes-published-zh",
        "schemes-diff-zh",
        "schemes-diff-en",
        "schemes-simulator-phone-zh",
        "schemes-editor-phone-zh"
    };

    private static final Pattern PUBLISHED = Pattern.compile("published: (e2e-[a-z0-9]+) v2 from 2990-01");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void hrSimulatesEditsPublishesAndComparesVersionsAndAnEmployeeOnlyReads() throws IOException {
        for (String name : SCREENSHOTS)
            Files.deleteIfExists(BrowserScript.outputDir().resolve(name + ".png"));
        Files.deleteIfExists(BrowserScript.outputDir().resolve("schemes-console-failure.png"));

        BrowserScript.Result result = BrowserScript.run("schemes-console.mjs", "http://localhost:" + port);

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output())
                .contains(
                        "simulator: complaint rate 1.2% → 90.00 优秀",
                        "simulator refusal at values.complaint-rate", "params.brackets[1].range", "#sim-chart");
        Matcher published = PUBLISHED.matcher(result.output());
        assertThat(published.find()).as(result.output()).isTrue();
        // What the pages published is what the database holds: two versions, the second from 2990-01, by zhaomin.
        assertThat(jdbc.sql("""
                        select version || ' ' || coalesce(effective_from, '-') || ' ' || published_by
                          from review.scheme_version where scheme_id = ? order by version""").param(published.group(1)).query(String.class).list())
                .containsExactly("1 2000-01 zhaomin", "2 2990-01 zhaomin");
        for (String name : SCREENSHOTS) {
            Path screenshot = BrowserScript.outputDir().resolve(name + ".png");
            assertThat(screenshot).as("screenshot").isRegularFile();
            assertThat(Files.size(screenshot)).as("screenshot size").isGreaterThan(10_000);
        }
    }
}
