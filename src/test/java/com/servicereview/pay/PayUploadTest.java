package com.servicereview.pay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The pay-input template and its upload (docs/pay.md, "Template and upload"), through the REST API as HR (zhaomin). Months of
 * its own: 2003-01 (template and unchanged re-upload), 2003-02 (a good file), 2003-03 (a file with errors), 2003-04 (CSV),
 * 2003-05 (the department's template). The people a template must list are read from the tables at the time, since other
 * tests import organisations into the shared database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PayUploadTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    /** The active people of the units, in the template's order (by unit in the given order, then by id). */
    private List<String> activePeople(String... units) {
        List<String> ids = new ArrayList<>();
        for (String unit : units) {
            ids.addAll(jdbc
                    .sql("select id from review.employee where org_unit_id = ? and active")
                    .param(unit)
                    .query(String.class)
                    .list()
                    .stream()
                    .sorted()
                    .toList());
        }
        return ids;
    }

    private byte[] template(String period, String unit) {
        ResponseEntity<byte[]> answer = rest.withBasicAuth("zhaomin", "demo")
                .getForEntity("/api/pay/inputs/" + period + "/template.xlsx?unit=" + unit, byte[].class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith(PayController.XLSX.toString());
        assertThat(answer.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("pay-inputs_" + period + "_" + unit + ".xlsx");
        return answer.getBody();
    }

    private ResponseEntity<String> upload(String user, String period, String unit, String name, byte[] file) {
        return upload(user, period, unit, Map.of("file", new Named(name, file)));
    }

    private record Named(String name, byte[] bytes) {}

    private ResponseEntity<String> upload(String user, String period, String unit, Map<String, Named> parts) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        parts.forEach((part, file) -> body.add(part, new ByteArrayResource(file.bytes()) {
            @Override
            public String getFilename() {
                return file.name();
            }
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, "demo")
                .postForEntity(
                        "/api/pay/inputs/" + period + (unit == null ? "" : "?unit=" + unit),
                        new HttpEntity<>(body, headers),
                        String.class);
    }

    private ResponseEntity<String> putJson(String period, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("zhaomin", "demo")
                .exchange("/api/pay/inputs/" + period, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode stored(String period) throws IOException {
        return json.readTree(rest.withBasicAuth("zhaomin", "demo")
                .getForEntity("/api/pay/inputs/" + period, String.class)
                .getBody());
    }

    private static List<String> column(Sheet sheet, int column) {
        List<String> values = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null && row.getCell(column) != null)
                values.add(row.getCell(column).getStringCellValue());
        }
        return values;
    }

    private static Row rowOf(Sheet sheet, String id) {
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null && id.equals(row.getCell(0).getStringCellValue())) return row;
        }
        throw new AssertionError("no row " + id + " in sheet " + sheet.getSheetName());
    }

    private static void set(Row row, int column, Object value) {
        Cell cell = row.getCell(column) == null ? row.createCell(column) : row.getCell(column);
        if (value instanceof Number n) cell.setCellValue(n.doubleValue());
        else cell.setCellValue((String) value);
    }

    private static byte[] bytes(Workbook book) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        book.write(out);
        return out.toByteArray();
    }

    @Test
    void templateListsTheUnitsActivePeopleWithWhatIsStoredAndComesBackUnchanged() throws Exception {
        String period = "2003-01";
        assertThat(putJson(period, """
                        {"units": [{"unitId": "as1", "teamBonusPool": 20000.00, "teamSales": 300000.00,
                                    "publicSales": 123456.78, "bonusPool": 10000.10}],
                         "employees": [{"employeeId": "zhangwei", "postSalary": 5000.00, "ownSales": 100000.50, "seniorityPay": 300}]}""").getStatusCode().value()).isEqualTo(200);

        byte[] file = template(period, "as1");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2)))
                    .containsExactly("人员 People", "单位 Units", "说明 Notes");
            Sheet people = book.getSheet("人员 People");
            Row header = people.getRow(0);
            List<String> headers = new ArrayList<>();
            header.forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers)
                    .containsExactly(
                            "工号 Employee ID",
                            "姓名 Name",
                            "所属单位 Unit",
                            "岗位工资 Post salary",
                            "个人销售额 Own sales",
                            "工龄工资 Seniority pay");
            assertThat(column(people, 0)).containsExactlyElementsOf(activePeople("as1"));
            Row zhangwei = rowOf(people, "zhangwei");
            assertThat(zhangwei.getCell(1).getStringCellValue()).isEqualTo("张伟");
            assertThat(zhangwei.getCell(2).getStringCellValue()).isEqualTo("as1 售后一组");
            assertThat(zhangwei.getCell(3).getNumericCellValue()).isEqualTo(5000.00);
            assertThat(zhangwei.getCell(4).getNumericCellValue()).isEqualTo(100000.50);
            assertThat(zhangwei.getCell(5).getNumericCellValue()).isEqualTo(300.00);
            assertThat(zhangwei.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.00");
            // Nothing stored for wangfang in 2003-01: her input cells are there, empty.
            Row wangfang = rowOf(people, "wangfang");
            assertThat(wangfang.getCell(3).getCellType()).isEqualTo(CellType.BLANK);
            Sheet units = book.getSheet("单位 Units");
            assertThat(column(units, 0)).containsExactly("as1");
            assertThat(rowOf(units, "as1").getCell(4).getNumericCellValue()).isEqualTo(123456.78);
            assertThat(rowOf(units, "as1").getCell(5).getNumericCellValue()).isEqualTo(10000.10);
            Sheet notes = book.getSheet("说明 Notes");
            StringBuilder text = new StringBuilder();
            notes.forEach(
                    row -> row.forEach(c -> text.append(c.getStringCellValue()).append('|')));
            assertThat(text)
                    .contains("2003-01", "as1 售后一组", "岗位工资 Post salary", "团队总奖金 Team bonus pool", "奖金池 Bonus pool")
                    .contains("什么都不保存", "nothing is stored");
        }

        ResponseEntity<String> again = upload("zhaomin", period, "as1", "pay-inputs_2003-01_as1.xlsx", file);
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(200);
        JsonNode answer = json.readTree(again.getBody());
        assertThat(answer.path("employees").asInt()).isEqualTo(1);
        assertThat(answer.path("units").asInt()).isEqualTo(1);
        assertThat(answer.path("skipped").asInt()).isEqualTo(activePeople("as1").size() - 1);
        JsonNode after = stored(period);
        assertThat(after.path("employees")).hasSize(1);
        assertThat(after.path("employees").get(0).path("ownSales").decimalValue())
                .isEqualByComparingTo("100000.50");
        assertThat(after.path("units").get(0).path("bonusPool").decimalValue()).isEqualByComparingTo("10000.10");
    }

    @Test
    void aFilledInTemplateIsStored() throws Exception {
        String period = "2003-02";
        byte[] file;
        List<String> people = activePeople("as1");
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(template(period, "as1")))) {
            Sheet sheet = book.getSheet("人员 People");
            for (int i = 0; i < people.size(); i++) {
                Row row = rowOf(sheet, people.get(i));
                set(row, 3, 4000 + i);
                set(row, 4, 50000.25 + i);
                if (i % 2 == 0) set(row, 5, 100.5);
            }
            Row unit = rowOf(book.getSheet("单位 Units"), "as1");
            set(unit, 2, 20000);
            set(unit, 3, 300000);
            set(unit, 4, "123456.78"); // typed as text: read like a number
            set(unit, 5, 10000.1);
            file = bytes(book);
        }
        ResponseEntity<String> answer = upload("zhaomin", period, "as1", "filled.xlsx", file);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        assertThat(json.readTree(answer.getBody()).path("employees").asInt()).isEqualTo(people.size());

        JsonNode after = stored(period);
        assertThat(after.path("employees")).hasSize(people.size());
        for (JsonNode e : after.path("employees")) {
            int i = people.indexOf(e.path("employeeId").asText());
            assertThat(e.path("postSalary").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(4000 + i));
            assertThat(e.path("ownSales").decimalValue())
                    .isEqualByComparingTo(new BigDecimal("50000.25").add(BigDecimal.valueOf(i)));
            assertThat(e.path("seniorityPay").decimalValue()).isEqualByComparingTo(i % 2 == 0 ? "100.50" : "0");
        }
        JsonNode unit = after.path("units").get(0);
        assertThat(unit.path("unitId").asText()).isEqualTo("as1");
        assertThat(unit.path("publicSales").decimalValue()).isEqualByComparingTo("123456.78");
        assertThat(unit.path("bonusPool").decimalValue()).isEqualByComparingTo("10000.10");
        assertThat(jdbc.sql("select distinct updated_by from review.pay_employee_input where period = ?")
                        .param(period)
                        .query(String.class)
                        .list())
                .containsExactly("zhaomin");
    }

    @Test
    void everyErrorIsNamedWithSheetRowColumnValueAndNothingIsStored() throws Exception {
        String period = "2003-03";
        byte[] file;
        Map<String, Integer> rows = new HashMap<>();
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(template(period, "as1")))) {
            Sheet sheet = book.getSheet("人员 People");
            for (String id : activePeople("as1")) {
                Row row = rowOf(sheet, id);
                set(row, 3, 4000);
                set(row, 4, 50000);
                rows.put(id, row.getRowNum() + 1);
            }
            set(rowOf(sheet, "zhangwei"), 3, -1); // negative
            set(rowOf(sheet, "wangfang"), 4, "五万"); // not a number
            set(rowOf(sheet, "liuyang"), 5, 12.345); // three decimals
            rowOf(sheet, "chenjing").removeCell(rowOf(sheet, "chenjing").getCell(4)); // own sales missing
            set(rowOf(sheet, "yangxiuying"), 1, "王芳"); // not her name
            int last = sheet.getLastRowNum();
            Row unknown = sheet.createRow(last + 1);
            set(unknown, 0, "nobody-2003");
            set(unknown, 3, 1000);
            set(unknown, 4, 1000);
            Row outside = sheet.createRow(last + 2);
            set(outside, 0, "zhaolei"); // team as2
            set(outside, 3, 1000);
            set(outside, 4, 1000);
            Row twice = sheet.createRow(last + 3);
            set(twice, 0, "huangqiang");
            set(twice, 3, 1000);
            set(twice, 4, 1000);
            Sheet units = book.getSheet("单位 Units");
            Row as1 = rowOf(units, "as1");
            set(as1, 2, 1);
            set(as1, 3, 1);
            set(as1, 4, 1);
            set(as1, 5, 1);
            Row as2 = units.createRow(2);
            set(as2, 0, "as2");
            set(as2, 2, 1);
            set(as2, 3, 1);
            set(as2, 4, 1);
            set(as2, 5, 1);
            file = bytes(book);
        }
        ResponseEntity<String> answer = upload("zhaomin", period, "as1", "pay-2003-03.xlsx", file);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        JsonNode problem = json.readTree(answer.getBody());
        assertThat(problem.path("error").asText()).isEqualTo("invalid-file");
        assertThat(problem.path("message").asText()).contains("什么都没有保存", "nothing was stored");
        assertThat(problem.path("errorCount").asInt()).isEqualTo(9);
        List<String> errors = new ArrayList<>();
        for (JsonNode e : problem.path("errors")) {
            assertThat(e.path("file").asText()).isEqualTo("pay-2003-03.xlsx");
            errors.add(e.path("sheet").asText() + " | " + e.path("row").asLong() + " | "
                    + e.path("column").asText() + " | " + e.path("value").asText(null) + " | "
                    + e.path("reason").asText());
        }
        int last = rows.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(errors)
                .containsExactlyInAnyOrder(
                        "人员 People | " + rows.get("zhangwei")
                                + " | 岗位工资 Post salary | -1 | 不能为负数 / must not be negative",
                        "人员 People | " + rows.get("wangfang")
                                + " | 个人销售额 Own sales | 五万 | 不是数字（元，例如 5000.00）/ is not a number (yuan, e.g. 5000.00)",
                        "人员 People | " + rows.get("liuyang")
                                + " | 工龄工资 Seniority pay | 12.345 | 最多两位小数 / has more than two decimals",
                        "人员 People | " + rows.get("chenjing")
                                + " | 个人销售额 Own sales | null | 必填（此行已填了其他金额）/ is required (the row has other amounts)",
                        "人员 People | " + rows.get("yangxiuying")
                                + " | 姓名 Name | 王芳 | 与工号不符：yangxiuying 是 杨秀英 / does not match the employee id: yangxiuying is Yang Xiuying",
                        "人员 People | " + (last + 1) + " | 工号 Employee ID | nobody-2003 | 未知员工 / unknown employee",
                        "人员 People | " + (last + 2)
                                + " | 工号 Employee ID | zhaolei | 不属于单位 as1 及其下级单位（所属单位：as2）/ is not in unit as1 or a unit below it (unit: as2)",
                        "人员 People | " + (last + 3) + " | 工号 Employee ID | huangqiang | 重复：第 " + rows.get("huangqiang")
                                + " 行已有此工号 / listed twice: already in row " + rows.get("huangqiang"),
                        "单位 Units | 3 | 单位编号 Unit ID | as2 | 不是单位 as1 或其下级单位 / is not unit as1 or a unit below it");
        JsonNode after = stored(period);
        assertThat(after.path("employees")).isEmpty();
        assertThat(after.path("units")).isEmpty();
    }

    @Test
    void peopleAndUnitsAsCsvFiles() throws Exception {
        String period = "2003-04";
        String people = "\uFEFF工号,岗位工资,个人销售额\r\nzhangwei,5000.00,100000\r\nwangfang,4800,90000.10\r\n";
        String units = "unit_id,team_bonus_pool,team_sales,public_sales,bonus_pool\nas1,20000,300000,0,9000\n";
        ResponseEntity<String> answer = upload(
                "zhaomin",
                period,
                "as1",
                Map.of(
                        "file", new Named("people.csv", people.getBytes(StandardCharsets.UTF_8)),
                        "units", new Named("units.csv", units.getBytes(StandardCharsets.UTF_8))));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        JsonNode after = stored(period);
        assertThat(after.path("employees")).hasSize(2);
        assertThat(after.path("units").get(0).path("bonusPool").decimalValue()).isEqualByComparingTo("9000");

        // A CSV with a column the layout does not know: the header is refused, in Chinese first.
        ResponseEntity<String> wrong =
                upload("zhaomin", period, "as1", "wrong.csv", "工号,工资\nzhangwei,1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(wrong.getStatusCode().value()).isEqualTo(400);
        JsonNode error = json.readTree(wrong.getBody()).path("errors").get(0);
        assertThat(error.path("row").asInt()).isEqualTo(1);
        assertThat(error.path("column").asText()).isEqualTo("工资");
        assertThat(error.path("reason").asText())
                .startsWith("不是 人员 People 的列")
                .contains("/ is not a column of 人员 People");
    }

    @Test
    void aDepartmentsTemplateListsItsTeamsAndTheirPeople() throws Exception {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(template("2003-05", "cs")))) {
            assertThat(column(book.getSheet("单位 Units"), 0)).startsWith("cs").contains("as1", "as2");
            List<String> units = column(book.getSheet("单位 Units"), 0);
            assertThat(column(book.getSheet("人员 People"), 0))
                    .containsExactlyElementsOf(activePeople(units.toArray(String[]::new)));
        }
    }

    @Test
    void badRequestsAndOnlyHr() throws Exception {
        byte[] file = template("2003-01", "as1");
        assertThat(upload("zhaomin", "2003-01", null, "x.xlsx", file)
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(upload("zhaomin", "2003-13", "as1", "x.xlsx", file)
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(upload("zhaomin", "2003-01", "no-such-unit", "x.xlsx", file)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        ResponseEntity<String> wrongPart =
                upload("zhaomin", "2003-01", "as1", Map.of("people", new Named("x.xlsx", file)));
        assertThat(wrongPart.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(wrongPart.getBody()).path("field").asText()).isEqualTo("people");
        ResponseEntity<String> legacy = upload(
                "zhaomin", "2003-01", "as1", "old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0});
        assertThat(legacy.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(legacy.getBody())
                        .path("errors")
                        .get(0)
                        .path("reason")
                        .asText())
                .startsWith("是旧版 Excel 97-2003");

        for (String user : List.of("zhangwei", "lina", "wangjianguo", "admin")) {
            assertThat(upload(user, "2003-01", "as1", "x.xlsx", file)
                            .getStatusCode()
                            .value())
                    .as(user)
                    .isEqualTo(403);
            assertThat(rest.withBasicAuth(user, "demo")
                            .getForEntity("/api/pay/inputs/2003-01/template.xlsx?unit=as1", String.class)
                            .getStatusCode()
                            .value())
                    .as(user)
                    .isEqualTo(403);
        }
    }
}
