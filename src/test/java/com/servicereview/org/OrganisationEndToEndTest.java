package com.servicereview.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.review.DemoKpis;
import com.servicereview.review.EmployeeReviewProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real organisation from end to end, the way an HR department adopts the product: import 50 people in five units,
 * publish a changed scheme for the month, run a cycle for one team through the real process, and check that the
 * right people got the right tasks — each agent their self-review, then their imported supervisor the supervisor step.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrganisationEndToEndTest {

    private static final String PERIOD = "2030-05";
    private static final int TEAMS = 4;
    private static final int AGENTS_PER_TEAM = 11;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProcessEngine engine;

    private final ObjectMapper json = new ObjectMapper();
    private final String tag =
            "e" + UUID.randomUUID().toString().replace("-", "").substring(0, 7);

    @Test
    void anImportedOrganisationRunsAPublishedSchemeThroughACycle() throws Exception {
        String department = tag + "-dept";
        String head = tag + "head";
        List<Map<String, Object>> units = new ArrayList<>();
        List<Map<String, Object>> people = new ArrayList<>();
        units.add(unit(department, "客服" + tag + "部", "department", null, head));
        people.add(person(head, department, "department-head", null));
        for (int t = 1; t <= TEAMS; t++) {
            String team = tag + "-t" + t;
            String supervisor = tag + "sup" + t;
            units.add(unit(team, "售后" + t + "组", "team", department, supervisor));
            people.add(person(supervisor, team, "supervisor", head));
            for (int a = 1; a <= AGENTS_PER_TEAM; a++) people.add(person(agent(t, a), team, "employee", supervisor));
        }
        people.add(person(tag + "hr", null, "hr", null));
        assertThat(units).hasSize(5);
        assertThat(people).hasSize(50);

        JsonNode imported = ok(post(
                "/api/org/import",
                MediaType.APPLICATION_JSON,
                json.writeValueAsString(Map.of("units", units, "people", people, "groupReviewers", List.of()))));
        assertThat(imported.path("people").path("added")).hasSize(50);
        // Camunda follows the organisation: every person a user, the team a candidate group, the supervisor a
        // supervisor.
        assertThat(engine.getIdentityService()
                        .createUserQuery()
                        .memberOfGroup(OrgGroups.team(tag + "-t1"))
                        .count())
                .isEqualTo(AGENTS_PER_TEAM + 1);
        assertThat(engine.getIdentityService()
                        .createUserQuery()
                        .userId(tag + "sup1")
                        .memberOfGroup(OrgGroups.SUPERVISORS)
                        .count())
                .isEqualTo(1);

        String scheme = tag + "-scheme";
        ok(post(
                "/api/schemes?effectiveFrom=2030-01",
                MediaType.valueOf("application/yaml;charset=UTF-8"),
                csStaffMonthlyAs(scheme)));
        // The changed version for the month: raters 20 / 55 / 25 instead of 15 / 60 / 25.
        ok(post(
                "/api/schemes?effectiveFrom=" + PERIOD,
                MediaType.valueOf("application/yaml;charset=UTF-8"),
                csStaffMonthlyAs(scheme)
                        .replace("version: 1", "version: 2")
                        .replace("  self: 15\n  supervisor: 60", "  self: 20\n  supervisor: 55")));

        String team1 = tag + "-t1";
        for (int a = 1; a <= AGENTS_PER_TEAM; a++) DemoKpis.give(jdbc, agent(1, a), PERIOD);
        JsonNode started = ok(post(
                "/api/cycles",
                MediaType.APPLICATION_JSON,
                json.writeValueAsString(Map.of("unitId", team1, "period", PERIOD, "schemeId", scheme))));
        String cycleId = started.path("cycleId").asText();

        // Each agent of the team, and nobody else, has their own self-review, under version 2.
        List<Task> selfReviews = awaitTasks(cycleId, EmployeeReviewProcess.Activity.SELF_REVIEW, AGENTS_PER_TEAM);
        assertThat(selfReviews)
                .extracting(Task::getAssignee)
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, AGENTS_PER_TEAM)
                        .mapToObj(a -> agent(1, a))
                        .toList());
        assertThat(jdbc.sql("select distinct scheme_version from review.review where cycle_id = ?")
                        .param(cycleId)
                        .query(Integer.class)
                        .list())
                .containsExactly(2);
        // Who works each step comes from the imported reporting lines.
        String firstReview = agent(1, 1) + ":" + PERIOD + ":" + scheme;
        assertThat(jdbc.sql(
                                "select role || '=' || user_id from review.participant where review_id = ? and role in ('supervisor', 'indirect')"
                                        + " order by role")
                        .param(firstReview)
                        .query(String.class)
                        .list())
                .containsExactly("indirect=" + head, "supervisor=" + tag + "sup1");

        // The agent logs in (an administrator set a password, as docs/org.md describes) and submits the self-review in
        // Tasklist's way.
        User user = engine.getIdentityService()
                .createUserQuery()
                .userId(agent(1, 1))
                .singleResult();
        user.setPassword("set-by-admin-1");
        engine.getIdentityService().saveUser(user);
        Task self = selfReviews.stream()
                .filter(t -> t.getAssignee().equals(agent(1, 1)))
                .findFirst()
                .orElseThrow();
        Map<String, Object> form = new LinkedHashMap<>();
        for (int k = 1; k <= 6; k++) {
            if (engine.getTaskService().getVariableLocal(self.getId(), "rating" + k) != null)
                form.put("score" + k, Map.of("value", 4));
        }
        form.put("selfComment", Map.of("value", "按计划完成回访 / revisits done as planned"));
        ResponseEntity<String> submitted = rest.withBasicAuth(agent(1, 1), "set-by-admin-1")
                .postForEntity(
                        "/engine-rest/task/" + self.getId() + "/submit-form",
                        jsonEntity(Map.of("variables", form)),
                        String.class);
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isIn(200, 204);
        Task supervisorReview = awaitTasks(cycleId, EmployeeReviewProcess.Activity.SUPERVISOR_REVIEW, 1)
                .get(0);
        assertThat(supervisorReview.getAssignee()).isEqualTo(tag + "sup1");
        assertThat(supervisorReview.getName()).contains(PERIOD);
    }

    private String agent(int team, int number) {
        return tag + "a" + team + "x" + number;
    }

    private static Map<String, Object> unit(String id, String nameZh, String kind, String parent, String head) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("unit_id", id);
        unit.put("name_zh", nameZh);
        unit.put("name_en", "Unit " + id);
        unit.put("kind", kind);
        if (parent != null) unit.put("parent_id", parent);
        unit.put("head_id", head);
        return unit;
    }

    private static Map<String, Object> person(String id, String unit, String role, String supervisor) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("employee_id", id);
        person.put("name_zh", "员工" + id.substring(id.length() - 3));
        person.put("name_en", "Person " + id);
        if (unit != null) person.put("unit_id", unit);
        person.put("role", role);
        if (supervisor != null) person.put("supervisor_id", supervisor);
        person.put("email", id + "@example.com");
        person.put("active_from", "2020-01-06");
        return person;
    }

    private static String csStaffMonthlyAs(String id) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                OrganisationEndToEndTest.class.getClassLoader().getResourceAsStream("schemes/cs-staff-monthly.yaml"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("id: cs-staff-monthly", "id: " + id);
        }
    }

    private ResponseEntity<String> post(String path, MediaType type, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return rest.withBasicAuth("zhaomin", "demo").postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    private HttpEntity<String> jsonEntity(Object body) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(json.writeValueAsString(body), headers);
    }

    private JsonNode ok(ResponseEntity<String> response) throws IOException {
        assertThat(response.getStatusCode().is2xxSuccessful())
                .as(response.getStatusCode() + " " + response.getBody())
                .isTrue();
        return json.readTree(response.getBody());
    }

    /** The open tasks of this step in the cycle's reviews, once there are {@code count} of them (the job executor launches). */
    private List<Task> awaitTasks(String cycleId, String activity, int count) throws InterruptedException {
        List<String> instances = List.of();
        List<Task> tasks = List.of();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            instances = jdbc.sql("select process_instance_id from review.review where cycle_id = ?")
                    .param(cycleId)
                    .query(String.class)
                    .list();
            tasks = instances.isEmpty()
                    ? List.of()
                    : engine.getTaskService()
                            .createTaskQuery()
                            .processInstanceIdIn(instances.toArray(String[]::new))
                            .taskDefinitionKey(activity)
                            .list();
            if (tasks.size() >= count) break;
            Thread.sleep(250);
        }
        assertThat(tasks)
                .as(activity + " tasks of cycle " + cycleId + " (" + instances.size() + " reviews)")
                .hasSize(count);
        return tasks;
    }
}
