package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.servicereview.report.ReportFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's pay page in headless Chromium ({@code src/test/e2e/pay-console.mjs}): HR downloads the template of team as2
 * for 2003-09, uploads it unchanged (nothing filled in: refused), a filled-in copy with errors (the error table, nothing
 * stored) and a good one (stored, the preview shows it), computes the pay of the month's calibrated cycle (written by
 * {@link ReportFixture}, which also uses 2003-07, 2003-08 and 2002-09) and downloads its exports. The filled-in copies are
 * written here with POI from the same template and handed to the script in the output folder. Screenshots:
 * {@code <buildDir>/e2e/pay-*.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PayConsoleBrowserTest {

    static final String PERIOD = "2003-09";
    static final String UNIT = "as2";

    static final String[] SCREENSHOTS = {
        "pay-start-zh",
        "pay-upload-errors-zh",
        "pay-inputs-zh",
        "pay-lines-zh",
        "pay-lines-en",
        "pay-inputs-en",
        "pay-phone-zh"
    };

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestRestTemplate rest;

    @Test
    void hrFillsInTheTemplateUploadsItAndComputesAndExportsPay() throws IOException {
        String cycle = ReportFixture.cycle(jdbc, YearMonth.of(2003, 9), null);
        assertThat(cycle).isEqualTo("as2:2003-09:cs-staff-monthly");
        Path dir = BrowserScript.outputDir();
        Files.createDirectories(dir);
        for (String name : SCREENSHOTS) Files.deleteIfExists(dir.resolve(name + ".png"));
        Files.deleteIfExists(dir.resolve("pay-console-failure.png"));

        ResponseEntity<byte[]> template = rest.withBasicAuth("zhaomin", "demo")
                .getForEntity("/api/pay/inputs/" + PERIOD + "/template.xlsx?unit=" + UNIT, byte[].class);
        assertThat(template.getStatusCode().value()).isEqualTo(200);
        write(template.getBody(), dir.resolve("pay-inputs-good.xlsx"), false);
        write(template.getBody(), dir.resolve("pay-inputs-bad.xlsx"), true);

        // The web apps' plugin script initialises their REST application on first use: alone on a busy machine that
        // took
        // 7.2 s, longer than Tasklist's module timeout (RequireJS, 7 s), and Tasklist then never showed its login form.
        assertThat(rest.getForEntity("/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        BrowserScript.Result result = BrowserScript.run("pay-console.mjs", "http://localhost:" + port);

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output())
                .contains("template: pay-inputs_2003-09_as2.xlsx", "errors: ", "stored: ", "computed: ");
        for (String name : SCREENSHOTS) {
            Path screenshot = dir.resolve(name + ".png");
            assertThat(screenshot).as("screenshot").isRegularFile();
            assertThat(Files.size(screenshot)).as("screenshot size").isGreaterThan(10_000);
        }
        assertThat(jdbc.sql("select count(*) from review.pay_line where cycle_id = ? and kind = 'monthly-pay'")
                        .param(cycle)
                        .query(Integer.class)
                        .single())
                .isEqualTo(4);
    }

    /**
     * The template filled in as HR would: amounts for every person and for the unit; the bad copy has a negative salary, a
     * text for a number and a person of another team besides.
     */
    private static void write(byte[] template, Path target, boolean withErrors) throws IOException {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(template));
                OutputStream out = Files.newOutputStream(target)) {
            Sheet people = book.getSheet("人员 People");
            for (int r = 1; r <= people.getLastRowNum(); r++) {
                Row row = people.getRow(r);
                row.createCell(3).setCellValue(4000 + 100 * r);
                row.createCell(4).setCellValue(60000 + 5000.5 * r);
                row.createCell(5).setCellValue(50 * r);
            }
            if (withErrors) {
                people.getRow(1).getCell(3).setCellValue(-4100);
                people.getRow(2).getCell(4).setCellValue("六万");
                Row outside = people.createRow(people.getLastRowNum() + 1);
                outside.createCell(0).setCellValue("zhangwei");
                outside.createCell(3).setCellValue(5000);
                outside.createCell(4).setCellValue(1000);
            }
            Row unit = book.getSheet("单位 Units").getRow(1);
            unit.createCell(2).setCellValue(20000);
            unit.createCell(3).setCellValue(300000);
            unit.createCell(4).setCellValue(123456.78);
            unit.createCell(5).setCellValue(10000.1);
            book.write(out);
        }
    }
}
