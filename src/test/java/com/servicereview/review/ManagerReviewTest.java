package com.servicereview.review;

import static com.servicereview.review.EmployeeReviewProcess.Activity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Managers are reviewed too (issue 9): supervisors and the department head with cs-manager /
 * call-center-manager through the real process, the top of the line (nobody above the general
 * manager 刘志强 liuzhiqiang) and HR's reassignment of a running review's steps.
 */
class ManagerReviewTest extends ReviewProcessTestSupport {

    private static final String GM = "liuzhiqiang";

    /** cs-manager inputs worth 93.5 (EXCELLENT, no interview): plan 76 % of 95 → 16, staff average 40 of 80 → 2.5, the rest full. */
    private static final Map<String, Double> MANAGER_KPIS = Map.of(
            "plan-completion",
            76.0,
            "budget-saving",
            5.0,
            "feedback-timeliness",
            98.0,
            "information-timeliness",
            98.0,
            "process-improvement",
            90.0,
            "standard-execution",
            95.0,
            "customer-satisfaction",
            90.0,
            "collaboration",
            85.0,
            "key-account-churn",
            0.0,
            "staff-management",
            40.0);

    @Autowired
    TestRestTemplate rest;

    private ProcessInstance startManager(String employee, String period) {
        MANAGER_KPIS.forEach((key, value) ->
                jdbc.sql("""
                insert into review.kpi_value (employee_id, period, input_key, value, source) values (?, ?, ?, ?, 'test')
                on conflict (employee_id, period, input_key) do update set value = excluded.value""").params(employee, period, key, value).update());
        Map<String, Object> variables = new HashMap<>();
        variables.put("employeeId", employee);
        variables.put("period", period);
        variables.put("schemeId", "cs-manager");
        ProcessInstance pi = engine.getRuntimeService()
                .startProcessInstanceByKey(
                        EmployeeReviewProcess.KEY, ReviewService.reviewId(employee, period, "cs-manager"), variables);
        runJob(pi, Activity.COLLECT_DATA);
        return pi;
    }

    private Map<String, List<String>> participants(String reviewId) {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        jdbc.sql("select role, user_id from review.participant where review_id = ? order by role, position")
                .param(reviewId)
                .query((rs, n) -> byRole.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        return byRole;
    }

    /** Self-review and supervisor review of a scheme without rated indicators: comments only, the KPIs decide. */
    private void selfAndSupervisor(ProcessInstance pi, String self, String supervisor) {
        Task selfReview = task(pi, Activity.SELF_REVIEW);
        assertThat(selfReview).isAssignedTo(self);
        complete(selfReview, "selfComment", "计划完成偏低 / plan completion low");
        Task supervisorReview = task(pi, Activity.SUPERVISOR_REVIEW);
        assertThat(supervisorReview).isAssignedTo(supervisor);
        complete(supervisorReview, "supervisorComment", "团队管理需加强 / team management to improve");
    }

    @Test
    void aSupervisorIsReviewedByTheDepartmentHeadAndApprovedByTheGeneralManager() {
        ProcessInstance pi = startManager("lina", "2012-01");
        String reviewId = "lina:2012-01:cs-manager";
        assertThat(participants(reviewId))
                .containsEntry("self", List.of("lina"))
                .containsEntry("supervisor", List.of("wangjianguo"))
                .containsEntry("indirect", List.of(GM))
                .containsEntry("interviewer", List.of("wangjianguo"))
                .containsEntry("appeal-coordinator", List.of("wangjianguo"))
                .doesNotContainKey("group");
        assertThat(pi).isWaitingAt(Activity.SELF_REVIEW);

        selfAndSupervisor(pi, "lina", "wangjianguo");
        assertThat(task(pi, Activity.INDIRECT_REVIEW)).isAssignedTo(GM);
        approve(pi);
        assertThat(pi).variables().containsEntry("finalTotal", 93.5).containsEntry("finalGrade", "EXCELLENT");
        assertThat(jdbc.sql("select changed_by from review.score where review_id = ? and version = 1")
                        .param(reviewId)
                        .query(String.class)
                        .single())
                .isEqualTo(GM);
        assertThat(task(pi, Activity.ACKNOWLEDGE_RESULT)).isAssignedTo("lina");
        acknowledge(pi);
        assertThat(pi).isEnded().hasPassed(Activity.INDIRECT_REVIEW, Activity.ARCHIVE);
    }

    @Test
    void theDepartmentHeadIsRatedByTheGeneralManagerAndTheIndirectStepIsSkippedOnRecord() throws Exception {
        ProcessInstance pi = startManager("wangjianguo", "2012-02");
        String reviewId = "wangjianguo:2012-02:cs-manager";
        // Nobody above the general manager: no indirect row; the head does not coordinate an appeal against himself.
        assertThat(participants(reviewId))
                .containsEntry("self", List.of("wangjianguo"))
                .containsEntry("supervisor", List.of(GM))
                .containsEntry("appeal-coordinator", List.of(GM))
                .doesNotContainKey("indirect");

        selfAndSupervisor(pi, "wangjianguo", GM);
        assertThat(pi).hasPassed("Gateway_HasIndirectSupervisor").hasNotPassed(Activity.INDIRECT_REVIEW);
        runJob(pi, Activity.FINALISE_SCORE);
        assertThat(jdbc.sql("select changed_by from review.score where review_id = ? and version = 1")
                        .param(reviewId)
                        .query(String.class)
                        .single())
                .isEqualTo(GM);
        assertThat(jdbc.sql("select total from review.score where review_id = ? and version = 1")
                        .param(reviewId)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("93.5");
        assertThat(count(
                        "select count(*) from review.audit_event where subject = ? and action = 'review.decision' and detail->>'outcome' = 'skipped'",
                        reviewId))
                .isEqualTo(1);

        JsonNode review = json.readTree(call("zhaomin", HttpMethod.GET, "/api/reviews/" + reviewId, null)
                .getBody());
        JsonNode skip = null;
        for (JsonNode decision : review.path("decisions")) {
            if (decision.path("step").asText().equals(Activity.INDIRECT_REVIEW)) skip = decision;
        }
        assertThat(skip).as(review.path("decisions").toString()).isNotNull();
        assertThat(skip.path("outcome").asText()).isEqualTo("skipped");
        assertThat(skip.path("reason").asText())
                .contains("无间接主管")
                .contains("no indirect supervisor")
                .contains(GM);

        acknowledge(pi);
        assertThat(pi).isEnded();
    }

    @Test
    void theGeneralManagerHasNobodyToReviewThem() throws Exception {
        ResponseEntity<String> answer = call(
                "zhaomin",
                HttpMethod.POST,
                "/api/reviews",
                Map.of("employeeId", GM, "period", "2012-03", "schemeId", "cs-manager"));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(answer.getBody()).path("field").asText()).isEqualTo("employeeId");
        assertThat(answer.getBody()).contains("没有直接主管");
    }

    @Test
    void hrMovesAnOpenStepWithItsTaskOnRecord() throws Exception {
        kpis("zhangwei", "2012-04");
        ProcessInstance pi = start("zhangwei", "2012-04");
        runJob(pi, Activity.COLLECT_DATA);
        String reviewId = "zhangwei:2012-04:cs-staff-monthly";
        String path = "/api/reviews/" + reviewId + "/participants/";
        Task self = task(pi, Activity.SELF_REVIEW);
        complete(self, scored(self, 24), "selfComment", "本月工作认真 / worked carefully");
        Task supervisorTask = task(pi, Activity.SUPERVISOR_REVIEW);
        assertThat(supervisorTask).isAssignedTo("lina");
        assertThat(mayWork("lina", supervisorTask)).isTrue();

        ResponseEntity<String> moved = call(
                "zhaomin",
                HttpMethod.PUT,
                path + "supervisor",
                Map.of("userId", "chengang", "reason", "李娜调岗 / Li Na transferred"));
        assertThat(moved.getStatusCode().value()).as(moved.getBody()).isEqualTo(200);
        JsonNode body = json.readTree(moved.getBody());
        assertThat(body.path("from").asText()).isEqualTo("lina");
        assertThat(body.path("taskIds").get(0).asText()).isEqualTo(supervisorTask.getId());
        assertThat(task(pi, Activity.SUPERVISOR_REVIEW)).isAssignedTo("chengang");
        assertThat(mayWork("chengang", supervisorTask)).isTrue();
        assertThat(mayWork("lina", supervisorTask))
                .as("the person it was taken from")
                .isFalse();
        assertThat(participants(reviewId).get("supervisor")).containsExactly("chengang");
        JsonNode audit =
                json.readTree(jdbc.sql("""
                select jsonb_build_object('actor', actor, 'at', occurred_at, 'detail', detail)::text from review.audit_event
                 where subject = ? and action = 'review.participant-reassigned'""").param(reviewId).query(String.class).single());
        assertThat(audit.path("actor").asText()).isEqualTo("zhaomin");
        assertThat(audit.path("at").asText()).isNotBlank();
        assertThat(audit.path("detail").path("role").asText()).isEqualTo("supervisor");
        assertThat(audit.path("detail").path("from").asText()).isEqualTo("lina");
        assertThat(audit.path("detail").path("to").asText()).isEqualTo("chengang");
        assertThat(audit.path("detail").path("reason").asText()).isEqualTo("李娜调岗 / Li Na transferred");
        assertThat(count(
                        "select count(*) from review.decision where review_id = ? and step = 'participant:supervisor' and decided_by = 'zhaomin'",
                        reviewId))
                .isEqualTo(1);

        // One of two group reviewers is handed over by name; the other keeps their task.
        assertThat(status(call(
                        "zhaomin",
                        HttpMethod.PUT,
                        path + "group",
                        Map.of("userId", "xulin", "reason", "回避 / conflict"))))
                .isEqualTo(400);
        assertThat(status(call(
                        "zhaomin",
                        HttpMethod.PUT,
                        path + "group",
                        Map.of("userId", "xulin", "reason", "回避 / conflict", "replaces", "zhaolei"))))
                .isEqualTo(200);
        assertThat(tasks(pi, Activity.GROUP_REVIEW))
                .extracting(Task::getAssignee)
                .containsExactlyInAnyOrder("chengang", "xulin");
        assertThat(participants(reviewId).get("group")).containsExactlyInAnyOrder("chengang", "xulin");

        // A group reviewer who has rated is done.
        Task chengangGroup = tasks(pi, Activity.GROUP_REVIEW).stream()
                .filter(t -> t.getAssignee().equals("chengang"))
                .findFirst()
                .orElseThrow();
        complete(chengangGroup, scored(chengangGroup, 24), "groupComment", "配合良好 / cooperative");
        assertThat(status(call(
                        "zhaomin",
                        HttpMethod.PUT,
                        path + "group",
                        Map.of("userId", "wuhao", "reason", "r", "replaces", "chengang"))))
                .isEqualTo(409);

        // The new supervisor works the step; once the score is final, the supervisor's part is done.
        Task reassigned = task(pi, Activity.SUPERVISOR_REVIEW);
        complete(reassigned, scored(reassigned, 24), "supervisorComment", "表现稳定 / steady");
        complete(
                task(pi, Activity.GROUP_REVIEW),
                scored(task(pi, Activity.GROUP_REVIEW), 24),
                "groupComment",
                "配合良好 / cooperative");
        assertThat(count(
                        "select count(*) from review.rating where review_id = ? and rater_role = 'supervisor' and rater_id = 'chengang'",
                        reviewId))
                .isEqualTo(1);
        approve(pi);
        assertThat(status(call(
                        "zhaomin",
                        HttpMethod.PUT,
                        path + "supervisor",
                        Map.of("userId", "wangjianguo", "reason", "r"))))
                .isEqualTo(409);
        // No appeal has been coordinated yet: that step may still change hands.
        assertThat(status(call(
                        "admin",
                        HttpMethod.PUT,
                        path + "appeal-coordinator",
                        Map.of("userId", "liuzhiqiang", "reason", "回避 / conflict"))))
                .isEqualTo(200);
        acknowledge(pi);
        assertThat(pi).isEnded();
        ResponseEntity<String> finished =
                call("zhaomin", HttpMethod.PUT, path + "interviewer", Map.of("userId", "wangjianguo", "reason", "r"));
        assertThat(status(finished)).isEqualTo(409);
        assertThat(json.readTree(finished.getBody()).path("field").asText()).isEqualTo("reviewId");
    }

    @Test
    void reassignmentRefusesBadRequestsAndNonHr() throws Exception {
        kpis("wangfang", "2012-05");
        ProcessInstance pi = start("wangfang", "2012-05");
        runJob(pi, Activity.COLLECT_DATA);
        String path = "/api/reviews/wangfang:2012-05:cs-staff-monthly/participants/";
        Map<String, String> good = Map.of("userId", "chengang", "reason", "调岗 / transfer");

        assertThat(status(call("lina", HttpMethod.PUT, path + "supervisor", good)))
                .isEqualTo(403);
        assertThat(status(call("wangjianguo", HttpMethod.PUT, path + "supervisor", good)))
                .isEqualTo(403);
        assertThat(status(call(
                        "zhaomin",
                        HttpMethod.PUT,
                        "/api/reviews/nobody:2012-05:cs-staff-monthly/participants/supervisor",
                        good)))
                .isEqualTo(404);
        assertField(call("zhaomin", HttpMethod.PUT, path + "boss", good), 400, "role");
        assertField(call("zhaomin", HttpMethod.PUT, path + "self", good), 400, "role");
        assertField(
                call("zhaomin", HttpMethod.PUT, path + "supervisor", Map.of("userId", "ghost", "reason", "r")),
                400,
                "userId");
        assertField(
                call("zhaomin", HttpMethod.PUT, path + "supervisor", Map.of("userId", "wangfang", "reason", "r")),
                400,
                "userId");
        assertField(
                call("zhaomin", HttpMethod.PUT, path + "supervisor", Map.of("userId", "lina", "reason", "r")),
                400,
                "userId");
        assertField(call("zhaomin", HttpMethod.PUT, path + "supervisor", Map.of("userId", "chengang")), 400, "reason");
        assertField(
                call(
                        "zhaomin",
                        HttpMethod.PUT,
                        path + "group",
                        Map.of("userId", "xulin", "reason", "r", "replaces", "lina")),
                400,
                "replaces");
        assertThat(participants("wangfang:2012-05:cs-staff-monthly").get("supervisor"))
                .containsExactly("lina");
        assertThat(count(
                        "select count(*) from review.audit_event where subject = ? and action = 'review.participant-reassigned'",
                        "wangfang:2012-05:cs-staff-monthly"))
                .isZero();
        // Who is still waiting for it gets it once it comes: the row moves before the task exists.
        assertThat(status(call("zhaomin", HttpMethod.PUT, path + "supervisor", good)))
                .isEqualTo(200);
        Task self = task(pi, Activity.SELF_REVIEW);
        complete(self, scored(self, 24), "selfComment", "本月工作认真 / worked carefully");
        assertThat(task(pi, Activity.SUPERVISOR_REVIEW)).isAssignedTo("chengang");
    }

    private void assertField(ResponseEntity<String> answer, int status, String field) throws Exception {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        assertThat(json.readTree(answer.getBody()).path("field").asText())
                .as(answer.getBody())
                .isEqualTo(field);
    }

    private static int status(ResponseEntity<String> answer) {
        return answer.getStatusCode().value();
    }

    private boolean mayWork(String user, Task task) {
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .toList();
        return engine.getAuthorizationService()
                .isUserAuthorized(user, groups, Permissions.READ, Resources.TASK, task.getId());
    }

    private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo").exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
