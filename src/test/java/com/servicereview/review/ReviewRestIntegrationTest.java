package com.servicereview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
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
 * A review from start to archive through the real entry points: our REST API to start it, Camunda's
 * REST API (as Tasklist uses it) for every person's task, each logged in as that person; the job
 * executor runs the async steps. Then the archive and its hash are checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewRestIntegrationTest {

    private static final String PERIOD = "2023-06";
    private static final String REVIEW = "zhangwei:" + PERIOD + ":cs-staff-monthly";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo").exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode read(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody());
    }

    /** The user's one open task of this review, waiting while the job executor runs the async steps. */
    private JsonNode awaitTask(String user, String taskKey) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        ResponseEntity<String> last = null;
        while (System.currentTimeMillis() < deadline) {
            last = call(
                    user,
                    HttpMethod.GET,
                    "/engine-rest/task?processInstanceBusinessKey=" + REVIEW + "&taskDefinitionKey=" + taskKey,
                    null);
            JsonNode tasks = read(last);
            if (last.getStatusCode().is2xxSuccessful() && tasks.size() == 1) return tasks.get(0);
            Thread.sleep(200);
        }
        throw new AssertionError(user + " never got task " + taskKey + "; last answer " + last.getStatusCode() + " "
                + last.getBody() + "; open tasks: "
                + jdbc.sql("select task_def_key_ || '/' || coalesce(assignee_, '-') from act_ru_task")
                        .query(String.class)
                        .list()
                + "; jobs: "
                + jdbc.sql(
                                "select handler_type_ || ' retries ' || retries_ || ' ' || coalesce(exception_msg_, '') from act_ru_job")
                        .query(String.class)
                        .list());
    }

    /** Fills the form's rating slots as the browser would and submits the form. */
    private void submitRatings(String user, JsonNode task, double score, String commentField) throws Exception {
        // As Tasklist asks: JSON variables as their serialized text
        JsonNode formVariables = read(call(
                user,
                HttpMethod.GET,
                "/engine-rest/task/" + task.path("id").asText() + "/form-variables?deserializeValues=false",
                null));
        JsonNode slot = formVariables.path("rating1");
        assertThat(slot.path("type").asText()).as(formVariables.toString()).isEqualTo("Json");
        assertThat(json.readTree(slot.path("value").asText()).path("id").asText())
                .isEqualTo("answer-quality");
        assertThat(formVariables.has("rating2")).isFalse();
        submit(
                user,
                task,
                Map.of("score1", Map.of("value", score), commentField, Map.of("value", "评语 / comment by " + user)));
    }

    private void submit(String user, JsonNode task, Map<String, Object> variables) {
        ResponseEntity<String> response = call(
                user,
                HttpMethod.POST,
                "/engine-rest/task/" + task.path("id").asText() + "/submit-form",
                Map.of("variables", variables));
        assertThat(response.getStatusCode().value()).as(response.getBody()).isIn(200, 204);
    }

    private static Map<String, Object> value(Object v) {
        return Map.of("value", v);
    }

    @Test
    void aReviewStartedThroughTheApiIsWorkedByEachPersonAndArchived() throws Exception {
        DemoKpis.give(jdbc, "zhangwei", PERIOD);

        // an employee may not start reviews; HR may
        assertThat(call(
                                "wangfang",
                                HttpMethod.POST,
                                "/api/reviews",
                                Map.of("employeeId", "zhangwei", "period", PERIOD, "schemeId", "cs-staff-monthly"))
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        ResponseEntity<String> started = call(
                "zhaomin",
                HttpMethod.POST,
                "/api/reviews",
                Map.of("employeeId", "zhangwei", "period", PERIOD, "schemeId", "cs-staff-monthly"));
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
        assertThat(read(started).path("reviewId").asText()).isEqualTo(REVIEW);
        assertThat(call(
                                "zhaomin",
                                HttpMethod.POST,
                                "/api/reviews",
                                Map.of("employeeId", "zhangwei", "period", PERIOD, "schemeId", "cs-staff-monthly"))
                        .getStatusCode()
                        .value())
                .isEqualTo(409);
        assertThat(read(call(
                                "zhaomin",
                                HttpMethod.POST,
                                "/api/reviews",
                                Map.of("employeeId", "zhangwei", "period", "2023-13", "schemeId", "cs-staff-monthly")))
                        .path("field")
                        .asText())
                .isEqualTo("period");

        JsonNode self = awaitTask("zhangwei", "Task_SelfReview");
        assertThat(self.path("name").asText()).isEqualTo("自评 / Self-review — " + PERIOD + " — 张伟 Zhang Wei");
        // a colleague can neither list nor open zhangwei's task
        assertThat(read(call(
                        "wangfang", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + REVIEW, null)))
                .isEmpty();
        assertThat(call(
                                "wangfang",
                                HttpMethod.GET,
                                "/engine-rest/task/" + self.path("id").asText(),
                                null)
                        .getStatusCode()
                        .value())
                .isIn(403, 404);
        assertThat(call(
                                "wangfang",
                                HttpMethod.GET,
                                "/engine-rest/task/" + self.path("id").asText() + "/form-variables",
                                null)
                        .getStatusCode()
                        .value())
                .isIn(403, 404);
        assertThat(call("wangfang", HttpMethod.GET, "/api/reviews/" + REVIEW, null)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);

        submitRatings("zhangwei", self, 24, "selfComment");
        submitRatings("chengang", awaitTask("chengang", "Task_GroupReview"), 24, "groupComment");
        submitRatings("zhaolei", awaitTask("zhaolei", "Task_GroupReview"), 24, "groupComment");
        submitRatings("lina", awaitTask("lina", "Task_SupervisorReview"), 24, "supervisorComment");
        JsonNode indirect = awaitTask("wangjianguo", "Task_IndirectReview");
        JsonNode shown = read(call(
                "wangjianguo",
                HttpMethod.GET,
                "/engine-rest/task/" + indirect.path("id").asText() + "/form-variables",
                null));
        assertThat(shown.path("proposedTotal").path("value").asDouble()).isEqualTo(90.0);
        submit("wangjianguo", indirect, Map.of("indirectDecision", value("approve")));
        submit(
                "zhangwei",
                awaitTask("zhangwei", "Task_AcknowledgeResult"),
                Map.of("ackDecision", value("acknowledge")));

        long deadline = System.currentTimeMillis() + 60_000;
        while (jdbc.sql("select count(*) from review.archive where review_id = ?")
                        .param(REVIEW)
                        .query(Integer.class)
                        .single()
                == 0) {
            assertThat(System.currentTimeMillis()).as("archived in time").isLessThan(deadline);
            Thread.sleep(200);
        }

        JsonNode archive = read(call("zhangwei", HttpMethod.GET, "/api/reviews/" + REVIEW + "/archive", null));
        assertThat(archive.path("verified").asBoolean()).isTrue();
        assertThat(archive.path("contentHash").asText()).hasSize(64);
        JsonNode document = archive.path("document");
        assertThat(document.path("scheme").path("id").asText()).isEqualTo("cs-staff-monthly");
        assertThat(document.path("scheme").path("version").asInt()).isEqualTo(1);
        assertThat(document.path("review").path("final_total").asDouble()).isEqualTo(90.0);
        assertThat(document.path("review").path("final_grade").asText()).isEqualTo("EXCELLENT");
        assertThat(document.path("inputs")
                        .path("inputs")
                        .path("values")
                        .path("complaint-rate")
                        .asDouble())
                .isEqualTo(0.3);
        assertThat(document.path("ratings")).hasSize(4);
        assertThat(document.path("scores").get(0).path("result").path("breakdown"))
                .hasSize(7);
        assertThat(document.path("decisions").toString()).contains("approve", "acknowledge");

        // the archive cannot be changed, nor can anything it covers
        assertThat(catchThrowable(() -> jdbc.sql("update review.archive set content_hash = 'x' where review_id = ?")
                        .param(REVIEW)
                        .update()))
                .hasMessageContaining("is archived and cannot change");
        assertThat(catchThrowable(() -> jdbc.sql("update review.score set total = 100 where review_id = ?")
                        .param(REVIEW)
                        .update()))
                .hasMessageContaining("is archived and cannot change");

        JsonNode summary = read(call("lina", HttpMethod.GET, "/api/reviews/" + REVIEW, null));
        assertThat(summary.path("archiveHash").asText())
                .isEqualTo(archive.path("contentHash").asText());
        assertThat(summary.path("review").path("status").asText()).isEqualTo("ARCHIVED");
    }

    /** Bean Validation answers a bad start request before any engine call, naming the field, and starts nothing. */
    @Test
    void aBadStartRequestIsRefusedNamingTheField() throws Exception {
        long before =
                jdbc.sql("select count(*) from review.review").query(Long.class).single();
        JsonNode badMonth = read(call(
                "zhaomin",
                HttpMethod.POST,
                "/api/reviews",
                Map.of("employeeId", "zhangwei", "period", "2023-13", "schemeId", "cs-staff-monthly")));
        assertThat(badMonth.path("status").asInt()).isEqualTo(400);
        assertThat(badMonth.path("field").asText()).isEqualTo("period");
        assertThat(badMonth.path("message").asText()).contains("YYYY-MM");
        JsonNode noEmployee = read(call(
                "zhaomin",
                HttpMethod.POST,
                "/api/reviews",
                Map.of("period", "2023-07", "schemeId", "cs-staff-monthly")));
        assertThat(noEmployee.path("field").asText()).isEqualTo("employeeId");
        assertThat(noEmployee.path("message").asText()).isEqualTo("必填 / is required");
        assertThat(jdbc.sql("select count(*) from review.review")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }
}
