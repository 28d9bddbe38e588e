package com.servicereview.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.servicereview.report.ReportFixture;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's pay page (/console/pay) with the web apps' session only: HR sees the stored inputs of a unit and month and a
 * cycle's pay lines with the exports; everyone else, administrators too, gets the 403 page, as the pay API answers them.
 * Months of its own: 2002-07 (inputs of team as1), the report fixture's cycle of 2002-06 (team as2; it also writes reviews of
 * 2002-04, 2002-05 and 2001-06).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PayConsolePageTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestRestTemplate rest;

    private ResponseEntity<String> put(String period, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("zhaomin", "demo")
                .exchange("/api/pay/inputs/" + period, HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    @Test
    void hrSeesTheStoredInputsOfAUnitAndMonth() {
        assertThat(put("2002-07", """
                        {"employees": [{"employeeId": "zhangwei", "postSalary": 5123.45, "ownSales": 100000.00}]}""").getStatusCode().value()).isEqualTo(200);
        WebappBrowser hr = WebappBrowser.loggedIn(port, "zhaomin");
        String page = hr.page("/console/pay?period=2002-07&unit=as1", 200);
        assertThat(page)
                .contains(
                        "<h1>工资</h1>",
                        "href=\"/api/pay/inputs/2002-07/template.xlsx?unit=as1\"",
                        "data-employee=\"zhangwei\"",
                        "5123.45",
                        "data-employee=\"wangfang\"",
                        "已存数据：2002-07，as1",
                        "<option value=\"as2\"",
                        "aria-current=\"page\">工资</a>")
                .doesNotContain("data-employee=\"zhaolei\"");
        // wangfang has nothing stored: her row says so.
        assertThat(page).containsPattern("<tr data-employee=\"wangfang\" class=\"missing\">");
        assertThat(hr.page("/console/pay?period=2002-07&unit=as1&lang=en", 200))
                .contains("Stored inputs: 2002-07, as1", "Download the template (.xlsx)", "Zhang Wei");
        assertThat(hr.page("/console/?lang=zh", 200)).contains("href=\"/console/pay\"");
        assertThat(hr.page("/console/pay?period=2002-13&unit=as1", 400)).contains("月份有误");
        assertThat(hr.page("/console/pay?period=2002-07&unit=no-such-unit", 404))
                .contains("没有单位 no-such-unit");
    }

    @Test
    void hrSeesACyclesPayLinesAndItsExports() {
        String cycle = ReportFixture.cycle(jdbc, YearMonth.of(2002, 6), null);
        assertThat(put("2002-06", """
                        {"units": [{"unitId": "as2", "teamBonusPool": 20000, "teamSales": 300000, "publicSales": 100000, "bonusPool": 10000}],
                         "employees": [{"employeeId": "zhaolei", "postSalary": 5000, "ownSales": 100000},
                                       {"employeeId": "zhouting", "postSalary": 4500, "ownSales": 120000},
                                       {"employeeId": "wuhao", "postSalary": 4000, "ownSales": 80000},
                                       {"employeeId": "xulin", "postSalary": 4000, "ownSales": 0}]}""").getStatusCode().value()).isEqualTo(200);
        WebappBrowser hr = WebappBrowser.loggedIn(port, "zhaomin");
        String before = hr.page("/console/pay?period=2002-06&unit=as2&cycle=" + cycle, 200);
        assertThat(before).contains("data-cycle=\"" + cycle + "\"", "计算工资", "尚未计算");
        assertThat(rest.withBasicAuth("zhaomin", "demo")
                        .postForEntity("/api/cycles/" + cycle + "/pay", null, String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        String after = hr.page("/console/pay?period=2002-06&unit=as2&cycle=" + cycle, 200);
        assertThat(after)
                .contains(
                        "工资明细：" + cycle,
                        "href=\"/api/cycles/" + cycle + "/pay.csv\"",
                        "href=\"/api/cycles/" + cycle + "/pay.xlsx\"",
                        "应发合计(M3)",
                        "<tr data-employee=\"zhaolei\">",
                        "5000.00")
                .doesNotContain("尚未计算");
        // The department's page lists the team's cycle too.
        assertThat(hr.page("/console/pay?period=2002-06&unit=cs", 200)).contains("data-cycle=\"" + cycle + "\"");
    }

    @Test
    void everyoneElseGetsTheForbiddenPage() {
        for (String user : new String[] {"huangqiang", "lina", "admin"}) {
            WebappBrowser browser = WebappBrowser.loggedIn(port, user);
            assertThat(browser.page("/console/pay", 403)).as(user).contains("无权使用", user);
            assertThat(browser.page("/console/", 200)).as(user).doesNotContain("/console/pay");
        }
    }
}
