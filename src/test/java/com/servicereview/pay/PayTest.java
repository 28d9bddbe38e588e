package com.servicereview.pay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pay over a small closed cycle written straight into the tables: team as2, May 2018 (no other test uses it),
 * cs-staff-monthly, three calibrated members; pay inputs go through the REST API.
 *
 * <pre>
 * calibration       total  rank   C1 (review.consequence)     C2
 *   zhaolei         90.00   1     +100 monthly-first-reward    +300 three-months-first-bonus
 *   zhouting        80.00   2        –                           –
 *   wuhao           30.00   3     −100 monthly-last-deduction (+ a rectification-plan row without amount)
 *   sum of totals  200.00
 * unit as2 2018-05: team bonus pool 20000.00, team sales 300000.00, public sales 123456.78, bonus pool 10000.10
 * employees:        post salary  own sales   seniority pay
 *   zhaolei           5000.00    100000.00     300.00
 *   zhouting          4500.00    120000.00     (left out → 0.00)
 *   wuhao             4000.00     80000.00     150.50
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PayTest {

    static final String CYCLE = "as2:2018-05:cs-staff-monthly";
    static final String PERIOD = "2018-05";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PayService pay;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void cycleAndInputs() {
        if (jdbc.sql("select count(*) from review.cycle where id = ?")
                        .param(CYCLE)
                        .query(Integer.class)
                        .single()
                == 0) {
            jdbc.sql(
                            "insert into review.cycle (id, unit_id, period, scheme_id, status, started_by) values (?, 'as2', ?, 'cs-staff-monthly', "
                                    + "'CLOSED', 'zhaomin')")
                    .params(CYCLE, PERIOD)
                    .update();
            calibration("zhaolei", 90.00, 1, "EXCELLENT");
            calibration("zhouting", 80.00, 2, "MEDIUM");
            calibration("wuhao", 30.00, 3, "URGENT_IMPROVEMENT");
            consequence("zhaolei", "C1", "monthly-first-reward", new BigDecimal("100.00"));
            consequence("zhaolei", "C2", "three-months-first-bonus", new BigDecimal("300.00"));
            consequence("wuhao", "C1", "monthly-last-deduction", new BigDecimal("-100.00"));
            consequence("wuhao", "C1", "rectification-plan", null);
        }
        ResponseEntity<String> put = put("zhaomin", PERIOD, """
                {"units": [{"unitId": "as2", "teamBonusPool": 20000.00, "teamSales": 300000.00,
                            "publicSales": 123456.78, "bonusPool": 10000.10}],
                 "employees": [{"employeeId": "zhaolei", "postSalary": 5000.00, "ownSales": 100000.00, "seniorityPay": 300.00},
                               {"employeeId": "zhouting", "postSalary": 4500, "ownSales": 120000},
                               {"employeeId": "wuhao", "postSalary": 4000.00, "ownSales": 80000.00, "seniorityPay": 150.50}]}""");
        assertThat(put.getStatusCode().value()).as(put.getBody()).isEqualTo(200);
    }

    private void calibration(String employee, double total, int rank, String grade) {
        jdbc.sql("""
                        insert into review.calibration (cycle_id, employee_id, total, rank, natural_grade, proposed_grade, final_grade)
                        values (?, ?, ?, ?, ?, ?, ?)""").params(CYCLE, employee, total, rank, grade, grade, grade).update();
    }

    private void consequence(String employee, String rule, String kind, BigDecimal amount) {
        jdbc.sql(
                        "insert into review.consequence (cycle_id, employee_id, rule, kind, amount, detail) values (?, ?, ?, ?, ?, 'test')")
                .params(CYCLE, employee, rule, kind, amount)
                .update();
    }

    private ResponseEntity<String> put(String user, String period, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo")
                .exchange("/api/pay/inputs/" + period, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    private Map<PayLineKind, BigDecimal> amounts(PayService.CyclePay cyclePay, String employee) {
        PayService.EmployeePay e = cyclePay.employees().stream()
                .filter(x -> x.employeeId().equals(employee))
                .findFirst()
                .orElseThrow();
        Map<PayLineKind, BigDecimal> amounts = new EnumMap<>(PayLineKind.class);
        e.lines().forEach((k, l) -> amounts.put(k, l.amount()));
        return amounts;
    }

    private static BigDecimal y(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void performanceShareLinesMatchHandArithmetic() {
        PayService.CyclePay result = pay.compute(CYCLE); // configured default: performance-share
        assertThat(result.employees())
                .extracting(PayService.EmployeePay::employeeId)
                .containsExactly("zhaolei", "zhouting", "wuhao");
        // M1 20000.00 × 100000 ÷ 300000 = 6666.666… → 6666.67
        // M2 123456.78 × 0.5% = 617.2839; × 90 ÷ 200 = 277.777755 → 277.78
        // M4 10000.10 × 90 ÷ 200 = 4500.045 → 4500.05; month × 5/10 = 2250.025 → 2250.03;
        //    quarter × 2/10 = 900.01; year = 4500.05 − 2250.03 − 900.01 = 1350.01
        // M3 5000.00 + 6666.67 + 277.78 + 2250.03 + 300.00 + C1 100.00 + C2 300.00 = 14894.48
        assertThat(amounts(result, "zhaolei"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        PayLineKind.POST_SALARY,
                        y("5000.00"),
                        PayLineKind.PERSONAL_COMMISSION,
                        y("6666.67"),
                        PayLineKind.PUBLIC_COMMISSION,
                        y("277.78"),
                        PayLineKind.BONUS_MONTH,
                        y("2250.03"),
                        PayLineKind.SENIORITY_PAY,
                        y("300.00"),
                        PayLineKind.CONSEQUENCE_C1,
                        y("100.00"),
                        PayLineKind.CONSEQUENCE_C2,
                        y("300.00"),
                        PayLineKind.MONTHLY_PAY,
                        y("14894.48"),
                        PayLineKind.BONUS_QUARTER_ACCRUED,
                        y("900.01"),
                        PayLineKind.BONUS_YEAR_ACCRUED,
                        y("1350.01")));
        // M1 20000 × 120000 ÷ 300000 = 8000.00; M2 617.2839 × 80 ÷ 200 = 246.91356 → 246.91
        // M4 10000.10 × 80 ÷ 200 = 4000.04; month 2000.02; quarter 800.008 → 800.01; year 4000.04 − 2000.02 − 800.01 =
        // 1200.01
        // M3 4500.00 + 8000.00 + 246.91 + 2000.02 + 0.00 (no seniority pay given) = 14746.93
        assertThat(amounts(result, "zhouting"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        PayLineKind.POST_SALARY,
                        y("4500.00"),
                        PayLineKind.PERSONAL_COMMISSION,
                        y("8000.00"),
                        PayLineKind.PUBLIC_COMMISSION,
                        y("246.91"),
                        PayLineKind.BONUS_MONTH,
                        y("2000.02"),
                        PayLineKind.SENIORITY_PAY,
                        y("0.00"),
                        PayLineKind.CONSEQUENCE_C1,
                        y("0.00"),
                        PayLineKind.CONSEQUENCE_C2,
                        y("0.00"),
                        PayLineKind.MONTHLY_PAY,
                        y("14746.93"),
                        PayLineKind.BONUS_QUARTER_ACCRUED,
                        y("800.01"),
                        PayLineKind.BONUS_YEAR_ACCRUED,
                        y("1200.01")));
        // M1 20000 × 80000 ÷ 300000 = 5333.333… → 5333.33; M2 617.2839 × 30 ÷ 200 = 92.592585 → 92.59
        // M4 10000.10 × 30 ÷ 200 = 1500.015 → 1500.02; month 750.01; quarter 300.004 → 300.00; year 1500.02 − 750.01 −
        // 300.00 = 450.01
        // M3 4000.00 + 5333.33 + 92.59 + 750.01 + 150.50 − C1 100.00 = 10226.43
        assertThat(amounts(result, "wuhao"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        PayLineKind.POST_SALARY,
                        y("4000.00"),
                        PayLineKind.PERSONAL_COMMISSION,
                        y("5333.33"),
                        PayLineKind.PUBLIC_COMMISSION,
                        y("92.59"),
                        PayLineKind.BONUS_MONTH,
                        y("750.01"),
                        PayLineKind.SENIORITY_PAY,
                        y("150.50"),
                        PayLineKind.CONSEQUENCE_C1,
                        y("-100.00"),
                        PayLineKind.CONSEQUENCE_C2,
                        y("0.00"),
                        PayLineKind.MONTHLY_PAY,
                        y("10226.43"),
                        PayLineKind.BONUS_QUARTER_ACCRUED,
                        y("300.00"),
                        PayLineKind.BONUS_YEAR_ACCRUED,
                        y("450.01")));
        assertThat(result.employees()
                        .get(0)
                        .lines()
                        .get(PayLineKind.PERSONAL_COMMISSION)
                        .formula())
                .contains("20000.00", "100000.00", "300000.00", "6666.67");
    }

    @Test
    void equalPublicCommissionSplitsByHeadcount() {
        // plan 5: 123456.78 × 0.5% ÷ 3 = 205.7613 → 205.76 for everyone; the rest as in the performance-share case
        PayService.CyclePay result = pay.compute(CYCLE, PublicCommissionMode.EQUAL);
        assertThat(result.employees())
                .allSatisfy(e -> assertThat(
                                e.lines().get(PayLineKind.PUBLIC_COMMISSION).amount())
                        .isEqualTo(y("205.76")));
        // M3 14894.48 − 277.78 + 205.76 = 14822.46; 14746.93 − 246.91 + 205.76 = 14705.78; 10226.43 − 92.59 + 205.76 =
        // 10339.60
        assertThat(result.employees())
                .extracting(PayService.EmployeePay::total)
                .containsExactly(y("14822.46"), y("14705.78"), y("10339.60"));
        assertThat(result.employees()
                        .get(0)
                        .lines()
                        .get(PayLineKind.PUBLIC_COMMISSION)
                        .formula())
                .contains("equal", "÷ 3");
        pay.compute(CYCLE); // back to the configured variant for the other tests
    }

    @Test
    void computingTwiceGivesTheSameRows() {
        pay.compute(CYCLE);
        List<Map<String, Object>> first = storedLines();
        pay.compute(CYCLE);
        List<Map<String, Object>> second = storedLines();
        assertThat(first).hasSize(3 * PayLineKind.values().length);
        assertThat(second).isEqualTo(first);
    }

    private List<Map<String, Object>> storedLines() {
        return jdbc.sql(
                        "select employee_id, kind, amount, formula from review.pay_line where cycle_id = ? order by employee_id, kind")
                .param(CYCLE)
                .query()
                .listOfRows();
    }

    @Test
    void badInputsAre400NamingTheFieldsAndChangeNothing() throws Exception {
        ResponseEntity<String> response = put("zhaomin", PERIOD, """
                {"units": [{"unitId": "as2", "teamBonusPool": 1, "teamSales": -1, "publicSales": 0, "bonusPool": 0}],
                 "employees": [{"employeeId": "zhaolei", "postSalary": 12.345, "ownSales": 1},
                               {"employeeId": "nobody", "postSalary": 1}]}""");
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.path("field").asText()).isEqualTo("units[0].teamSales");
        List<String> fields = new ArrayList<>();
        body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields)
                .containsExactly(
                        "units[0].teamSales",
                        "employees[0].postSalary",
                        "employees[1].employeeId",
                        "employees[1].ownSales");
        assertThat(jdbc.sql(
                                "select post_salary from review.pay_employee_input where period = ? and employee_id = 'zhaolei'")
                        .param(PERIOD)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("5000.00");

        ResponseEntity<String> badPeriod = put("zhaomin", "2018-13", "{\"units\": []}");
        assertThat(badPeriod.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(badPeriod.getBody()).path("field").asText()).isEqualTo("period");

        ResponseEntity<String> wrongType =
                put("zhaomin", PERIOD, "{\"employees\": [{\"employeeId\": \"zhaolei\", \"postSalary\": \"lots\"}]}");
        assertThat(wrongType.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(wrongType.getBody()).path("field").asText()).isEqualTo("employees[0].postSalary");
    }

    @Test
    void onlyHrMay() {
        assertThat(put("zhaolei", PERIOD, "{\"units\": []}").getStatusCode().value())
                .isEqualTo(403);
        for (String path : List.of("/pay", "/pay.csv", "/pay.xlsx")) {
            assertThat(rest.withBasicAuth("zhaolei", "demo")
                            .getForEntity("/api/cycles/" + CYCLE + path, String.class)
                            .getStatusCode()
                            .value())
                    .as(path)
                    .isEqualTo(403);
            assertThat(rest.withBasicAuth("chengang", "demo")
                            .getForEntity("/api/cycles/" + CYCLE + path, String.class)
                            .getStatusCode()
                            .value())
                    .as("supervisor " + path)
                    .isEqualTo(403);
        }
        assertThat(rest.withBasicAuth("zhaolei", "demo")
                        .postForEntity("/api/cycles/" + CYCLE + "/pay", null, String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
    }

    @Test
    void csvHasBomBilingualHeaderAndOneRowPerEmployee() {
        assertThat(rest.withBasicAuth("zhaomin", "demo")
                        .postForEntity("/api/cycles/" + CYCLE + "/pay", null, String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        ResponseEntity<byte[]> response =
                rest.withBasicAuth("zhaomin", "demo").getForEntity("/api/cycles/" + CYCLE + "/pay.csv", byte[].class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
        byte[] bytes = response.getBody();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0])
                .startsWith("工号 Employee ID,姓名 Name (zh),Name (en),排名 Rank,等级 Grade,岗位工资 Post salary,")
                .contains("应发合计(M3) Monthly pay (M3)");
        assertThat(lines[1])
                .isEqualTo(
                        "zhaolei,赵磊,Zhao Lei,1,EXCELLENT,5000.00,6666.67,277.78,2250.03,300.00,100.00,300.00,14894.48,900.01,1350.01");
        assertThat(lines[3]).startsWith("wuhao,吴昊,").contains(",-100.00,0.00,10226.43,");
    }

    @Test
    void xlsxHasTheSameNumbers() throws Exception {
        pay.compute(CYCLE);
        ResponseEntity<byte[]> response =
                rest.withBasicAuth("zhaomin", "demo").getForEntity("/api/cycles/" + CYCLE + "/pay.xlsx", byte[].class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
            Sheet sheet = book.getSheet("工资 Pay");
            Row header = sheet.getRow(0);
            int totalColumn = PayExport.FIXED_HEADERS.size() + PayLineKind.MONTHLY_PAY.ordinal();
            assertThat(header.getCell(totalColumn).getStringCellValue()).isEqualTo("应发合计(M3) Monthly pay (M3)");
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("zhaolei");
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("赵磊");
            assertThat(first.getCell(PayExport.FIXED_HEADERS.size() + PayLineKind.PERSONAL_COMMISSION.ordinal())
                            .getNumericCellValue())
                    .isEqualTo(6666.67);
            assertThat(first.getCell(totalColumn).getNumericCellValue()).isEqualTo(14894.48);
            assertThat(sheet.getRow(3).getCell(totalColumn).getNumericCellValue())
                    .isEqualTo(10226.43);
            assertThat(book.getSheet("公式 Formulas").getRow(1).getCell(3).getStringCellValue())
                    .isNotBlank();
        }
    }
}
