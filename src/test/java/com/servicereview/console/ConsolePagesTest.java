package com.servicereview.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.servicereview.report.ReportFixture;
import com.servicereview.review.DemoKpis;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The HR console's pages, opened with the web apps' session only: each shows its facts to those who may see them
 * and a 403 page to the others. Data of its own months: the report fixture's cycle of 2006-03 (team as2), a real
 * cycle of team as1 in 2025-11 run by the engine, and archived reviews of huangqiang in 2006-01 and 2006-02.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsolePagesTest {

    static final String ENGINE_CYCLE = "as1:2025-11:cs-staff-monthly";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessEngine engine;

    @Autowired
    TestRestTemplate rest;

    private WebappBrowser as(String user) {
        return WebappBrowser.loggedIn(port, user);
    }

    @Test
    void homeShowsEachVisitorThePagesTheyMayUse() {
        String hr = as("zhaomin").page("/console/", 200);
        assertThat(hr)
                .contains(
                        "HR 控制台",
                        "href=\"/console/cycles\"",
                        "href=\"/console/me\"",
                        "href=\"/console/imports\"",
                        "赵敏");
        String employee = as("huangqiang").page("/console/", 200);
        assertThat(employee)
                .contains("href=\"/console/me\"", "我的考核")
                .doesNotContain("/console/imports", "/console/cycles");
        String supervisor = as("lina").page("/console/?lang=en", 200);
        assertThat(supervisor)
                .contains("Review cycles", "My people", "href=\"/console/people/huangqiang\"")
                .doesNotContain("/console/imports", "/console/people/zhaolei");
    }

    @Test
    void aFixtureCycleShowsItsAppealsAndGradesAgainstTheQuota() {
        String cycle = ReportFixture.cycle(jdbc, YearMonth.of(2006, 3), null);
        jdbc.sql(
                        "insert into review.appeal (review_id, facts, filed_by, status) values (?, 'facts', 'zhouting', 'FILED') on conflict do nothing")
                .param("zhouting:2006-03:cs-staff-monthly")
                .update();

        String page = as("chengang").page("/console/cycles/" + cycle, 200);
        assertThat(page).contains("售后二组", "2006-03", "href=\"/reports/cycles/" + cycle + "\"");
        assertThat(fact(page, "reviews")).isEqualTo("4");
        assertThat(fact(page, "appeals")).isEqualTo("1");
        assertThat(page).contains("周婷", "已提出");
        // The report's figures: 4 people, one of them MEDIUM after calibration (fixture).
        assertThat(row(page, "grade", "MEDIUM")).contains("中等", "25.0%");
        assertThat(page)
                .contains("\"stepCounts\":[0,0,0,0,0,0,0,0,0,0]", "\"actualPercent\":[0.0,25.0,25.0,25.0,25.0]");
        assertThat(as("chengang").page("/console/cycles/" + cycle + "?lang=en", 200))
                .contains("Grade distribution against the quota", "Medium", "After-sales Team 2");

        assertThat(as("lina").page("/console/cycles/" + cycle, 403)).contains("无权查看");
        assertThat(as("zhaolei").page("/console/cycles/" + cycle, 403)).contains("无权查看");
        assertThat(as("zhaolei").page("/console/cycles", 403)).contains("无权查看");
        assertThat(as("zhaomin").page("/console/cycles/nosuch:2006-03:x", 404)).contains("没有考核周期");
        assertThat(as("lina").page("/console/cycles/nosuch:2006-03:x", 403)).contains("无权查看");

        assertThat(as("chengang").page("/console/cycles", 200))
                .contains("/console/cycles/" + cycle)
                .doesNotContain("as1:");
        assertThat(as("zhaomin").page("/console/cycles", 200)).contains("/console/cycles/" + cycle);
    }

    @Test
    void anEngineCycleCountsTheReviewsAtEachStepWithOverdueTasksAndIncidents() throws Exception {
        // zhangwei's inputs are there: self-review and group review in parallel; the others' are missing: the data
        // step.
        DemoKpis.give(jdbc, "zhangwei", "2025-11");
        startCycle();
        List<String> instances = awaitReviewsWaiting();
        int members = instances.size();
        assertThat(members).isGreaterThan(1);

        String self = engine.getTaskService()
                .createTaskQuery()
                .processInstanceIdIn(instances.toArray(String[]::new))
                .taskDefinitionKey("Task_SelfReview")
                .singleResult()
                .getId();
        Task late = engine.getTaskService().createTaskQuery().taskId(self).singleResult();
        late.setDueDate(Date.from(Instant.parse("2025-12-01T08:00:00Z")));
        engine.getTaskService().saveTask(late);
        Incident incident = engine.getRuntimeService()
                .createIncident("console-test", late.getExecutionId(), "config", "a test incident");
        try {
            String page = as("lina").page("/console/cycles/" + ENGINE_CYCLE, 200);
            assertThat(fact(page, "reviews")).isEqualTo(String.valueOf(members));
            assertThat(stepCount(page, "self")).isEqualTo(1);
            assertThat(stepCount(page, "group")).isEqualTo(1);
            assertThat(stepCount(page, "data")).isEqualTo(members - 1);
            assertThat(stepCount(page, "archived")).isZero();
            assertThat(fact(page, "overdue")).isEqualTo("1");
            assertThat(page)
                    .contains("张伟", "2025-12-01", "href=\"/camunda/app/tasklist/default/#/?task=" + self + "\"");
            assertThat(fact(page, "incidents")).isEqualTo("1");
            assertThat(page).contains("\"stepCounts\":[" + (members - 1) + ",1,1,");
            assertThat(as("chengang").page("/console/cycles/" + ENGINE_CYCLE, 403))
                    .contains("无权查看");
        } finally {
            engine.getRuntimeService().resolveIncident(incident.getId());
        }
    }

    @Test
    void myReviewsShowTheArchivedReviewsWithTheirScoreVersionsToThoseWhoMaySeeThem() {
        archived(
                "huangqiang:2006-01:cs-staff-monthly", "2006-01", new Object[][] {{1, 71.25, "MEDIUM", "final score"}});
        archived("huangqiang:2006-02:cs-staff-monthly", "2006-02", new Object[][] {
            {1, 62.00, "NEEDS_IMPROVEMENT", "final score"}, {2, 81.50, "EXCELLENT", "appeal upheld"}
        });

        String mine = as("huangqiang").page("/console/me", 200);
        assertThat(mine)
                .contains("我的考核", "2006-01", "71.25", "2006-02", "81.50", "优秀", "第 2 版", "appeal upheld", "62.00");
        // Other tests archive huangqiang's reviews too: these two are neighbours in the trend (sorted by period).
        assertThat(mine).contains("\"totals\":[", "71.25,81.50");
        assertThat(row(mine, "review", "huangqiang:2006-02:cs-staff-monthly"))
                .contains("2006-02", "81.50", "优秀", "第 1 版", "62.00", "第 2 版");
        assertThat(as("huangqiang").page("/console/people/zhangwei", 403)).contains("无权查看", "zhangwei");
        assertThat(as("huangqiang").page("/console/people/huangqiang", 200)).contains("81.50");

        assertThat(as("lina").page("/console/people/huangqiang?lang=en", 200))
                .contains("Reviews of Huang Qiang", "Excellent", "version 2");
        assertThat(as("chengang").page("/console/people/huangqiang", 403)).contains("无权查看");
        assertThat(as("zhaomin").page("/console/people/huangqiang", 200)).contains("81.50");
        assertThat(as("zhaomin").page("/console/people/nobody-here", 404)).contains("没有员工");
        assertThat(as("zhangwei").page("/console/me", 200)).doesNotContain("81.50");
    }

    @Test
    void importsAreForHrAndAdministratorsWithTheirHistory() {
        String page = as("zhaomin").page("/console/imports", 200);
        assertThat(page)
                .contains(
                        "数据导入",
                        "<option value=\"tickets\">tickets</option>",
                        "<option value=\"sessions\">",
                        "/js/console-imports.js",
                        // the record types' columns, from which the page tells a file's type by its header
                        "\"id\":\"tickets\",\"columns\":[\"ticket_id\",\"employee_id\"",
                        "multiple",
                        "id=\"kpi-form\"");
        assertThat(as("admin").page("/console/imports?lang=en", 200)).contains("Upload and import");
        assertThat(as("lina").page("/console/imports", 403)).contains("无权使用");
        assertThat(as("huangqiang").page("/console/imports", 403)).contains("无权使用");
    }

    @Test
    void theCyclesPageOffersTheStartFormToThoseTheEngineLetsStartCycles() {
        assertThat(as("zhaomin").page("/console/cycles", 200))
                .contains(
                        "id=\"cycle-start\"",
                        "<option value=\"as2\">售后二组 (as2)</option>",
                        "<option value=\"cs-staff-monthly\">",
                        "/js/console-cycle-start.js");
        assertThat(as("admin").page("/console/cycles?lang=en", 200))
                .contains("Start a review cycle", "After-sales Team 2 (as2)");
        // A head of department follows cycles but may not start them (POST /api/cycles would be refused too).
        assertThat(as("wangjianguo").page("/console/cycles", 200)).doesNotContain("cycle-start");
    }

    @Test
    void theWelcomePageAndTasklistLinkToTheConsole() {
        assertThat(rest.getForEntity("/camunda/app/welcome/scripts/config.js", String.class)
                        .getBody())
                .contains("HR 控制台 / HR console", "/console/");
        assertThat(rest.getForEntity("/camunda/app/tasklist/scripts/config.js", String.class)
                        .getBody())
                .contains("console-link");
        assertThat(rest.getForEntity("/camunda/app/tasklist/console-link.js", String.class)
                        .getBody())
                .contains("href = '/console/'");
    }

    private void startCycle() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> started = rest.withBasicAuth("zhaomin", "demo")
                .postForEntity(
                        "/api/cycles",
                        new HttpEntity<>(
                                Map.of("unitId", "as1", "period", "2025-11", "schemeId", "cs-staff-monthly"), headers),
                        String.class);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isIn(201, 409);
    }

    /** The process instances of the cycle's reviews once every one waits in a user task (the job executor runs the rest). */
    private List<String> awaitReviewsWaiting() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            List<String> instances = jdbc.sql(
                            "select process_instance_id from review.review where cycle_id = ? and process_instance_id is not null")
                    .param(ENGINE_CYCLE)
                    .query(String.class)
                    .list();
            long members = jdbc.sql("select count(*) from review.cycle_member where cycle_id = ? and eligible")
                    .param(ENGINE_CYCLE)
                    .query(Long.class)
                    .single();
            boolean waiting = members > 0
                    && instances.size() == members
                    && instances.stream()
                            .allMatch(instance -> engine.getTaskService()
                                                    .createTaskQuery()
                                                    .processInstanceId(instance)
                                                    .count()
                                            > 0
                                    && engine.getManagementService()
                                                    .createJobQuery()
                                                    .processInstanceId(instance)
                                                    .executable()
                                                    .count()
                                            == 0);
            if (waiting) return instances;
            assertThat(System.currentTimeMillis())
                    .as("the cycle's reviews reach their first tasks")
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private void archived(String reviewId, String period, Object[][] versions) {
        if (jdbc.sql("select count(*) from review.archive where review_id = ?")
                        .param(reviewId)
                        .query(Integer.class)
                        .single()
                > 0) return;
        Object[] last = versions[versions.length - 1];
        jdbc.sql("""
                        insert into review.review (id, employee_id, period, scheme_id, scheme_version, status, final_total, final_grade)
                        values (?, 'huangqiang', ?, 'cs-staff-monthly', 1, 'ARCHIVED', ?, ?)""").params(reviewId, period, last[1], last[2]).update();
        for (Object[] v : versions) {
            jdbc.sql(
                            "insert into review.score (review_id, version, total, grade, result, reason, changed_by) values (?, ?, ?, ?, '{}'::jsonb, ?, 'zhaomin')")
                    .params(reviewId, v[0], v[1], v[2], v[3])
                    .update();
        }
        jdbc.sql("insert into review.archive (review_id, document, content_hash) values (?, '{}'::jsonb, 'test')")
                .param(reviewId)
                .update();
    }

    private static String fact(String page, String name) {
        Matcher m = Pattern.compile("id=\"fact-" + name + "\">([^<]*)<").matcher(page);
        assertThat(m.find()).as("fact " + name).isTrue();
        return m.group(1);
    }

    private static int stepCount(String page, String step) {
        Matcher m = Pattern.compile("data-step=\"" + step + "\">\\s*<td>[^<]*</td><td class=\"num\">(\\d+)</td>")
                .matcher(page);
        assertThat(m.find()).as("step " + step).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String row(String page, String attribute, String value) {
        Matcher m = Pattern.compile("data-" + attribute + "=\"" + value + "\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).as(attribute + " " + value).isTrue();
        return m.group(1);
    }
}
