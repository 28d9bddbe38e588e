package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a real browser (headless Chromium), a demo employee logs in to Camunda Tasklist and sees the
 * shared "我的任务 / My tasks" filter. Script: {@code src/test/e2e/tasklist-login.mjs}; screenshot:
 * {@code <buildDir>/e2e/tasklist-login.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TasklistLoginBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void demoEmployeeLogsInToTasklistInChromium() throws IOException {
        Path screenshot = BrowserScript.outputDir().resolve("tasklist-login.png");
        Files.deleteIfExists(screenshot);
        Files.deleteIfExists(BrowserScript.outputDir().resolve("tasklist-login-failure.png"));

        BrowserScript.Result result = BrowserScript.run("tasklist-login.mjs", "http://localhost:" + port);

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(screenshot).as("screenshot").isRegularFile();
        assertThat(Files.size(screenshot)).as("screenshot size").isPositive();
    }
}
