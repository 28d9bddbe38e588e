package com.servicereview.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * {@code /console/org} opened with the web apps' session only: HR sees the whole tree (the demo's company and a
 * department of this test's own, imported through the API: head, two teams, an extra supervisor, a leaver) with the
 * import form and finds people by id, Chinese, pinyin or English name; a department head and a supervisor see only
 * their units, read-only; an employee gets the 403 page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrgConsolePageTest {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    IdentityService identity;

    private final ObjectMapper json = new ObjectMapper();

    /** This test's department: head h; team t1 (head s1, supervisor s3, agent a1, leaver a2); team t2 (head s2, agent b1). */
    private final String p =
            "oc" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    private final String dept = p + "-d";
    private final String t1 = p + "-t1";
    private final String t2 = p + "-t2";
    private final String h = p + "h";
    private final String s1 = p + "s1";
    private final String s2 = p + "s2";
    private final String s3 = p + "s3";
    private final String a1 = p + "a1";
    private final String a2 = p + "a2";
    private final String b1 = p + "b1";

    @BeforeEach
    void importTheDepartment() throws Exception {
        List<Map<String, Object>> units = List.of(
                unit(dept, "质检" + p + "部", "Quality " + p, "department", null, h),
                unit(t1, "质检一组", "Quality Team 1", "team", dept, s1),
                unit(t2, "质检二组", "Quality Team 2", "team", dept, s2));
        List<Map<String, Object>> people = new ArrayList<>();
        people.add(person(h, "秦部长", "Qin Buzhang", dept, "department-head", null, null));
        people.add(person(s1, "孙主管", "Sun Zhuguan", t1, "supervisor", h, null));
        people.add(person(s2, "沈主管", "Shen Zhuguan", t2, "supervisor", h, null));
        people.add(person(s3, "宋副主管", "Song Fuzhuguan", t1, "supervisor", h, null));
        people.add(person(a1, "安一", "An Yi", t1, "employee", s1, null));
        people.add(person(a2, "安二", "An Er", t1, "employee", s1, "2024-01-31"));
        people.add(person(b1, "白一", "Bai Yi", t2, "employee", s2, null));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> imported = rest.withBasicAuth("zhaomin", "demo")
                .postForEntity(
                        "/api/org/import",
                        new HttpEntity<>(json.writeValueAsString(Map.of("units", units, "people", people)), headers),
                        String.class);
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
        for (String id : List.of(h, s1, s2, a1)) {
            User user = identity.createUserQuery().userId(id).singleResult();
            user.setPassword("demo");
            identity.saveUser(user);
        }
    }

    private WebappBrowser as(String user) {
        return WebappBrowser.loggedIn(port, user);
    }

    @Test
    void hrSeesTheWholeTreeWithHeadsSupervisorsCountsAndTheImport() {
        String page = as("zhaomin").page("/console/org", 200);
        assertThat(page)
                .contains("<h1>组织架构</h1>", "id=\"org-form\"", "name=\"groupReviewers\"", "处理中…", "/js/console-org.js")
                .contains("data-unit=\"hq\"", "data-unit=\"cs\"", "data-unit=\"as1\"", "王建国", "刘志强");
        // The company is open with its departments; teams and other top-level departments start closed.
        assertThat(page)
                .contains(
                        "<details class=\"unit\" data-unit=\"hq\" open=\"open\">",
                        "<details class=\"unit\" data-unit=\"cs\" open=\"open\">",
                        "<details class=\"unit\" data-unit=\"as1\">",
                        "<details class=\"unit\" data-unit=\"" + dept + "\">");

        String department = summary(page, dept);
        assertThat(department).contains("部门", "质检" + p + "部", "秦部长", "1 人，含下级共 6 人");
        String team = summary(page, t1);
        assertThat(team).contains("小组", "质检一组", "孙主管", "3 人");
        assertThat(unitBody(page, t1)).contains("宋副主管", "data-person=\"" + a1 + "\"");
        // The leaver is hidden until asked for.
        assertThat(page).doesNotContain("data-person=\"" + a2 + "\"");
        assertThat(as("zhaomin").page("/console/org?leavers=true", 200))
                .contains("data-person=\"" + a2 + "\"", "已离职（最后工作日 2024-01-31）");

        // HR staff belong to no unit: listed apart.
        assertThat(page).contains("不属于任何单位的人员", "data-person=\"zhaomin\"");

        String english = as("zhaomin").page("/console/org?lang=en", 200);
        assertThat(english)
                .contains("<h1>Organisation</h1>", "Check (dry run)", "Quality Team 1", "Department", "Sun Zhuguan")
                .contains("1 person, 6 with the units below", "3 people");
    }

    @Test
    void aPersonIsFoundByIdChineseNamePinyinOrEnglishName() {
        WebappBrowser hr = as("zhaomin");
        for (String query : List.of(a1, "安一", "An Yi", "anyi", "AN-YI")) {
            String found = found(hr.page("/console/org?q=" + encode(query), 200), a1);
            assertThat(found)
                    .as(query)
                    .contains("安一", "An Yi", "质检一组", "孙主管", "员工", "href=\"/console/people/" + a1 + "\"");
        }
        assertThat(hr.page("/console/org?q=" + encode("Zhang Wei"), 200))
                .contains("data-person=\"zhangwei\"", "售后一组", "李娜");
        assertThat(hr.page("/console/org?q=nobody-at-all-" + p, 200)).contains("没有找到");
        // A leaver is found only when leavers are shown.
        assertThat(hr.page("/console/org?q=" + a2, 200)).doesNotContain("data-person=\"" + a2 + "\"");
        assertThat(found(hr.page("/console/org?q=" + a2 + "&leavers=true", 200), a2))
                .contains("已离职");
    }

    @Test
    void aDepartmentHeadAndASupervisorSeeTheirUnitsReadOnly() {
        String head = as(h).page("/console/org", 200);
        assertThat(head)
                .contains("data-unit=\"" + dept + "\"", "data-unit=\"" + t1 + "\"", "data-unit=\"" + t2 + "\"")
                .doesNotContain("data-unit=\"cs\"", "data-unit=\"hq\"", "id=\"org-form\"", "不属于任何单位的人员");
        assertThat(found(as(h).page("/console/org?q=" + b1, 200), b1)).contains("白一");
        assertThat(as(h).page("/console/org?q=zhangwei", 200)).contains("没有找到");

        String supervisor = as(s1).page("/console/org", 200);
        assertThat(supervisor)
                .contains("data-unit=\"" + t1 + "\"", "data-person=\"" + a1 + "\"")
                .doesNotContain("data-unit=\"" + dept + "\"", "data-unit=\"" + t2 + "\"", "id=\"org-form\"");

        String demoHead = as("wangjianguo").page("/console/org", 200);
        assertThat(demoHead)
                .contains("data-unit=\"cs\"", "data-unit=\"as1\"", "data-unit=\"as2\"")
                .doesNotContain("data-unit=\"hq\"", "data-unit=\"" + dept + "\"", "id=\"org-form\"");
        String lina = as("lina").page("/console/org?lang=en", 200);
        assertThat(lina)
                .contains("data-unit=\"as1\"", "The units you head")
                .doesNotContain("data-unit=\"as2\"", "data-unit=\"cs\"");
        assertThat(as("lina").page("/console/org?q=zhaolei", 200)).contains("没有找到");
        assertThat(found(as("lina").page("/console/org?q=" + encode("黄强"), 200), "huangqiang"))
                .contains("黄强");
    }

    @Test
    void aUnitsPeopleAreServedAloneToThoseWhoSeeTheUnit() {
        // What a large organisation's page fetches when a unit is opened: the people table only.
        String hr = as("zhaomin").page("/console/org/units/" + t1 + "/people", 200);
        assertThat(hr)
                .startsWith("<table")
                .contains("data-person=\"" + a1 + "\"", "data-person=\"" + s3 + "\"")
                .doesNotContain("data-person=\"" + a2 + "\"", "data-person=\"" + b1 + "\"", "<details");
        assertThat(as("zhaomin").page("/console/org/units/" + t1 + "/people?leavers=true", 200))
                .contains("data-person=\"" + a2 + "\"");
        assertThat(as(s1).page("/console/org/units/" + t1 + "/people", 200)).contains("data-person=\"" + a1 + "\"");
        assertThat(as(h).page("/console/org/units/" + t2 + "/people", 200)).contains("data-person=\"" + b1 + "\"");
        // Another team's head, an employee of the unit itself, a unit that does not exist.
        assertThat(as(s2).page("/console/org/units/" + t1 + "/people", 403))
                .contains("无权查看", t1)
                .doesNotContain("data-person");
        assertThat(as(a1).page("/console/org/units/" + t1 + "/people", 403)).doesNotContain("data-person");
        assertThat(as("zhaomin").page("/console/org/units/" + p + "-none/people", 404))
                .contains("没有这个单位");
        // The test database is small: the page itself still holds every unit's people.
        assertThat(as("zhaomin").page("/console/org", 200))
                .contains("data-person=\"" + a1 + "\"")
                .doesNotContain("people-lazy");
    }

    @Test
    void anEmployeeIsRefusedAndSeesNoLinkToThePage() {
        assertThat(as("huangqiang").page("/console/org", 403)).contains("无权查看", "huangqiang");
        assertThat(as("huangqiang").page("/console/", 200)).doesNotContain("/console/org");
        assertThat(as("zhaomin").page("/console/", 200)).contains("href=\"/console/org\"", "组织架构");
        assertThat(as("lina").page("/console/", 200)).contains("href=\"/console/org\"");
    }

    private static Map<String, Object> unit(
            String id, String nameZh, String nameEn, String kind, String parent, String head) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("unit_id", id);
        unit.put("name_zh", nameZh);
        unit.put("name_en", nameEn);
        unit.put("kind", kind);
        if (parent != null) unit.put("parent_id", parent);
        unit.put("head_id", head);
        return unit;
    }

    private static Map<String, Object> person(
            String id, String nameZh, String nameEn, String unit, String role, String supervisor, String activeTo) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("employee_id", id);
        person.put("name_zh", nameZh);
        person.put("name_en", nameEn);
        person.put("unit_id", unit);
        person.put("job_title", "质检专员");
        person.put("role", role);
        if (supervisor != null) person.put("supervisor_id", supervisor);
        person.put("active_from", "2020-01-06");
        if (activeTo != null) person.put("active_to", activeTo);
        return person;
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    /** The summary line of a unit in the tree. */
    private static String summary(String page, String unitId) {
        Matcher m = Pattern.compile(
                        "data-unit=\"" + Pattern.quote(unitId) + "\"[^>]*>\\s*<summary>(.*?)</summary>", Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).as("unit " + unitId).isTrue();
        return m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    /** A unit's own part: from its summary to the first unit below it (or its end). */
    private static String unitBody(String page, String unitId) {
        Matcher m = Pattern.compile(
                        "data-unit=\"" + Pattern.quote(unitId) + "\"[^>]*>(.*?)(<details|</details>)", Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).as("unit " + unitId).isTrue();
        return m.group(1);
    }

    /** The search result row of a person. */
    private static String found(String page, String personId) {
        Matcher m = Pattern.compile(
                        "<table id=\"org-found\">.*?data-person=\"" + Pattern.quote(personId) + "\"[^>]*>(.*?)</tr>",
                        Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).as("found " + personId).isTrue();
        return m.group(1);
    }
}
