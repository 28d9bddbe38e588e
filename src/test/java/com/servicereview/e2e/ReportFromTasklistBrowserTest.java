package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In a real browser, HR logs in to Tasklist and then opens a cycle report and calls {@code /api} with that
 * login alone (no password dialog); a modifying call needs the web apps' CSRF token. Script:
 * {@code src/test/e2e/report-from-tasklist.mjs}; screenshot: {@code <buildDir>/e2e/report-from-tasklist.png}.
 * The cycle (August 2012, used by no other test) is written straight into the table.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReportFromTasklistBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTasklistLoginOpensTheReport() throws IOException {
        jdbc.sql("""
                        insert into review.cycle (id, unit_id, period, scheme_id, status, started_by)
                        values ('as1:2012-08:cs-staff-monthly', 'as1', '2012-08', 'cs-staff-monthly', 'CALIBRATION', 'zhaomin')
                        on conflict do nothing""").update();
        Path screenshot = BrowserScript.outputDir().resolve("report-from-tasklist.png");
        Files.deleteIfExists(screenshot);

        BrowserScript.Result result = BrowserScript.run("report-from-tasklist.mjs", "http://localhost:" + port);

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(screenshot).as("screenshot").isRegularFile();
    }
}
