package com.servicereview.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cycle report over a small cycle written straight into the tables: team as2, March 2019,
 * cs-staff-monthly, four assessed members (and one not assessed), one appeal re-score, one override,
 * and reviews in January–February 2019 (plus some that must stay out) for the trend.
 * No other test uses these periods. Nothing is archived, so the rows stay writable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CycleReportTest {

    static final String CYCLE = "as2:2019-03:cs-staff-monthly";
    static final String SCHEME = "cs-staff-monthly";
    /** The seven indicators of cs-staff-monthly with their maximum points. */
    static final String[][] INDICATORS = {
            {"answer-quality", "专业技能、接听质量", "Professional skill and call quality", "30"},
            {"complaint-rate", "客户投诉解决率(投诉率)", "Complaint rate", "20"},
            {"revisit-completion", "回访完成率", "Revisit completion rate", "10"},
            {"revisit-authenticity", "回访真实度(不实回访条数)", "Revisit authenticity (false revisits found)", "10"},
            {"satisfaction", "客户满意度", "Customer satisfaction", "10"},
            {"report-authenticity", "报表上交真实性(不实报表次数)", "Report truthfulness (untrue reports)", "10"},
            {"audit-notices", "审计、纠错及行政通报", "Audit, correction and administrative notices", "10"}};

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void cycleRows() throws Exception {
        if (jdbc.sql("select count(*) from review.cycle where id = ?").param(CYCLE).query(Integer.class).single() > 0) return;
        jdbc.sql("insert into review.cycle (id, unit_id, period, scheme_id, status, started_by) values (?, 'as2', '2019-03', ?, 'CALIBRATION', 'zhaomin')")
                .params(CYCLE, SCHEME).update();
        // 2019-03, in the cycle. Each breakdown adds up to its total.
        member("zhaolei", 96.00, "OUTSTANDING", 28, 20, 10, 10, 8, 10, 10);
        member("zhouting", 80.00, "MEDIUM", 22, 15, 9, 10, 6, 10, 8);
        rescore("zhouting", 88.50, "EXCELLENT", 27.5, 18, 9, 10, 6, 10, 8);   // upheld appeal: version 2
        member("wuhao", 72.00, "MEDIUM", 24, 12, 8, 10, 8, 5, 5);
        member("xulin", 45.00, "URGENT_IMPROVEMENT", 15, 0, 5, 10, 5, 5, 5);
        jdbc.sql("insert into review.cycle_member (cycle_id, employee_id, eligible, reason) values (?, 'sunjie', false, 'absent more than 2 months')")
                .param(CYCLE).update();
        // G2 with 4 people: no OUTSTANDING or EXCELLENT seat, 2 MEDIUM seats; HR overrides zhaolei to EXCELLENT.
        calibration("zhaolei", 96.00, 1, "OUTSTANDING", "MEDIUM", "EXCELLENT", "三封顾客表扬信 three praise letters");
        calibration("zhouting", 88.50, 2, "EXCELLENT", "MEDIUM", "MEDIUM", null);
        calibration("wuhao", 72.00, 3, "MEDIUM", "NEEDS_IMPROVEMENT", "NEEDS_IMPROVEMENT", null);
        calibration("xulin", 45.00, 4, "URGENT_IMPROVEMENT", "URGENT_IMPROVEMENT", "URGENT_IMPROVEMENT", null);
        // The trend: earlier months of the same unit and scheme.
        review("zhaolei", "2019-02", SCHEME, 90.00, "EXCELLENT");
        review("zhouting", "2019-02", SCHEME, 80.00, "MEDIUM");
        review("wuhao", "2019-01", SCHEME, 70.10, "MEDIUM");
        review("xulin", "2019-01", SCHEME, 60.00, "NEEDS_IMPROVEMENT");
        review("sunjie", "2019-01", SCHEME, 65.05, "NEEDS_IMPROVEMENT");
        // …and what must stay out: not yet scored, another team, another scheme, before the 12 months.
        review("mali", "2019-02", SCHEME, null, null);
        review("zhangwei", "2019-02", SCHEME, 10.00, "URGENT_IMPROVEMENT");
        review("zhaolei", "2019-02", "online-cs-monthly", 50.00, "URGENT_IMPROVEMENT");
        review("zhaolei", "2018-03", SCHEME, 99.00, "OUTSTANDING");
    }

    private void member(String employee, double total, String grade, double... points) throws Exception {
        String reviewId = review(employee, "2019-03", SCHEME, total, grade);
        jdbc.sql("update review.review set cycle_id = ? where id = ?").params(CYCLE, reviewId).update();
        jdbc.sql("insert into review.cycle_member (cycle_id, employee_id, eligible, reason, review_id) values (?, ?, true, 'assessed', ?)")
                .params(CYCLE, employee, reviewId).update();
        score(reviewId, 1, total, grade, points);
    }

    private void rescore(String employee, double total, String grade, double... points) throws Exception {
        String reviewId = employee + ":2019-03:" + SCHEME;
        jdbc.sql("update review.review set final_total = ?, final_grade = ? where id = ?").params(total, grade, reviewId).update();
        score(reviewId, 2, total, grade, points);
    }

    private String review(String employee, String period, String scheme, Double total, String grade) {
        String id = employee + ":" + period + ":" + scheme;
        jdbc.sql("""
                        insert into review.review (id, employee_id, period, scheme_id, scheme_version, status, final_total, final_grade)
                        values (?, ?, ?, ?, 1, ?, ?, ?)""")
                .params(id, employee, period, scheme, total == null ? "IN_REVIEW" : "ACKNOWLEDGED", total, grade).update();
        return id;
    }

    private void score(String reviewId, int version, double total, String grade, double... points) throws Exception {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < INDICATORS.length; i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("indicatorId", INDICATORS[i][0]);
            line.put("nameZh", INDICATORS[i][1]);
            line.put("nameEn", INDICATORS[i][2]);
            line.put("maxPoints", Double.parseDouble(INDICATORS[i][3]));
            line.put("input", i == 0 ? null : 1.0);
            line.put("rule", "test rule " + i);
            line.put("points", points[i]);
            lines.add(line);
        }
        Map<String, Object> result = Map.of("schemeId", SCHEME, "schemeVersion", 1, "total", total, "grade", grade, "breakdown", lines);
        jdbc.sql("insert into review.score (review_id, version, total, grade, result, reason, changed_by) values (?, ?, ?, ?, ?::jsonb, ?, 'test')")
                .params(reviewId, version, total, grade, json.writeValueAsString(result), version == 1 ? "final score" : "appeal upheld").update();
    }

    private void calibration(String employee, double total, int rank, String natural, String proposed, String finalGrade, String reason) {
        jdbc.sql("""
                        insert into review.calibration (cycle_id, employee_id, total, rank, natural_grade, proposed_grade, final_grade, override_reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(CYCLE, employee, total, rank, natural, proposed, finalGrade, reason).update();
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, "demo").getForEntity(path, String.class);
    }

    @Test
    void jsonHoldsTheDistributionRankingBreakdownAndTrend() throws Exception {
        ResponseEntity<String> response = get("zhaomin", "/api/cycles/" + CYCLE + "/report");
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode report = json.readTree(response.getBody());

        assertThat(report.path("cycle").path("unitNameEn").asText()).isEqualTo("After-sales Team 2");
        assertThat(report.path("headcount").asInt()).isEqualTo(4);
        assertThat(report.path("calibrated").asBoolean()).isTrue();

        // Final grades: one each of EXCELLENT, MEDIUM, NEEDS_IMPROVEMENT, URGENT_IMPROVEMENT → 25% each.
        // Seats of 4: floor(10% × 4) = 0, floor(15% × 4) = 0, floor(65% × 4) = 2; the bottom two are not capped.
        JsonNode distribution = report.path("distribution");
        assertThat(distribution).hasSize(5);
        assertThat(texts(distribution, "grade")).containsExactly("OUTSTANDING", "EXCELLENT", "MEDIUM", "NEEDS_IMPROVEMENT", "URGENT_IMPROVEMENT");
        assertThat(ints(distribution, "count")).containsExactly(0, 1, 1, 1, 1);
        assertThat(doubles(distribution, "actualPercent")).containsExactly(0.0, 25.0, 25.0, 25.0, 25.0);
        assertThat(doubles(distribution, "quotaPercent")).containsExactly(10.0, 15.0, 65.0, 10.0, 10.0);
        assertThat(texts(distribution, "seats")).containsExactly("0", "0", "2", "null", "null");
        assertThat(distribution.get(1).path("labelZh").asText()).isEqualTo("优秀");
        assertThat(distribution.get(1).path("labelEn").asText()).isEqualTo("Excellent");

        JsonNode ranking = report.path("ranking");
        assertThat(ints(ranking, "rank")).containsExactly(1, 2, 3, 4);
        assertThat(ranking.findValuesAsText("id")).containsExactly("zhaolei", "zhouting", "wuhao", "xulin");
        assertThat(texts(ranking, "grade")).containsExactly("EXCELLENT", "MEDIUM", "NEEDS_IMPROVEMENT", "URGENT_IMPROVEMENT");
        assertThat(texts(ranking, "overridden")).containsExactly("true", "false", "false", "false");
        assertThat(ranking.get(0).path("proposedGrade").asText()).isEqualTo("MEDIUM");
        assertThat(ranking.get(1).path("total").asDouble()).isEqualTo(88.50);

        // The breakdown comes from the latest score version: zhouting's appeal (version 2).
        JsonNode breakdown = report.path("breakdown");
        assertThat(breakdown).hasSize(4);
        assertThat(report.path("indicators")).hasSize(7);
        JsonNode zhouting = breakdown.get(1);
        assertThat(zhouting.path("employee").path("id").asText()).isEqualTo("zhouting");
        assertThat(zhouting.path("scoreVersion").asInt()).isEqualTo(2);
        assertThat(zhouting.path("lines").get(0).path("points").asDouble()).isEqualTo(27.5);
        assertThat(zhouting.path("lines").get(0).path("maxPoints").asDouble()).isEqualTo(30.0);
        assertThat(zhouting.path("lines").get(1).path("nameZh").asText()).isEqualTo("客户投诉解决率(投诉率)");
        double sum = 0;
        for (JsonNode line : zhouting.path("lines")) sum += line.path("points").asDouble();
        assertThat(sum).isEqualTo(88.5);

        // Trend, 2018-04 … 2019-03, scored as2 reviews of cs-staff-monthly only:
        // 2019-01: (70.10 + 60.00 + 65.05) / 3 = 195.15 / 3 = 65.05; MEDIUM 1, NEEDS_IMPROVEMENT 2
        // 2019-02: (90.00 + 80.00) / 2 = 85.00 (mali unscored, zhangwei as1, online-cs-monthly left out); EXCELLENT 1, MEDIUM 1
        // 2019-03: (96.00 + 88.50 + 72.00 + 45.00) / 4 = 301.50 / 4 = 75.375 → 75.38; one each of four grades after calibration
        // 2018-03 lies before the window.
        JsonNode trend = report.path("trend");
        assertThat(trend.path("from").asText()).isEqualTo("2018-04");
        assertThat(trend.path("to").asText()).isEqualTo("2019-03");
        JsonNode periods = trend.path("periods");
        assertThat(texts(periods, "period")).containsExactly("2019-01", "2019-02", "2019-03");
        assertThat(ints(periods, "reviews")).containsExactly(3, 2, 4);
        assertThat(doubles(periods, "averageTotal")).containsExactly(65.05, 85.00, 75.38);
        assertThat(periods.get(0).path("grades").path("NEEDS_IMPROVEMENT").asInt()).isEqualTo(2);
        assertThat(periods.get(0).path("grades").path("MEDIUM").asInt()).isEqualTo(1);
        assertThat(periods.get(0).path("grades").path("OUTSTANDING").asInt()).isEqualTo(0);
        assertThat(periods.get(1).path("grades").path("EXCELLENT").asInt()).isEqualTo(1);
        // this cycle's period counts grades after calibration: zhaolei (96, score grade OUTSTANDING) was calibrated EXCELLENT
        assertThat(periods.get(2).path("grades").path("OUTSTANDING").asInt()).isEqualTo(0);
        assertThat(periods.get(2).path("grades").path("EXCELLENT").asInt()).isEqualTo(1);
        assertThat(periods.get(2).path("grades").path("MEDIUM").asInt()).isEqualTo(1);
        assertThat(periods.get(2).path("grades").path("NEEDS_IMPROVEMENT").asInt()).isEqualTo(1);
        assertThat(periods.get(2).path("grades").path("URGENT_IMPROVEMENT").asInt()).isEqualTo(1);
    }

    @Test
    void readersAreThoseOfTheCycle() {
        for (String reader : List.of("zhaomin", "admin", "wangjianguo", "chengang")) {
            assertThat(get(reader, "/api/cycles/" + CYCLE + "/report").getStatusCode().value()).as(reader).isEqualTo(200);
        }
        assertThat(get("mali", "/api/cycles/" + CYCLE + "/report").getStatusCode().value()).isEqualTo(403);
        assertThat(get("mali", "/api/cycles/" + CYCLE + "/report.xlsx").getStatusCode().value()).isEqualTo(403);
        assertThat(get("mali", "/reports/cycles/" + CYCLE).getStatusCode().value()).isEqualTo(403);
        assertThat(rest.getForEntity("/reports/cycles/" + CYCLE, String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(rest.getForEntity("/reports/cycles/" + CYCLE, String.class).getHeaders().getFirst("WWW-Authenticate"))
                .startsWith("Basic");
        assertThat(get("zhaomin", "/api/cycles/as2:1999-01:" + SCHEME + "/report").getStatusCode().value()).isEqualTo(404);
        assertThat(get("zhaomin", "/reports/cycles/as2:1999-01:" + SCHEME).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void pageHasBothLanguagesAndSvgCharts() throws Exception {
        ResponseEntity<String> response = get("chengang", "/reports/cycles/" + CYCLE);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("text/html");
        String page = response.getBody();
        // Two charts: the distribution and the trend.
        assertThat(page.split("<svg ", -1)).hasSize(3);
        assertThat(page).contains("等级分布", "Grade distribution", "排名", "Ranking", "指标明细", "Per-indicator breakdown",
                "近12期趋势", "Trend over the last 12 periods", "@media print", "售后二组", "After-sales Team 2",
                "赵磊", "Zhao Lei", "非常优秀", "Outstanding", "急需改进", "Urgent improvement",
                "客户投诉解决率(投诉率)", "Complaint rate", "三封顾客表扬信 three praise letters", "75.38", "27.50", "<polyline");
        assertThat(page).doesNotContain("<script");
        // One bar per grade for actual and quota, one point per period with reviews.
        assertThat(page.split("<rect ", -1).length - 1).isEqualTo(10 + 2);
        assertThat(page.split("<circle ", -1).length - 1).isEqualTo(3);
        Path out = Path.of(System.getProperty("e2e.outputDir", "target/e2e")).resolveSibling("report");
        Files.createDirectories(out);
        Files.writeString(out.resolve("cycle-report.html"), page);
    }

    @Test
    void workbookHasFourSheetsWithNumericCells() throws Exception {
        ResponseEntity<byte[]> response = rest.withBasicAuth("wangjianguo", "demo")
                .getForEntity("/api/cycles/" + CYCLE + "/report.xlsx", byte[].class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("cycle-report_as2_2019-03_cs-staff-monthly.xlsx");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(4);
            assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2), book.getSheetName(3)))
                    .containsExactly("分布 Distribution", "排名 Ranking", "明细 Breakdown", "趋势 Trend");

            Sheet distribution = book.getSheet("分布 Distribution");
            assertThat(distribution.getRow(2).getCell(4).getStringCellValue()).isEqualTo("人数 Count");
            Row medium = distribution.getRow(5);
            assertThat(medium.getCell(0).getStringCellValue()).isEqualTo("Medium");
            assertThat(medium.getCell(1).getStringCellValue()).isEqualTo("中等");
            assertThat(medium.getCell(2).getNumericCellValue()).isEqualTo(65.0);
            assertThat(medium.getCell(3).getNumericCellValue()).isEqualTo(2.0);
            assertThat(medium.getCell(4).getNumericCellValue()).isEqualTo(1.0);
            assertThat(medium.getCell(5).getNumericCellValue()).isEqualTo(25.0);
            assertThat(distribution.getRow(8).getCell(4).getNumericCellValue()).isEqualTo(4.0);

            Sheet ranking = book.getSheet("排名 Ranking");
            assertThat(ranking.getRow(2).getCell(0).getStringCellValue()).isEqualTo("名次 Rank");
            Row first = ranking.getRow(3);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(1.0);
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("zhaolei");
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo("赵磊");
            assertThat(first.getCell(4).getNumericCellValue()).isEqualTo(96.0);
            assertThat(first.getCell(7).getStringCellValue()).isEqualTo("优秀 Excellent");
            assertThat(first.getCell(8).getStringCellValue()).isEqualTo("是 Yes");
            assertThat(ranking.getLastRowNum()).isEqualTo(6);

            Sheet breakdown = book.getSheet("明细 Breakdown");
            assertThat(breakdown.getRow(2).getCell(3).getStringCellValue())
                    .isEqualTo("专业技能、接听质量 Professional skill and call quality (30)");
            Row zhouting = breakdown.getRow(4);
            assertThat(zhouting.getCell(0).getStringCellValue()).isEqualTo("zhouting");
            assertThat(zhouting.getCell(3).getNumericCellValue()).isEqualTo(27.5);
            assertThat(zhouting.getCell(10).getNumericCellValue()).isEqualTo(88.5);
            assertThat(zhouting.getCell(12).getNumericCellValue()).isEqualTo(2.0);

            Sheet trend = book.getSheet("趋势 Trend");
            assertThat(trend.getRow(2).getCell(2).getStringCellValue()).isEqualTo("平均分 Average total");
            assertThat(trend.getRow(3).getCell(0).getStringCellValue()).isEqualTo("2019-01");
            assertThat(trend.getRow(3).getCell(2).getNumericCellValue()).isEqualTo(65.05);
            assertThat(trend.getRow(5).getCell(2).getNumericCellValue()).isEqualTo(75.38);
            assertThat(trend.getRow(3).getCell(6).getNumericCellValue()).isEqualTo(2.0);   // 需要改进 Needs improvement
            assertThat(trend.getLastRowNum()).isEqualTo(5);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }

    private static List<Integer> ints(JsonNode array, String field) {
        List<Integer> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asInt()));
        return values;
    }

    private static List<Double> doubles(JsonNode array, String field) {
        List<Double> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asDouble()));
        return values;
    }
}
