package com.servicereview.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Imports through the REST API on the real embedded PostgreSQL: good CSV, .xlsx and JSON, every
 * kind of bad row, re-imports, truncated files, encodings and empty files. After every refused
 * import the database is unchanged. Periods 2021-01..2021-04 belong to this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsImportTest {

    /** The header of a file of report submissions, the record type most tests import. */
    private static final String REPORTS_HEADER = "report_id,employee_id,submitted_at,truthful\n";

    private static final String TICKETS_HEADER =
            "ticket_id,employee_id,channel,after_sales,opened_at,first_response_at,"
                    + "resolved_at,contacts,reopened,escalated\n";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    private ImportApi api;

    @BeforeEach
    void setUp() {
        api = new ImportApi(rest, jdbc);
    }

    @Test
    void goodCsvIsStoredAndItsPeriodComputed() throws Exception {
        String csv = TICKETS_HEADER
                + "IMP-T1,zhangwei,phone,no,2021-01-04 09:00:00,2021-01-04 09:00:30,2021-01-04 11:00:00,1,0,no\n"
                + "IMP-T2,zhangwei,chat,yes,2021-01-05 10:00,,2021-01-05 14:00,2,0,no\n"
                // a quoted value with a comma, and optional columns left empty (defaults)
                + "\"IMP-T3, reopened\",wangfang,,,2021/1/6 08:00,,,,,\n";
        JsonNode job = api.importFile("tickets", "tickets.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("rowsRead").asLong()).isEqualTo(3);
        assertThat(job.path("inserted").asLong()).isEqualTo(3);
        assertThat(job.path("periods").toString()).isEqualTo("[\"2021-01\"]");
        assertThat(jdbc.sql(
                                "select channel || '/' || after_sales || '/' || contacts || '/' || reopened from review.ticket where ticket_id = "
                                        + "'IMP-T3, reopened'")
                        .query(String.class)
                        .single())
                .isEqualTo("other/false/1/0");
        // zhangwei: 2 opened, 2 resolved, 1 at first contact
        assertThat(kpi("zhangwei", "2021-01", "first-contact-resolution"))
                .isEqualTo("50.0000 metrics:" + job.path("importId").asText());
        assertThat(kpi("zhangwei", "2021-01", "resolution-rate")).startsWith("100.0000");
    }

    @Test
    void goodXlsxWithDateCellsIsStored() throws Exception {
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("spot checks");
            CellStyle dateTime = book.createCellStyle();
            dateTime.setDataFormat(book.createDataFormat().getFormat("m/d/yy h:mm"));
            Row header = sheet.createRow(0);
            String[] names = {"check_id", "employee_id", "checked_at", "result"};
            for (int i = 0; i < names.length; i++) header.createCell(i).setCellValue(names[i]);
            Object[][] rows = {
                {"IMP-X1", "liuyang", LocalDateTime.of(2021, 2, 3, 10, 30), "pass"},
                {"IMP-X2", "liuyang", LocalDateTime.of(2021, 2, 10, 16, 0), "FAIL"},
                {"IMP-X3", "liuyang", "2021-02-17 09:00", "fail"}
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 2); // a blank row 2 is skipped
                row.createCell(0).setCellValue((String) rows[r][0]);
                row.createCell(1).setCellValue((String) rows[r][1]);
                if (rows[r][2] instanceof LocalDateTime time) {
                    row.createCell(2).setCellValue(time);
                    row.getCell(2).setCellStyle(dateTime);
                } else {
                    row.createCell(2).setCellValue((String) rows[r][2]);
                }
                row.createCell(3).setCellValue((String) rows[r][3]);
            }
            book.write(out);
            workbook = out.toByteArray();
        }
        JsonNode job = api.importFile("spot-checks", "checks.xlsx", workbook);

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("format").asText()).isEqualTo("XLSX");
        assertThat(jdbc.sql("select checked_at::text from review.spot_check where check_id = 'IMP-X1'")
                        .query(String.class)
                        .single())
                .isEqualTo("2021-02-03 10:30:00");
        assertThat(kpi("liuyang", "2021-02", "failed-spot-checks")).startsWith("2.0000");
    }

    @Test
    void everyKindOfBadRowIsReportedAndNothingChanges() throws Exception {
        Map<String, Long> before = api.counts();
        String csv = TICKETS_HEADER
                + "IMP-B1,zhangwei,phone,no,2021-03-01 09:00,,,abc,0,no\n" // row 2: bad number
                + "IMP-B2,zhangwei,phone,no,2021-02-30 09:00,,,1,0,no\n" // row 3: bad date
                + "IMP-B3,zhangwei,phone,no,2021-03-01 09:00,,,1,-2,no\n" // row 4: negative count
                + "IMP-B4,nobody,phone,no,2021-03-01 09:00,,,1,0,no\n" // row 5: unknown employee
                + "IMP-B5,zhangwei,fax,maybe,2021-03-01 09:00,,,1,0,no\n" // row 6: bad choice, bad yes/no
                + "IMP-B6,zhangwei,phone,no,2021-03-01 09:00,,2021-02-28 09:00,1,0,no\n" // row 7: resolved before
                // opened
                + ",zhangwei,phone,no,,,,1,0,no\n" // row 8: two required values missing
                + "IMP-B1,zhangwei,phone,no,2021-03-02 09:00,,,1,0,no\n" // row 9: key of row 2 again
                + "IMP-B9,zhangwei,phone,no,2021-03-01 09:00,,,1.5,0,no\n" // row 10: fraction of a count
                + "IMP-B10,zhangwei,phone\n"; // row 11: cut short
        JsonNode job = api.importFile("tickets", "bad.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(errors(job))
                .containsExactly(
                        "bad.csv row 2, column contacts ('abc'): 不是数字 / is not a number",
                        "bad.csv row 3, column opened_at ('2021-02-30 09:00'): 不是日期时间（YYYY-MM-DD HH:MM:SS） / is not a date-time (YYYY-MM-DD HH:MM:SS)",
                        "bad.csv row 4, column reopened ('-2'): 不能为负数 / must not be negative",
                        "bad.csv row 5, column employee_id ('nobody'): 不是已知的员工（导入不会新建员工） / is not a known employee (an import never creates employees)",
                        "bad.csv row 6, column channel ('fax'): 不是以下之一：phone、chat、email、web、other / is not one of phone, chat, email, web, other",
                        "bad.csv row 6, column after_sales ('maybe'): 不是“是”或“否”（yes/no、true/false、1/0、是/否） / is not yes or no (yes/no, true/false, 1/0, 是/否)",
                        "bad.csv row 7, column resolved_at ('2021-02-28 09:00'): 早于 opened_at / is before opened_at",
                        "bad.csv row 8, column ticket_id: 必填 / is required",
                        "bad.csv row 8, column opened_at: 必填 / is required",
                        "bad.csv row 9, column ticket_id ('IMP-B1'): 与第 2 行的键重复 / repeats the key of row 2",
                        "bad.csv row 10, column contacts ('1.5'): 不是整数 / is not a whole number",
                        "bad.csv row 11: 只有 3 列，表头有 10 列（文件是否被截断？） / has 3 of the header's 10 columns (is the file truncated?)");
        assertThat(job.path("errorCount").asLong()).isEqualTo(12);
        assertThat(job.path("message").asText()).isEqualTo("12 个错误，未导入任何数据 / 12 error(s); nothing was imported");
        assertThat(api.counts()).isEqualTo(before);
    }

    @Test
    void aNewMonthsFileIsCheckedAndInsertedInOnePassAndReportedAsBeforeWhenItFails() throws Exception {
        Map<String, Long> before = api.counts();
        // All keys new and no reader error: the one-pass insert is tried, refuses a row, and is rolled back.
        JsonNode bad = api.importFile(
                "tickets",
                "new-month.csv",
                (TICKETS_HEADER
                                + "ONEPASS-1,zhangwei,phone,no,2021-05-03 09:00,,,1,0,no\n"
                                + "ONEPASS-2,zhangwei,phone,no,2021-05-32 09:00,,,1,0,no\n"
                                + "ONEPASS-3,zhangwei,phone,no,2021-05-03 09:00,,2021-05-02 09:00,1,0,no\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(errors(bad))
                .containsExactly(
                        "new-month.csv row 3, column opened_at ('2021-05-32 09:00'): 不是日期时间（YYYY-MM-DD HH:MM:SS） / is not a date-time (YYYY-MM-DD HH:MM:SS)",
                        "new-month.csv row 4, column resolved_at ('2021-05-02 09:00'): 早于 opened_at / is before opened_at");
        assertThat(bad.path("timings").has("checkedStoreMs")).isTrue();
        assertThat(bad.path("timings").has("validateMs")).isTrue();
        // Only a repeated key: the primary key refuses the insert; validation names the first row.
        JsonNode repeated = api.importFile(
                "tickets",
                "repeated.csv",
                (TICKETS_HEADER
                                + "ONEPASS-4,zhangwei,phone,no,2021-05-03 09:00,,,1,0,no\n"
                                + "ONEPASS-5,zhangwei,phone,no,2021-05-03 10:00,,,1,0,no\n"
                                + "ONEPASS-4,wangfang,chat,no,2021-05-04 09:00,,,1,0,no\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(errors(repeated))
                .containsExactly(
                        "repeated.csv row 4, column ticket_id ('ONEPASS-4'): 与第 2 行的键重复 / repeats the key of row 2");
        assertThat(api.counts()).isEqualTo(before);

        // The good file takes the one pass only, with the defaults of empty optional cells.
        byte[] goodFile = (TICKETS_HEADER
                        + "ONEPASS-6,zhangwei,phone,no,2021-05-03 09:00,,2021-05-03 10:00,1,0,no\n"
                        + "ONEPASS-7,wangfang,,,2021/5/4 08:00,,,,,\n")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode good = api.importFile("tickets", "good.csv", goodFile);
        assertThat(good.path("status").asText()).as(good.toString()).isEqualTo("SUCCEEDED");
        assertThat(good.path("inserted").asLong()).isEqualTo(2);
        assertThat(good.path("periods").toString()).isEqualTo("[\"2021-05\"]");
        assertThat(good.path("timings").has("checkedStoreMs")).isTrue();
        assertThat(good.path("timings").has("validateMs")).isFalse();
        assertThat(jdbc.sql(
                                "select channel || '/' || after_sales || '/' || opened_at || '/' || contacts || '/' || reopened"
                                        + " || '/' || escalated || '/' || import_id from review.ticket where ticket_id = 'ONEPASS-7'")
                        .query(String.class)
                        .single())
                .isEqualTo("other/false/2021-05-04 08:00:00/1/0/false/"
                        + good.path("importId").asText());
        // The same file again is merged in one pass too (nothing changed).
        JsonNode again = api.importFile("tickets", "good.csv", goodFile);
        assertThat(again.path("unchanged").asLong()).isEqualTo(2);
        assertThat(again.path("timings").has("checkedStoreMs")).isTrue();
        assertThat(again.path("timings").has("validateMs")).isFalse();
        // A merge refusing a row, or repeating a stored key (which would update its row twice), is validated and
        // changes nothing.
        Map<String, Long> stored = api.counts();
        JsonNode badMerge = api.importFile(
                "tickets",
                "good.csv",
                (TICKETS_HEADER
                                + "ONEPASS-6,zhangwei,phone,no,2021-05-03 09:00,,2021-05-03 10:00,2,0,no\n"
                                + "ONEPASS-8,zhangwei,phone,no,2021-05-03 09:00,,,x,0,no\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(errors(badMerge)).containsExactly("good.csv row 3, column contacts ('x'): 不是数字 / is not a number");
        JsonNode repeatedMerge = api.importFile(
                "tickets",
                "good.csv",
                (TICKETS_HEADER
                                + "ONEPASS-6,zhangwei,phone,no,2021-05-03 09:00,,2021-05-03 10:00,1,0,no\n"
                                + "ONEPASS-6,zhangwei,phone,no,2021-05-03 09:00,,2021-05-03 10:00,3,0,no\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(errors(repeatedMerge))
                .containsExactly(
                        "good.csv row 3, column ticket_id ('ONEPASS-6'): 与第 2 行的键重复 / repeats the key of row 2");
        assertThat(api.counts()).isEqualTo(stored);
        assertThat(jdbc.sql("select contacts from review.ticket where ticket_id = 'ONEPASS-6'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void rateOverHundredAndUnknownKeysAreRefusedInKpiInputs() throws Exception {
        Map<String, Long> before = api.counts();
        JsonNode job = api.importJson("kpi-inputs", """
                [{"employee_id": "zhangwei", "period": "2021-03", "input_key": "reply-rate", "value": 120},
                 {"employee_id": "zhangwei", "period": "2021-03", "input_key": "good-reviews", "value": 2.5},
                 {"employee_id": "zhangwei", "period": "2021-13", "input_key": "no-such-kpi", "value": 1},
                 {"employee_id": "zhangwei", "period": "2021-03", "input_key": "target-completion", "value": 130, "note": "x"}]""");

        assertThat(errors(job))
                .containsExactly(
                        "request body (JSON) row 1, column value ('120'): 超过 100（percent） / is over 100 (percent)",
                        "request body (JSON) row 2, column value ('2.5'): 必须为整数（good-reviews） / must be a whole number for good-reviews",
                        "request body (JSON) row 3, column period ('2021-13'): 不是月份（YYYY-MM） / is not a period (YYYY-MM)",
                        "request body (JSON) row 3, column input_key ('no-such-kpi'): 不是任何方案的输入项 / is not an input of any scheme",
                        "request body (JSON) row 4, column note: 不是 kpi-inputs 的列（列：employee_id, period, input_key, value） / is not a column of kpi-inputs (columns: employee_id, period, input_key, value)");
        assertThat(api.counts()).isEqualTo(before);
    }

    @Test
    void importingTheSameFileTwiceCountsNothingTwice() throws Exception {
        String csv =
                REPORTS_HEADER + "IMP-R1,chenjing,2021-04-01 17:00,yes\n" + "IMP-R2,chenjing,2021-04-08 17:00,no\n";
        JsonNode first = api.importFile("reports", "reports.csv", csv.getBytes(StandardCharsets.UTF_8));
        Map<String, Long> after = api.counts();
        JsonNode second = api.importFile("reports", "reports.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(first.path("inserted").asLong()).isEqualTo(2);
        assertThat(second.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(second.path("inserted").asLong()).isZero();
        assertThat(second.path("updated").asLong()).isZero();
        assertThat(second.path("unchanged").asLong()).isEqualTo(2);
        assertThat(api.counts()).isEqualTo(after);
        // No row changed, so no month is recomputed: the KPI still comes from the first import.
        assertThat(second.path("periods").toString()).isEqualTo("[]");
        assertThat(kpi("chenjing", "2021-04", "report-authenticity"))
                .isEqualTo("1.0000 metrics:" + first.path("importId").asText());
        // A corrected file replaces the rows by key: the count follows the correction; a new row is added.
        String correctedCsv = csv.replace("17:00,no", "17:00,yes") + "IMP-R3,chenjing,2021-04-15 17:00,yes\n";
        JsonNode corrected = api.importFile("reports", "reports.csv", correctedCsv.getBytes(StandardCharsets.UTF_8));
        assertThat(corrected.path("inserted").asLong()).isEqualTo(1);
        assertThat(corrected.path("updated").asLong()).isEqualTo(1);
        assertThat(corrected.path("unchanged").asLong()).isEqualTo(1);
        assertThat(corrected.path("periods").toString()).isEqualTo("[\"2021-04\"]");
        assertThat(kpi("chenjing", "2021-04", "report-authenticity"))
                .isEqualTo("0.0000 metrics:" + corrected.path("importId").asText());
        // A corrected date moves a record to another month: the month it left is recomputed too.
        JsonNode moved = api.importFile(
                "reports",
                "reports.csv",
                correctedCsv.replace("2021-04-08", "2021-03-29").getBytes(StandardCharsets.UTF_8));
        assertThat(moved.path("updated").asLong()).isEqualTo(1);
        assertThat(moved.path("unchanged").asLong()).isEqualTo(2);
        assertThat(moved.path("periods").toString()).isEqualTo("[\"2021-03\",\"2021-04\"]");
        assertThat(kpi("chenjing", "2021-03", "report-authenticity"))
                .isEqualTo("0.0000 metrics:" + moved.path("importId").asText());
        assertThat(kpi("chenjing", "2021-04", "report-authenticity"))
                .isEqualTo("0.0000 metrics:" + moved.path("importId").asText());
    }

    @Test
    void aRowIsRecognisedByTheDigestOfItsValuesAndARowChangedByHandIsComparedAgain() throws Exception {
        String csv =
                REPORTS_HEADER + "IMP-D1,chenjing,2021-02-01 17:00,yes\n" + "IMP-D2,chenjing,2021-02-08 17:00,yes\n";
        assertThat(api.importFile("reports", "digest.csv", csv.getBytes(StandardCharsets.UTF_8))
                        .path("inserted")
                        .asLong())
                .isEqualTo(2);
        List<String> digests = digests();
        assertThat(digests).hasSize(2).doesNotContainNull().doesNotHaveDuplicates();
        // The same values in another format are the same rows: same digests, nothing changes.
        JsonNode again = api.importJson("reports", """
                [{"report_id": "IMP-D1", "employee_id": "chenjing", "submitted_at": "2021-02-01 17:00", "truthful": "yes"},
                 {"report_id": "IMP-D2", "employee_id": "chenjing", "submitted_at": "2021-02-08 17:00", "truthful": "yes"}]""");
        assertThat(again.path("unchanged").asLong()).as(again.toString()).isEqualTo(2);
        assertThat(digests()).isEqualTo(digests);
        // Changed other than by an import, a row no longer holds what its digest describes: it forgets it, and the next
        // import of the file compares it and restores the file's value.
        jdbc.sql("update review.report_submission set truthful = false where report_id = 'IMP-D1'")
                .update();
        assertThat(digests()).containsOnlyOnce((String) null);
        JsonNode restored = api.importFile("reports", "digest.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(restored.path("updated").asLong()).as(restored.toString()).isEqualTo(1);
        assertThat(restored.path("unchanged").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select truthful from review.report_submission where report_id = 'IMP-D1'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(digests()).isEqualTo(digests);
        // A changed row gets the digest of its new values.
        JsonNode corrected = api.importFile(
                "reports",
                "digest.csv",
                csv.replace("08 17:00,yes", "08 17:00,no").getBytes(StandardCharsets.UTF_8));
        assertThat(corrected.path("updated").asLong()).isEqualTo(1);
        assertThat(digests())
                .doesNotContainNull()
                .containsOnlyOnce(digests.get(0))
                .doesNotContain(digests.get(1));
    }

    @Test
    void aStoredRowOfTheSameValuesTakesTheFileDigestAndStaysUnchanged() throws Exception {
        String csv =
                REPORTS_HEADER + "IMP-D3,chenjing,2021-03-01 17:00,yes\n" + "IMP-D4,chenjing,2021-03-08 17:00,yes\n";
        JsonNode first = api.importFile("reports", "same.csv", csv.getBytes(StandardCharsets.UTF_8));
        String importId = first.path("importId").asText();
        List<String> digests = digests("IMP-D3", "IMP-D4");
        // Written by hand to the same values (as rows stored before V27 or under other rules carry no matching digest),
        // and the other row spelt otherwise in the next file: compared, found equal, given the file's digests.
        jdbc.sql("update review.report_submission set truthful = true where report_id = 'IMP-D3'")
                .update();
        assertThat(digests("IMP-D3", "IMP-D4")).containsExactly(null, digests.get(1));
        String respelt = csv.replace("08 17:00,yes", "08 17:00,true");
        JsonNode again = api.importFile("reports", "same.csv", respelt.getBytes(StandardCharsets.UTF_8));
        assertThat(again.path("unchanged").asLong()).as(again.toString()).isEqualTo(2);
        assertThat(again.path("updated").asLong()).isZero();
        assertThat(again.path("periods").size())
                .as("no month has new or changed rows")
                .isZero();
        List<String> refreshed = digests("IMP-D3", "IMP-D4");
        assertThat(refreshed.get(0)).isEqualTo(digests.get(0));
        assertThat(refreshed.get(1)).isNotNull().isNotEqualTo(digests.get(1));
        assertThat(jdbc.sql(
                                "select distinct import_id from review.report_submission where report_id in ('IMP-D3', 'IMP-D4')")
                        .query(String.class)
                        .list())
                .as("the rows keep the import that brought their values")
                .containsExactly(importId);
        // Next time the file's rows are recognised by their digests: the merge reads none of them.
        JsonNode third = api.importFile("reports", "same.csv", respelt.getBytes(StandardCharsets.UTF_8));
        assertThat(third.path("unchanged").asLong()).isEqualTo(2);
        assertThat(digests("IMP-D3", "IMP-D4")).isEqualTo(refreshed);
    }

    private List<String> digests() {
        return digests("IMP-D1", "IMP-D2");
    }

    private List<String> digests(String... reportIds) {
        return jdbc.sql("select encode(row_digest, 'hex') from review.report_submission"
                        + " where report_id in (:ids) order by report_id")
                .param("ids", List.of(reportIds))
                .query(String.class)
                .list();
    }

    @Test
    void aStoredKeyBeyondTheSampledRowsIsMergedAndARepeatedOneRefused() throws Exception {
        String stored = "IMP-S-old,chenjing,2021-05-03 17:00,yes\n";
        assertThat(api.importFile("reports", "old.csv", (REPORTS_HEADER + stored).getBytes(StandardCharsets.UTF_8))
                        .path("status")
                        .asText())
                .isEqualTo("SUCCEEDED");
        StringBuilder month = new StringBuilder(REPORTS_HEADER);
        for (int i = 1; i <= RecordStore.SAMPLE_ROWS; i++)
            month.append("IMP-S-").append(i).append(",chenjing,2021-05-04 17:00,yes\n");
        // Beyond the keys looked up first: the plain insert meets the stored key and the import merges instead.
        JsonNode merged = api.importFile("reports", "month.csv", (month + stored).getBytes(StandardCharsets.UTF_8));
        assertThat(merged.path("status").asText()).as(merged.toString()).isEqualTo("SUCCEEDED");
        assertThat(merged.path("inserted").asLong()).isEqualTo(RecordStore.SAMPLE_ROWS);
        assertThat(merged.path("unchanged").asLong()).isEqualTo(1);
        // A key repeated beyond them in a new file is still named as repeated, and nothing is stored.
        Map<String, Long> before = api.counts();
        String repeated = REPORTS_HEADER + "IMP-S-new,chenjing,2021-05-05 17:00,yes\n"
                + month.substring(REPORTS_HEADER.length()).replace("IMP-S-", "IMP-T-")
                + "IMP-S-new,chenjing,2021-05-06 17:00,no\n";
        JsonNode refused = api.importFile("reports", "repeated.csv", repeated.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.path("status").asText()).isEqualTo("FAILED");
        assertThat(refused.path("errors").toString()).contains("repeats the key of row 2");
        assertThat(api.counts()).isEqualTo(before);
    }

    @Test
    void truncatedFilesAreRefused() throws Exception {
        Map<String, Long> before = api.counts();
        String csv = "revisit_id,employee_id,revisited_at,authentic\n"
                + "IMP-V1,yangxiuying,2021-04-02 10:00,yes\n"
                + "IMP-V2,yangxiuying,2021-04-0";
        JsonNode cut = api.importFile("revisits", "revisits.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(errors(cut))
                .containsExactly(
                        "revisits.csv row 3: 只有 3 列，表头有 4 列（文件是否被截断？） / has 3 of the header's 4 columns (is the file truncated?)");

        JsonNode openQuote = api.importFile(
                "revisits",
                "quoted.csv",
                (csv + "1 10:00,\"yes\nIMP-V3,yangxiuying,2021-04-03 10:00,no\n").getBytes(StandardCharsets.UTF_8));
        assertThat(errors(openQuote))
                .containsExactly(
                        "quoted.csv row 3: 引号内的值从这里开始却没有结束：文件被截断了 / a quoted value starts here and never ends: the file is truncated");

        JsonNode json = api.importJson(
                "revisits",
                "[{\"revisit_id\": \"IMP-V4\", \"employee_id\": \"yangxiuying\", \"revisited_at\": \"2021-04-");
        assertThat(errors(json))
                .containsExactly(
                        "request body (JSON) row 1: JSON 提前结束：请求体被截断了 / the JSON ends early: the body is truncated");

        JsonNode xlsx = api.importFile("revisits", "revisits.xlsx", sampleWorkbookCut());
        assertThat(xlsx.path("status").asText()).isEqualTo("FAILED");
        assertThat(errors(xlsx).get(0))
                .startsWith(
                        "revisits.xlsx: 无法读取 .xlsx 文件（已损坏或被截断？） / the .xlsx file cannot be read (damaged or truncated?)");
        assertThat(api.counts()).isEqualTo(before);
    }

    @Test
    void utf8WithByteOrderMarkIsRead() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] csv = "complaint_id,employee_id,received_at,ticket_id\nIMP-投诉-1,wangfang,2021-04-05 12:00,IMP-T2\n"
                .getBytes(StandardCharsets.UTF_8);
        JsonNode job = api.importFile("complaints", "complaints.csv", concat(bom, csv));

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.sql("select count(*) from review.complaint where complaint_id = 'IMP-投诉-1'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void gbkFromExcelIsReadAsChinese() throws Exception {
        String csv =
                REPORTS_HEADER + "IMP-报表-1,huangqiang,2021-04-09 17:00,是\nIMP-报表-2,huangqiang,2021-04-16 17:00,否\n";
        JsonNode job = api.importFile("reports", "报表.csv", csv.getBytes(Charset.forName("GBK")));

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.sql(
                                "select string_agg(report_id || '=' || truthful, ' ' order by report_id) from review.report_submission where "
                                        + "employee_id = 'huangqiang'")
                        .query(String.class)
                        .single())
                .isEqualTo("IMP-报表-1=true IMP-报表-2=false");
    }

    @Test
    void undecodableAndEmptyFilesAreRefused() throws Exception {
        Map<String, Long> before = api.counts();
        byte[] garbage = concat(
                (REPORTS_HEADER + "IMP-G1,zhangwei,2021-04-01 10:00,").getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0x80, '\n'});
        assertThat(errors(api.importFile("reports", "garbage.csv", garbage)))
                .containsExactly("garbage.csv: 文件既不是 UTF-8 也不是 GBK/GB18030（第 " + (garbage.length - 4)
                        + " 字节无法解码），请另存为 CSV UTF-8 / the file is neither UTF-8 nor GBK/GB18030 (byte "
                        + (garbage.length - 4) + " cannot be decoded); save it as CSV UTF-8");
        assertThat(errors(api.importFile("reports", "empty.csv", new byte[0])))
                .containsExactly("empty.csv: 文件为空 / the file is empty");
        assertThat(errors(api.importFile(
                        "reports",
                        "header.csv",
                        "report_id,employee_id,submitted_at,truthful\r\n".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("header.csv: 文件只有表头，没有数据行 / the file has a header but no data rows");
        assertThat(errors(api.importFile(
                        "reports",
                        "wrong.csv",
                        "report,employee_id,submitted_at\nx,y,z\n".getBytes(StandardCharsets.UTF_8))))
                .containsExactly(
                        "wrong.csv row 1, column report: 不是 reports 的列（列：report_id, employee_id, submitted_at, truthful） / is not a column of reports"
                                + " (columns: report_id, employee_id, submitted_at, truthful)",
                        "wrong.csv row 1, column report_id: 是必填列，但表头中没有 / is a required column but is missing from the header",
                        "wrong.csv row 1, column truthful: 是必填列，但表头中没有 / is a required column but is missing from the header");
        assertThat(errors(api.importJson("reports", "[]")))
                .containsExactly("request body (JSON): 数组为空 / the array is empty");
        assertThat(api.counts()).isEqualTo(before);
    }

    @Test
    void errorsBeyondTheLimitAreCountedNotListed() throws Exception {
        StringBuilder csv = new StringBuilder("check_id,employee_id,checked_at,result\n");
        for (int i = 0; i < 1_500; i++) csv.append("IMP-L").append(i).append(",zhangwei,2021-04-01 10:00,maybe\n");
        JsonNode job = api.importFile("spot-checks", "many.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(job.path("errorCount").asLong()).isEqualTo(1_500);
        assertThat(job.path("errors").size()).isEqualTo(1_000);
        assertThat(job.path("moreErrors").asLong()).isEqualTo(500);
        assertThat(job.path("errors").get(999).path("row").asLong()).isEqualTo(1_001);
    }

    @Test
    void onlyHrImportsAndRecordTypesAreChecked() throws Exception {
        ResponseEntity<String> employee =
                api.upload("zhangwei", "tickets", "t.csv", TICKETS_HEADER.getBytes(StandardCharsets.UTF_8));
        assertThat(employee.getStatusCode().value()).isEqualTo(403);

        ResponseEntity<String> unknown =
                api.upload("zhaomin", "orders", "o.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(api.read(unknown.getBody()).path("field").asText()).isEqualTo("recordType");
        assertThat(api.read(unknown.getBody()).path("message").asText())
                .isEqualTo(
                        "unknown record type 'orders'; record types: tickets, sessions, surveys, revisits, complaints, spot-checks, "
                                + "reports, events, attendance, kpi-inputs");

        ResponseEntity<String> xls = api.upload(
                "zhaomin", "tickets", "old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0});
        assertThat(xls.getStatusCode().value()).isEqualTo(400);
        assertThat(api.read(xls.getBody()).path("message").asText()).contains(".xls");
    }

    private String kpi(String employee, String period, String key) {
        return jdbc.sql(
                        "select value || ' ' || source from review.kpi_value where employee_id = ? and period = ? and input_key = ?")
                .params(employee, period, key)
                .query(String.class)
                .optional()
                .orElse("(none)");
    }

    private static List<String> errors(JsonNode job) {
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("FAILED");
        List<String> messages = new ArrayList<>();
        job.path("errors").forEach(e -> messages.add(e.path("message").asText()));
        return messages;
    }

    /** A real workbook cut in half, as an interrupted download leaves it. */
    private static byte[] sampleWorkbookCut() throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Row header = book.createSheet().createRow(0);
            header.createCell(0).setCellValue("revisit_id");
            book.write(out);
            byte[] whole = out.toByteArray();
            return Arrays.copyOf(whole, whole.length / 2);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
