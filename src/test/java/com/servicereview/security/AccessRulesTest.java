package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One rule for cycles, their reports and reviews (OrgAccess): HR and administrators see everything,
 * a line manager the units they head and those below, an employee their own reviews. Cycles of
 * team as1, team as2 and department cs for May 2013 (no other test uses that month), written
 * straight into the tables, with two scored members per team.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AccessRulesTest {

    static final String SCHEME = "cs-staff-monthly";
    static final String PERIOD = "2013-05";
    static final String AS1 = "as1:" + PERIOD + ":" + SCHEME;
    static final String AS2 = "as2:" + PERIOD + ":" + SCHEME;
    static final String CS = "cs:" + PERIOD + ":" + SCHEME;
    static final Map<String, List<String>> MEMBERS =
            Map.of(AS1, List.of("zhangwei", "wangfang"), AS2, List.of("zhaolei", "mali"));

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void cycles() {
        if (jdbc.sql("select count(*) from review.cycle where id = ?")
                        .param(AS1)
                        .query(Integer.class)
                        .single()
                > 0) return;
        for (String cycle : List.of(AS1, AS2, CS)) {
            jdbc.sql(
                            "insert into review.cycle (id, unit_id, period, scheme_id, status, started_by) values (?, ?, ?, ?, 'CALIBRATION', 'zhaomin')")
                    .params(cycle, cycle.substring(0, cycle.indexOf(':')), PERIOD, SCHEME)
                    .update();
        }
        MEMBERS.forEach((cycle, employees) -> {
            for (int i = 0; i < employees.size(); i++) member(cycle, employees.get(i), 90 - 10 * i, i + 1);
        });
    }

    private void member(String cycle, String employee, double total, int rank) {
        String reviewId = review(employee);
        jdbc.sql(
                        "insert into review.review (id, employee_id, period, scheme_id, scheme_version, cycle_id, status, final_total, final_grade) "
                                + "values (?, ?, ?, ?, 1, ?, 'ACKNOWLEDGED', ?, 'MEDIUM')")
                .params(reviewId, employee, PERIOD, SCHEME, cycle, total)
                .update();
        jdbc.sql(
                        "insert into review.score (review_id, version, total, grade, result, reason, changed_by) values (?, 1, ?, 'MEDIUM', "
                                + "?::jsonb, 'final score', 'test')")
                .params(reviewId, total, "{\"total\": " + total + ", \"grade\": \"MEDIUM\", \"breakdown\": []}")
                .update();
        jdbc.sql(
                        "insert into review.cycle_member (cycle_id, employee_id, eligible, reason, review_id) values (?, ?, true, 'assessed', ?)")
                .params(cycle, employee, reviewId)
                .update();
        jdbc.sql("""
                        insert into review.calibration (cycle_id, employee_id, total, rank, natural_grade, proposed_grade, final_grade)
                        values (?, ?, ?, ?, 'MEDIUM', 'MEDIUM', 'MEDIUM')""").params(cycle, employee, total, rank).update();
    }

    private static String review(String employee) {
        return employee + ":" + PERIOD + ":" + SCHEME;
    }

    /** The cycle, its JSON report, its workbook and its page. */
    private List<Integer> cycleStatuses(String user, String cycle) {
        return List.of(
                        "/api/cycles/" + cycle,
                        "/api/cycles/" + cycle + "/report",
                        "/api/cycles/" + cycle + "/report.xlsx",
                        "/reports/cycles/" + cycle)
                .stream()
                .map(path -> status(user, path))
                .toList();
    }

    private int status(String user, String path) {
        return rest.withBasicAuth(user, "demo")
                .getForEntity(path, String.class)
                .getStatusCode()
                .value();
    }

    @Test
    void aSupervisorFollowsOnlyTheirOwnTeam() throws Exception {
        assertThat(cycleStatuses("lina", AS1)).containsOnly(200);
        assertThat(cycleStatuses("lina", AS2)).containsOnly(403);
        assertThat(cycleStatuses("lina", CS)).first().isEqualTo(403);
        String body = rest.withBasicAuth("lina", "demo")
                .getForEntity("/api/cycles/" + AS1, String.class)
                .getBody();
        assertThat(json.readTree(body).path("calibration").findValuesAsText("employeeId"))
                .containsExactly("zhangwei", "wangfang");
    }

    @Test
    void theOtherSupervisorLikewise() {
        assertThat(cycleStatuses("chengang", AS2)).containsOnly(200);
        assertThat(cycleStatuses("chengang", AS1)).containsOnly(403);
    }

    @Test
    void theDepartmentHeadFollowsTheDepartmentAndEveryTeamInIt() {
        assertThat(cycleStatuses("wangjianguo", AS1)).containsOnly(200);
        assertThat(cycleStatuses("wangjianguo", AS2)).containsOnly(200);
        assertThat(status("wangjianguo", "/api/cycles/" + CS)).isEqualTo(200);
    }

    @Test
    void hrAndAdministratorsFollowEveryCycle() {
        for (String user : List.of("zhaomin", "admin")) {
            assertThat(cycleStatuses(user, AS1)).as(user).containsOnly(200);
            assertThat(cycleStatuses(user, AS2)).as(user).containsOnly(200);
        }
    }

    @Test
    void anEmployeeFollowsNoCycleNotEvenTheirOwn() {
        assertThat(cycleStatuses("zhangwei", AS1)).containsOnly(403);
        assertThat(cycleStatuses("zhaolei", AS2)).containsOnly(403);
    }

    @Test
    void anonymousCallersAreAskedToAuthenticate() {
        for (String path : List.of(
                "/api/cycles/" + AS1,
                "/api/cycles/" + AS1 + "/report",
                "/api/cycles/" + AS1 + "/report.xlsx",
                "/reports/cycles/" + AS1,
                "/api/reviews/" + review("zhangwei"))) {
            assertThat(rest.getForEntity(path, String.class).getStatusCode().value())
                    .as(path)
                    .isEqualTo(401);
        }
    }

    @Test
    void anUnknownCycleIsNotFoundForHrAndForbiddenForLineManagers() {
        String unknown = "as1:2013-06:" + SCHEME;
        assertThat(status("zhaomin", "/api/cycles/" + unknown + "/report")).isEqualTo(404);
        assertThat(status("lina", "/api/cycles/" + unknown + "/report")).isEqualTo(403);
        assertThat(status("lina", "/reports/cycles/" + unknown)).isEqualTo(403);
    }

    @Test
    void reviewsFollowTheSameRule() {
        String as1Review = "/api/reviews/" + review("zhangwei");
        String as2Review = "/api/reviews/" + review("zhaolei");
        assertThat(status("lina", as1Review)).isEqualTo(200);
        assertThat(status("lina", as2Review)).isEqualTo(403);
        assertThat(status("chengang", as2Review)).isEqualTo(200);
        assertThat(status("chengang", as1Review)).isEqualTo(403);
        for (String user : List.of("wangjianguo", "zhaomin", "admin")) {
            assertThat(status(user, as1Review)).as(user).isEqualTo(200);
            assertThat(status(user, as2Review)).as(user).isEqualTo(200);
        }
        assertThat(status("zhangwei", as1Review)).isEqualTo(200);
        assertThat(status("wangfang", as1Review)).isEqualTo(403);
        // zhangwei rates team as2 as a group reviewer: that shows him no as2 review.
        assertThat(status("zhangwei", as2Review)).isEqualTo(403);
    }

    @Test
    void payStaysWithHr() {
        for (String user : List.of("lina", "chengang", "wangjianguo", "admin", "zhaolei")) {
            for (String path : List.of("/pay", "/pay.csv", "/pay.xlsx")) {
                assertThat(status(user, "/api/cycles/" + AS2 + path))
                        .as(user + " " + path)
                        .isEqualTo(403);
            }
        }
        assertThat(status("zhaomin", "/api/cycles/" + AS2 + "/pay")).isNotIn(401, 403);
    }
}
