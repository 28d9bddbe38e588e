package com.servicereview.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cycle report over a small cycle written straight into the tables ({@link ReportFixture}): team as2,
 * March 2019, cs-staff-monthly, four assessed members (and one not assessed), one appeal re-score, one
 * override, and reviews in January–February 2019 (plus some that must stay out) for the trend.
 * No other test uses these periods.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CycleReportTest {

    static final String SCHEME = ReportFixture.SCHEME;
    static final String CYCLE = "as2:2019-03:" + SCHEME;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void cycleRows() {
        assertThat(ReportFixture.cycle(jdbc, YearMonth.of(2019, 3), "三封顾客表扬信 three praise letters"))
                .isEqualTo(CYCLE);
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, "demo").getForEntity(path, String.class);
    }

    private ResponseEntity<String> getWith(HttpHeaders headers, String path) {
        return rest.withBasicAuth("chengang", "demo")
                .exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** The figures the page embeds for its charts (ReportCharts). */
    private JsonNode charts(String page) throws Exception {
        Matcher block = Pattern.compile(
                        "<script type=\"application/json\" id=\"report-charts\">(.*?)</script>", Pattern.DOTALL)
                .matcher(page);
        assertThat(block.find()).as("the charts' JSON block").isTrue();
        return json.readTree(block.group(1));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
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
        assertThat(texts(distribution, "grade"))
                .containsExactly("OUTSTANDING", "EXCELLENT", "MEDIUM", "NEEDS_IMPROVEMENT", "URGENT_IMPROVEMENT");
        assertThat(ints(distribution, "count")).containsExactly(0, 1, 1, 1, 1);
        assertThat(doubles(distribution, "actualPercent")).containsExactly(0.0, 25.0, 25.0, 25.0, 25.0);
        assertThat(doubles(distribution, "quotaPercent")).containsExactly(10.0, 15.0, 65.0, 10.0, 10.0);
        assertThat(texts(distribution, "seats")).containsExactly("0", "0", "2", "null", "null");
        assertThat(distribution.get(1).path("labelZh").asText()).isEqualTo("优秀");
        assertThat(distribution.get(1).path("labelEn").asText()).isEqualTo("Excellent");

        JsonNode ranking = report.path("ranking");
        assertThat(ints(ranking, "rank")).containsExactly(1, 2, 3, 4);
        assertThat(ranking.findValuesAsText("id")).containsExactly("zhaolei", "zhouting", "wuhao", "xulin");
        assertThat(texts(ranking, "grade"))
                .containsExactly("EXCELLENT", "MEDIUM", "NEEDS_IMPROVEMENT", "URGENT_IMPROVEMENT");
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
        // 2019-02: (90.00 + 80.00) / 2 = 85.00 (mali unscored, zhangwei as1, online-cs-monthly left out); EXCELLENT 1,
        // MEDIUM 1
        // 2019-03: (96.00 + 88.50 + 72.00 + 45.00) / 4 = 301.50 / 4 = 75.375 → 75.38; one each of four grades after
        // calibration
        // 2018-03 lies before the window.
        JsonNode trend = report.path("trend");
        assertThat(trend.path("from").asText()).isEqualTo("2018-04");
        assertThat(trend.path("to").asText()).isEqualTo("2019-03");
        JsonNode periods = trend.path("periods");
        assertThat(texts(periods, "period")).containsExactly("2019-01", "2019-02", "2019-03");
        assertThat(ints(periods, "reviews")).containsExactly(3, 2, 4);
        assertThat(doubles(periods, "averageTotal")).containsExactly(65.05, 85.00, 75.38);
        assertThat(periods.get(0).path("grades").path("NEEDS_IMPROVEMENT").asInt())
                .isEqualTo(2);
        assertThat(periods.get(0).path("grades").path("MEDIUM").asInt()).isEqualTo(1);
        assertThat(periods.get(0).path("grades").path("OUTSTANDING").asInt()).isEqualTo(0);
        assertThat(periods.get(1).path("grades").path("EXCELLENT").asInt()).isEqualTo(1);
        // this cycle's period counts grades after calibration: zhaolei (96, score grade OUTSTANDING) was calibrated
        // EXCELLENT
        assertThat(periods.get(2).path("grades").path("OUTSTANDING").asInt()).isEqualTo(0);
        assertThat(periods.get(2).path("grades").path("EXCELLENT").asInt()).isEqualTo(1);
        assertThat(periods.get(2).path("grades").path("MEDIUM").asInt()).isEqualTo(1);
        assertThat(periods.get(2).path("grades").path("NEEDS_IMPROVEMENT").asInt())
                .isEqualTo(1);
        assertThat(periods.get(2).path("grades").path("URGENT_IMPROVEMENT").asInt())
                .isEqualTo(1);
    }

    @Test
    void readersAreThoseOfTheCycle() {
        for (String reader : List.of("zhaomin", "admin", "wangjianguo", "chengang")) {
            assertThat(get(reader, "/api/cycles/" + CYCLE + "/report")
                            .getStatusCode()
                            .value())
                    .as(reader)
                    .isEqualTo(200);
        }
        assertThat(get("mali", "/api/cycles/" + CYCLE + "/report")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(get("mali", "/api/cycles/" + CYCLE + "/report.xlsx")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        ResponseEntity<String> refused = get("mali", "/reports/cycles/" + CYCLE);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(refused.getBody()).contains("<h1>无权查看</h1>", "您无权查看考核周期 " + CYCLE + " 的报告。");
        assertThat(get("mali", "/reports/cycles/" + CYCLE + "?lang=en").getBody())
                .contains("<h1>Forbidden</h1>", "You may not read the report of cycle " + CYCLE + ".");
        assertThat(rest.getForEntity("/reports/cycles/" + CYCLE, String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(rest.getForEntity("/reports/cycles/" + CYCLE, String.class)
                        .getHeaders()
                        .getFirst("WWW-Authenticate"))
                .startsWith("Basic");
        assertThat(get("zhaomin", "/api/cycles/as2:1999-01:" + SCHEME + "/report")
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        ResponseEntity<String> unknown = get("zhaomin", "/reports/cycles/as2:1999-01:" + SCHEME);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("没有考核周期 as2:1999-01:" + SCHEME + "。");
    }

    @Test
    void pageIsChineseByDefaultWithTheFiguresForItsCharts() throws Exception {
        ResponseEntity<String> response = get("chengang", "/reports/cycles/" + CYCLE);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("text/html");
        String page = response.getBody();
        assertThat(page)
                .contains(
                        "<html lang=\"zh-CN\">",
                        "等级分布",
                        "排名",
                        "指标明细",
                        "近12期趋势（2018-04 至 2019-03）",
                        "售后二组",
                        "赵磊",
                        "Zhao Lei",
                        "非常优秀",
                        "急需改进",
                        "客户投诉解决率(投诉率) (20)",
                        "三封顾客表扬信 three praise letters",
                        "不设上限",
                        "65%",
                        "25.0%",
                        "75.38",
                        "27.50",
                        "title=\"test rule 0\"",
                        "校准中",
                        "已校准（最终等级）",
                        "href=\"/api/cycles/as2:2019-03:cs-staff-monthly/report.xlsx\"",
                        "download=\"cycle-report_as2_2019-03_cs-staff-monthly.xlsx\"");
        assertThat(page).doesNotContain("Grade distribution", "Complaint rate", "??");
        // The overridden row is shaded: zhaolei, rank 1.
        assertThat(page.split("class=\"overridden\"", -1)).hasSize(2);

        // The charts: ECharts from the app's own webjar, the figures as a JSON block, no inline code.
        // (the URL names the webjar's version, so a new ECharts is never taken from a browser's cache)
        assertThat(page)
                .containsPattern("<script src=\"/webjars/echarts/[0-9.]+/dist/echarts.min.js\"></script>")
                .contains(
                        "<script src=\"/js/cycle-report.js\"></script>",
                        "id=\"distribution-chart\"",
                        "id=\"trend-chart\"");
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)(?![^>]*type=\"application/json\")")
                        .matcher(page)
                        .find())
                .as("an inline script")
                .isFalse();
        JsonNode charts = charts(page);
        JsonNode distribution = charts.path("distribution");
        assertThat(texts(distribution.path("labels"))).containsExactly("非常优秀", "优秀", "中等", "需要改进", "急需改进");
        assertThat(texts(distribution.path("quotaPercent"))).containsExactly("10.0", "15.0", "65.0", "10.0", "10.0");
        assertThat(texts(distribution.path("actualPercent"))).containsExactly("0.0", "25.0", "25.0", "25.0", "25.0");
        assertThat(texts(distribution.path("count"))).containsExactly("0", "1", "1", "1", "1");
        // All twelve months on the axis; only the three with scored reviews have a value.
        JsonNode trend = charts.path("trend");
        assertThat(trend.path("periods")).hasSize(12);
        assertThat(trend.path("periods").get(0).asText()).isEqualTo("2018-04");
        assertThat(trend.path("current").asText()).isEqualTo("2019-03");
        assertThat(texts(trend.path("averageTotal")))
                .containsExactly(
                        "null", "null", "null", "null", "null", "null", "null", "null", "null", "65.05", "85.0",
                        "75.38");
        assertThat(texts(trend.path("reviews")))
                .containsExactly("0", "0", "0", "0", "0", "0", "0", "0", "0", "3", "2", "4");
    }

    @Test
    void pageInEnglishAfterLangEnRemembered() throws Exception {
        ResponseEntity<String> english = get("chengang", "/reports/cycles/" + CYCLE + "?lang=en");
        assertThat(english.getStatusCode().value()).isEqualTo(200);
        String page = english.getBody();
        assertThat(page)
                .contains(
                        "<html lang=\"en\">",
                        "Grade distribution",
                        "Ranking",
                        "Per-indicator breakdown",
                        "Trend over the last 12 periods (2018-04 – 2019-03)",
                        "After-sales Team 2",
                        "Zhao Lei",
                        "赵磊",
                        "Outstanding",
                        "Urgent improvement",
                        "Complaint rate (20)",
                        "三封顾客表扬信 three praise letters",
                        "not capped",
                        "75.38",
                        "27.50",
                        "Calibration",
                        "calibrated (final)");
        assertThat(page).doesNotContain("等级分布", "客户投诉解决率", "??");
        assertThat(texts(charts(page).path("distribution").path("labels")))
                .containsExactly("Outstanding", "Excellent", "Medium", "Needs improvement", "Urgent improvement");

        String cookie = english.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
        assertThat(cookie).startsWith("service-review-lang=en;").contains("Path=/", "Max-Age=31536000", "HttpOnly");
        HttpHeaders remembered = new HttpHeaders();
        remembered.add(HttpHeaders.COOKIE, cookie.substring(0, cookie.indexOf(';')));
        assertThat(getWith(remembered, "/reports/cycles/" + CYCLE).getBody())
                .contains("<html lang=\"en\">", "Grade distribution");

        ResponseEntity<String> back = getWith(remembered, "/reports/cycles/" + CYCLE + "?lang=zh");
        assertThat(back.getBody()).contains("<html lang=\"zh-CN\">", "等级分布");
        assertThat(back.getHeaders().getFirst(HttpHeaders.SET_COOKIE)).startsWith("service-review-lang=zh-CN;");
        // Only Chinese and English exist: any other language is Chinese, parameter or cookie.
        assertThat(get("chengang", "/reports/cycles/" + CYCLE + "?lang=fr").getBody())
                .contains("<html lang=\"zh-CN\">", "等级分布");
        HttpHeaders french = new HttpHeaders();
        french.add(HttpHeaders.COOKIE, "service-review-lang=fr");
        assertThat(getWith(french, "/reports/cycles/" + CYCLE).getBody()).contains("<html lang=\"zh-CN\">", "等级分布");
    }

    @Test
    void pageEscapesWhatHrWrote() throws Exception {
        String hostile = "</script><script>alert(1)</script> <b>\"praise\"</b> & 'more'";
        String cycle = ReportFixture.cycle(jdbc, YearMonth.of(2012, 6), hostile);
        String page = get("zhaomin", "/reports/cycles/" + cycle).getBody();
        assertThat(page)
                .contains(
                        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;&quot;praise&quot;&lt;/b&gt; &amp; &#39;more&#39;")
                .doesNotContain("<b>", "alert(1)</script>");
        assertThat(charts(page).path("distribution").path("count")).hasSize(5);
    }

    @Test
    void pageAssetsAreServedByTheAppWithoutCredentials() {
        Matcher src = Pattern.compile("<script src=\"(/webjars/echarts/[^\"]+)\"")
                .matcher(get("zhaomin", "/reports/cycles/" + CYCLE).getBody());
        assertThat(src.find()).isTrue();
        ResponseEntity<String> echarts = rest.getForEntity(src.group(1), String.class);
        assertThat(echarts.getStatusCode().value()).isEqualTo(200);
        assertThat(echarts.getHeaders().getContentType().toString()).contains("javascript");
        assertThat(echarts.getBody()).contains("echarts").hasSizeGreaterThan(500_000);
        for (String asset : List.of("/js/cycle-report.js", "/css/layout.css", "/css/cycle-report.css")) {
            assertThat(rest.getForEntity(asset, String.class).getStatusCode().value())
                    .as(asset)
                    .isEqualTo(200);
        }
        // It prints: A4 landscape, links hidden, the trend on a page of its own.
        assertThat(rest.getForObject("/css/layout.css", String.class))
                .contains("@page { size: A4 landscape", "@media print", ".no-print");
        assertThat(rest.getForObject("/css/cycle-report.css", String.class))
                .contains("section.trend { break-before: page");
    }

    @Test
    void workbookHasFourSheetsWithNumericCells() throws Exception {
        ResponseEntity<byte[]> response = rest.withBasicAuth("wangjianguo", "demo")
                .getForEntity("/api/cycles/" + CYCLE + "/report.xlsx", byte[].class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("cycle-report_as2_2019-03_cs-staff-monthly.xlsx");
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
            assertThat(trend.getRow(3).getCell(6).getNumericCellValue()).isEqualTo(2.0); // 需要改进 Needs improvement
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
