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
 * In a real browser (headless Chromium, 1366 px wide), HR opens the report of a cycle with data (as2, March 2017,
 * written by {@link ReportFixture}; no other test uses 2016-03 … 2017-03) in Chinese, switches to English and
 * comes back to English, then prints (print media, A4 landscape width): the ECharts canvases are drawn and nothing
 * is wider than the window. Script: {@code src/test/e2e/cycle-report.mjs}; screenshots:
 * {@code <buildDir>/e2e/cycle-report-zh.png}, {@code -en.png}, {@code -print.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CycleReportBrowserTest {

    /** The script's CYCLE. */
    static final String CYCLE = "as2:2017-03:cs-staff-monthly";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void hrSeesTheReportChartsInChineseAndEnglish() throws IOException {
        assertThat(ReportFixture.cycle(jdbc, YearMonth.of(2017, 3), "三封顾客表扬信 three praise letters"))
                .isEqualTo(CYCLE);
        Path zh = BrowserScript.outputDir().resolve("cycle-report-zh.png");
        Path en = BrowserScript.outputDir().resolve("cycle-report-en.png");
        Path print = BrowserScript.outputDir().resolve("cycle-report-print.png");
        for (Path file : new Path[] {zh, en, print, BrowserScript.outputDir().resolve("cycle-report-failure.png")})
            Files.deleteIfExists(file);

        BrowserScript.Result result = BrowserScript.run("cycle-report.mjs", "http://localhost:" + port);

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output()).contains("zh-CN #distribution-chart", "en #trend-chart");
        for (Path screenshot : new Path[] {zh, en, print}) {
            assertThat(screenshot).as("screenshot").isRegularFile();
            assertThat(Files.size(screenshot)).as("screenshot size").isGreaterThan(10_000);
        }
    }
}
