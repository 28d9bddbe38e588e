package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.review.DemoKpis;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The review-integrity attack suite: each person tries, through the engine's own REST API (which
 * Tasklist uses and every logged-in user can call), to steer, read or write a review beyond their
 * own part. Every attempt must be refused and leave our tables and the instance as they were.
 *
 * <p>The review under attack: 赵磊 zhaolei (team as2), supervisor chengang, indirect supervisor
 * wangjianguo, group reviewers lina and zhangwei (team as1).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewIntegrityAttackTest {

    private static final String PERIOD = "2022-03";
    private static final String REVIEW = "zhaolei:" + PERIOD + ":cs-staff-monthly";
    private static final String SELF_SECRET = "SELF-SECRET-7731";
    private static final String SUPERVISOR_SECRET = "SUP-SECRET-4410";

    @Autowired
    TestRestTemplate rest;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private String processInstanceId;
    private JsonNode selfTask;

    @BeforeAll
    void startTheReview() throws Exception {
        DemoKpis.give(jdbc, "zhaolei", PERIOD);
        ResponseEntity<String> started = call(
                "zhaomin",
                HttpMethod.POST,
                "/api/reviews",
                Map.of("employeeId", "zhaolei", "period", PERIOD, "schemeId", "cs-staff-monthly"));
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
        processInstanceId = read(started).path("processInstanceId").asText();
        selfTask = awaitTask("zhaolei", "Task_SelfReview");
    }

    @Test
    @Order(1)
    void aCompletionMayNotSetRoutingIdsOrAnythingItsFormDoesNotDeclare() throws Exception {
        String before = state();
        for (String extra : List.of(
                "supervisorReviewer",
                "indirectReviewer",
                "reviewId",
                "employeeId",
                "groupReviewer",
                "finalTotal",
                "selfTotal",
                "indirectDecision")) {
            Map<String, Object> variables = selfReview("评语 / comment");
            variables.put(
                    extra, value(extra.equals("reviewId") ? "wangfang:" + PERIOD + ":cs-staff-monthly" : "zhaolei"));
            for (String endpoint : List.of("complete", "submit-form")) {
                ResponseEntity<String> answer = call(
                        "zhaolei",
                        HttpMethod.POST,
                        "/engine-rest/task/" + selfTask.path("id").asText() + "/" + endpoint,
                        Map.of("variables", variables));
                assertThat(answer.getStatusCode().value())
                        .as(endpoint + " with " + extra + ": " + answer.getBody())
                        .isEqualTo(400);
                assertThat(read(answer).path("message").asText()).contains(extra);
            }
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void objectAndSerialisedVariablesAreRefusedBeforeAnythingIsInstantiated() throws Exception {
        String before = state();
        for (String format : List.of("application/json", "application/x-java-serialized-object")) {
            Map<String, Object> variables = selfReview("评语 / comment");
            variables.put(
                    "selfComment",
                    Map.of(
                            "value",
                            "{\"path\":\"/etc/passwd\"}",
                            "type",
                            "Object",
                            "valueInfo",
                            Map.of("objectTypeName", "java.io.File", "serializationDataFormat", format)));
            ResponseEntity<String> answer = call(
                    "zhaolei",
                    HttpMethod.POST,
                    "/engine-rest/task/" + selfTask.path("id").asText() + "/complete",
                    Map.of("variables", variables));
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
            assertThat(read(answer).path("message").asText()).contains("selfComment", "plain value");
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void participantsCannotSetOrDeleteVariablesByAnyOtherRoute() throws Exception {
        String before = state();
        String task = "/engine-rest/task/" + selfTask.path("id").asText();
        String instance = "/engine-rest/process-instance/" + processInstanceId;
        Map<String, Object> routing = Map.of("value", "zhaolei", "type", "String");
        List<ResponseEntity<String>> answers = new ArrayList<>();
        for (String user : List.of("zhaolei", "chengang", "wangjianguo", "zhaomin")) {
            answers.add(call(user, HttpMethod.PUT, task + "/variables/supervisorReviewer", routing));
            answers.add(call(user, HttpMethod.PUT, task + "/localVariables/score1", Map.of("value", 30)));
            answers.add(call(
                    user, HttpMethod.POST, task + "/variables", Map.of("modifications", Map.of("reviewId", routing))));
            answers.add(call(user, HttpMethod.DELETE, task + "/variables/kpiBreakdown", null));
            answers.add(call(user, HttpMethod.PUT, instance + "/variables/reviewId", routing));
            answers.add(call(
                    user,
                    HttpMethod.POST,
                    instance + "/variables",
                    Map.of("modifications", Map.of("reviewId", routing))));
            answers.add(call(
                    user,
                    HttpMethod.PUT,
                    "/engine-rest/execution/" + processInstanceId + "/localVariables/reviewId",
                    routing));
        }
        for (ResponseEntity<String> answer : answers) {
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isIn(403, 404);
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void hrCannotCommentOnATaskItCannotRead() throws Exception {
        ResponseEntity<String> answer = call(
                "zhaomin",
                HttpMethod.POST,
                "/engine-rest/task/" + selfTask.path("id").asText() + "/comment/create",
                Map.of("message", "看看 / just looking"));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isIn(400, 403);
        assertThat(jdbc.sql("select count(*) from act_hi_comment where task_id_ = ?")
                        .param(selfTask.path("id").asText())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    @Order(5)
    void refusedCompletionsAnswer400WithTheReason() throws Exception {
        String before = state();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("score1 999", "between 0 and 30");
        cases.put("score1 -1", "between 0 and 30");
        cases.put("no comment", "selfComment");
        cases.put("comment too long", "selfComment");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Map<String, Object> variables = selfReview("评语 / comment");
            switch (c.getKey()) {
                case "score1 999" -> variables.put("score1", value(999));
                case "score1 -1" -> variables.put("score1", value(-1));
                case "no comment" -> variables.remove("selfComment");
                default -> variables.put("selfComment", value("长".repeat(20_001)));
            }
            ResponseEntity<String> answer = call(
                    "zhaolei",
                    HttpMethod.POST,
                    "/engine-rest/task/" + selfTask.path("id").asText() + "/submit-form",
                    Map.of("variables", variables));
            assertThat(answer.getStatusCode().value())
                    .as(c.getKey() + ": " + answer.getBody())
                    .isEqualTo(400);
            assertThat(read(answer).path("message").asText()).as(c.getKey()).contains(c.getValue());
            // a refused form field is named as the form labels it, in both languages
            if (c.getKey().equals("no comment"))
                assertThat(read(answer).path("message").asText()).contains("「自评说明 / Self-review comment」");
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void aLongCommentIsKeptInFullAndTheSupervisorSeesTheSelfReview() throws Exception {
        String comment = SELF_SECRET + " " + "服务细致，耐心解答。".repeat(500);
        assertThat(comment.length()).isGreaterThan(4_000);
        submit("zhaolei", selfTask, selfReview(comment));
        assertThat(jdbc.sql("select comment from review.rating where review_id = ? and rater_role = 'self'")
                        .param(REVIEW)
                        .query(String.class)
                        .single())
                .isEqualTo(comment);

        JsonNode supervisorTask = awaitTask("chengang", "Task_SupervisorReview");
        JsonNode shown = read(call(
                "chengang",
                HttpMethod.GET,
                "/engine-rest/task/" + supervisorTask.path("id").asText() + "/form-variables?deserializeValues=false",
                null));
        assertThat(json.readTree(shown.path("selfComment").path("value").asText())
                        .asText())
                .isEqualTo(comment);
        assertThat(shown.has("selfRatings")).isTrue();
        submit(
                "chengang",
                supervisorTask,
                Map.of("score1", value(24), "supervisorComment", value(SUPERVISOR_SECRET + " 表现稳定")));
    }

    /**
     * Every read endpoint of the engine's REST API, for every role: the peers (group reviewers lina
     * and zhangwei), a colleague and the employee see neither comment nor any total; anonymous
     * callers get 401. HR and administrators may read everything.
     */
    @Test
    @Order(7)
    void eachRoleReadsOnlyWhatItMaySee() throws Exception {
        List<String> endpoints = readEndpoints(
                awaitTask("zhangwei", "Task_GroupReview").path("id").asText());
        Map<String, List<String>> forbidden = new LinkedHashMap<>();
        List<String> confidential = List.of(
                SELF_SECRET,
                SUPERVISOR_SECRET,
                "selfTotal",
                "supervisorTotal",
                "selfComment",
                "supervisorComment",
                "selfRatings");
        for (String peer : List.of("zhangwei", "lina", "wangfang", "mali")) forbidden.put(peer, confidential);
        forbidden.put("zhaolei", List.of(SUPERVISOR_SECRET, "supervisorTotal", "supervisorComment"));

        List<String> leaks = new ArrayList<>();
        int tried = 0;
        for (Map.Entry<String, List<String>> role : forbidden.entrySet()) {
            for (String endpoint : endpoints) {
                tried++;
                ResponseEntity<String> answer = call(role.getKey(), HttpMethod.GET, endpoint, null);
                String body = answer.getBody() == null ? "" : answer.getBody();
                for (String secret : role.getValue()) {
                    if (answer.getStatusCode().is2xxSuccessful() && body.contains(secret)) {
                        leaks.add(role.getKey() + " " + endpoint + " → " + secret);
                    }
                }
            }
        }
        for (String endpoint : endpoints) {
            tried++;
            assertThat(rest.getForEntity(endpoint, String.class).getStatusCode().value())
                    .as("anonymous " + endpoint)
                    .isEqualTo(401);
        }
        // HR and administrators do see it (Cockpit, appeals): the reads above are not empty by accident.
        assertThat(call("zhaomin", HttpMethod.GET, endpoints.get(12), null).getBody())
                .contains(REVIEW);
        assertThat(call("admin", HttpMethod.GET, endpoints.get(8), null).getBody())
                .contains("employeeName");
        System.out.printf(
                "review integrity: %d reads tried (%d roles × %d endpoints + anonymous), %d leaks%n",
                tried, forbidden.size(), endpoints.size(), leaks.size());
        assertThat(leaks).isEmpty();
    }

    /** Tasklist's own API (session login, CSRF) reaches the same engine: the same refusals, the same reads. */
    @Test
    @Order(8)
    void theWebAppsEngineApiIsGuardedTheSameWay() {
        String task = awaitTaskQuietly("zhangwei", "Task_GroupReview");
        TestHttp browser = new TestHttp(port);
        browser.get("/camunda/app/tasklist/");
        assertThat(browser.postForm(
                                "/camunda/api/admin/auth/user/default/login/tasklist",
                                "username=zhangwei&password=demo",
                                "X-XSRF-TOKEN",
                                csrfToken(browser))
                        .statusCode())
                .isEqualTo(200);
        // the login starts a new session with a new token, as Tasklist reads it
        browser.get("/camunda/api/admin/auth/user/default");
        String csrf = csrfToken(browser);
        String webapi = "/camunda/api/engine/engine/default";
        HttpResponse<String> steering = browser.postJson(
                webapi + "/task/" + task + "/submit-form",
                "{\"variables\": {\"score1\": {\"value\": 25}, \"groupComment\": {\"value\": \"好\"}, "
                        + "\"supervisorReviewer\": {\"value\": \"zhangwei\"}}}",
                "X-XSRF-TOKEN",
                csrf);
        assertThat(steering.statusCode()).as(steering.body()).isEqualTo(400);
        assertThat(steering.body()).contains("supervisorReviewer");
        List<String> leaks = new ArrayList<>();
        for (String endpoint : readEndpoints(task)) {
            HttpResponse<String> answer = browser.get(endpoint.replace("/engine-rest", webapi));
            for (String secret : List.of(
                    SELF_SECRET,
                    SUPERVISOR_SECRET,
                    "selfTotal",
                    "supervisorTotal",
                    "selfComment",
                    "supervisorComment")) {
                if (answer.statusCode() < 300 && answer.body().contains(secret)) leaks.add(endpoint + " → " + secret);
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    @Order(9)
    void twoParallelCompletionsOfOneTaskNeverAnswer500() throws Exception {
        JsonNode peerTask = awaitTask("lina", "Task_GroupReview");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit(() -> call(
                                "lina",
                                HttpMethod.POST,
                                "/engine-rest/task/" + peerTask.path("id").asText() + "/submit-form",
                                Map.of(
                                        "variables",
                                        Map.of("score1", value(25), "groupComment", value("认真负责 / diligent"))))
                        .getStatusCode()
                        .value()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) statuses.add(answer.get());
            assertThat(statuses).contains(204).allMatch(status -> status < 500);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from review.rating where review_id = ? and rater_id = 'lina'")
                        .param(REVIEW)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    @Order(10)
    void tenParallelStartsMakeOneReviewAndSixCycleStartsOneCycle() throws Exception {
        String period = "2022-04";
        Map<String, Object> body = Map.of("employeeId", "wuhao", "period", period, "schemeId", "cs-staff-monthly");
        List<Integer> reviews = parallel(
                10,
                () -> call("zhaomin", HttpMethod.POST, "/api/reviews", body)
                        .getStatusCode()
                        .value());
        assertThat(reviews).containsOnly(201, 409).containsOnlyOnce(201);
        assertThat(jdbc.sql("select count(*) from act_ru_execution where business_key_ = ? and parent_id_ is null")
                        .param("wuhao:" + period + ":cs-staff-monthly")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        Map<String, Object> cycle = Map.of("unitId", "as2", "period", "2019-07", "schemeId", "cs-staff-monthly");
        List<Integer> cycles = parallel(
                6,
                () -> call("zhaomin", HttpMethod.POST, "/api/cycles", cycle)
                        .getStatusCode()
                        .value());
        assertThat(cycles).containsOnly(201, 409).containsOnlyOnce(201);
        assertThat(jdbc.sql("select count(*) from act_hi_procinst where business_key_ = 'as2:2019-07:cs-staff-monthly'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    @Order(11)
    void badStartsAnswer400NamingTheField() throws Exception {
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("employeeId", Map.of("employeeId", "zhaomin", "period", "2022-05", "schemeId", "cs-staff-monthly"));
        Map<String, Object> nullScheme = new LinkedHashMap<>(Map.of("employeeId", "wuhao", "period", "2022-05"));
        nullScheme.put("schemeId", null);
        cases.put("schemeId", nullScheme);
        cases.put(
                "cycleId",
                Map.of(
                        "employeeId",
                        "wuhao",
                        "period",
                        "2022-05",
                        "schemeId",
                        "cs-staff-monthly",
                        "cycleId",
                        "nope:2022-05:x"));
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
            ResponseEntity<String> answer = call("zhaomin", HttpMethod.POST, "/api/reviews", c.getValue());
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
            // an RFC 9457 problem detail that keeps error, field and message
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = read(answer);
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("title").asText()).isEqualTo("Bad Request");
            assertThat(problem.path("detail").asText())
                    .isEqualTo(problem.path("message").asText())
                    .isNotBlank();
            assertThat(problem.path("error").asText()).isEqualTo("invalid-input");
            assertThat(problem.path("field").asText()).isEqualTo(c.getKey());
        }
        // Tasklist's start form: a mistyped employee is a 400 saying so in both languages, not a 500
        ResponseEntity<String> typo = call(
                "zhaomin",
                HttpMethod.POST,
                "/engine-rest/process-definition/key/employee-review/submit-form",
                Map.of(
                        "variables",
                        Map.of(
                                "employeeId",
                                value("zhangwie"),
                                "period",
                                value("2022-05"),
                                "schemeId",
                                value("cs-staff-monthly"))));
        assertThat(typo.getStatusCode().value()).as(typo.getBody()).isEqualTo(400);
        assertThat(read(typo).path("message").asText()).contains("未知员工 / unknown employee 'zhangwie'");
        assertThat(jdbc.sql("select count(*) from review.review where period = '2022-05'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private List<String> readEndpoints(String task) {
        return List.of(
                "/engine-rest/task/" + task + "/variables",
                "/engine-rest/task/" + task + "/form-variables",
                "/engine-rest/task/" + task + "/localVariables",
                "/engine-rest/task/" + selfTask.path("id").asText() + "/variables",
                "/engine-rest/task?processInstanceId=" + processInstanceId,
                "/engine-rest/process-instance/" + processInstanceId + "/variables",
                "/engine-rest/variable-instance?processInstanceIdIn=" + processInstanceId,
                "/engine-rest/execution/" + processInstanceId + "/localVariables",
                "/engine-rest/history/variable-instance?processInstanceId=" + processInstanceId,
                "/engine-rest/history/detail?processInstanceId=" + processInstanceId,
                "/engine-rest/history/task?processInstanceId=" + processInstanceId,
                "/engine-rest/history/activity-instance?processInstanceId=" + processInstanceId,
                "/engine-rest/history/process-instance?processInstanceId=" + processInstanceId,
                "/engine-rest/history/user-operation?processInstanceId=" + processInstanceId,
                "/engine-rest/task/" + task + "/comment");
    }

    private static String csrfToken(TestHttp browser) {
        return browser.cookies().getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private String awaitTaskQuietly(String user, String taskKey) {
        try {
            return awaitTask(user, taskKey).path("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Our tables and the instance's variables, as text: unchanged by a refused attempt. */
    private String state() {
        return jdbc.sql("""
                select coalesce((select string_agg(role || position || user_id, ',' order by role, position) from review.participant where review_id = ?), '')
                    || '|' || (select count(*) from review.rating where review_id = ?)
                    || '|' || coalesce((select string_agg(name_ || '=' || coalesce(text_, '') || coalesce(long_::text, ''), ',' order by name_)
                                          from act_ru_variable where proc_inst_id_ = ?), '')""")
                .params(REVIEW, REVIEW, processInstanceId)
                .query(String.class)
                .single();
    }

    private Map<String, Object> selfReview(String comment) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("score1", value(26));
        variables.put("selfComment", value(comment));
        return variables;
    }

    private List<Integer> parallel(int count, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) futures.add(pool.submit(call));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) statuses.add(future.get());
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

    private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo").exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private void submit(String user, JsonNode task, Map<String, Object> variables) {
        ResponseEntity<String> answer = call(
                user,
                HttpMethod.POST,
                "/engine-rest/task/" + task.path("id").asText() + "/submit-form",
                Map.of("variables", variables));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isIn(200, 204);
    }

    private JsonNode read(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody());
    }

    private static Map<String, Object> value(Object v) {
        return Map.of("value", v);
    }

    private JsonNode awaitTask(String user, String taskKey) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode tasks = read(call(
                    user,
                    HttpMethod.GET,
                    "/engine-rest/task?processInstanceBusinessKey=" + REVIEW + "&taskDefinitionKey=" + taskKey,
                    null));
            if (tasks.isArray() && tasks.size() == 1) return tasks.get(0);
            Thread.sleep(200);
        }
        throw new AssertionError(user + " never got " + taskKey);
    }
}
