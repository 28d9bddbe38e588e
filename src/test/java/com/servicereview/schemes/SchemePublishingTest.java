package com.servicereview.schemes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.servicereview.cycle.CycleService;
import com.servicereview.review.EmployeeReviewProcess;
import com.servicereview.review.ReviewProcessTestSupport;
import com.servicereview.review.ReviewService;
import com.servicereview.scoring.ContentHash;
import com.servicereview.scoring.Scheme;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HR publishes scheme versions through POST /api/schemes. Every test publishes a scheme of its own (a copy of
 * cs-staff-monthly under a new id), so the built-in schemes the other tests score with never change.
 */
class SchemePublishingTest extends ReviewProcessTestSupport {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    SchemeRegistry registry;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CycleService cycles;

    private static String newId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** cs-staff-monthly as shipped, under another id. */
    private static String version1(String id) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                SchemePublishingTest.class.getClassLoader().getResourceAsStream("schemes/cs-staff-monthly.yaml"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("id: cs-staff-monthly", "id: " + id);
        }
    }

    /**
     * Version 2: raters 20/55/25, bonus cap 20, the last complaint bracket deducts 20, revisit completion weighs 15 and
     * satisfaction 5, and report truthfulness gives way to report timeliness.
     */
    private static String version2(String id) throws IOException {
        String v2 = version1(id)
                .replace("version: 1", "version: 2")
                .replace("bonusCap: 10", "bonusCap: 20")
                .replace("  self: 15\n  supervisor: 60", "  self: 20\n  supervisor: 55")
                .replace("{range: \"(1.5, 100]\", deduct: 10", "{range: \"(1.5, 100]\", deduct: 20")
                .replace(
                        "weight: 10\n    kind: bracket-deduction\n    seed: \"回访完成率",
                        "weight: 15\n    kind: bracket-deduction\n    seed: \"回访完成率")
                .replace(
                        "weight: 10\n    kind: bracket-deduction\n    seed: \"客户满意度",
                        "weight: 5\n    kind: bracket-deduction\n    seed: \"客户满意度")
                .replace(
                        "id: report-authenticity\n    nameZh: 报表上交真实性(不实报表次数)\n    nameEn: Report truthfulness (untrue reports)",
                        "id: report-timeliness\n    nameZh: 报表上交及时性(迟交次数)\n    nameEn: Report timeliness (late reports)");
        assertThat(v2).contains("weight: 15", "weight: 5", "report-timeliness", "deduct: 20", "self: 20");
        return v2;
    }

    private ResponseEntity<String> publish(String user, String document, String effectiveFrom) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.valueOf("application/yaml;charset=UTF-8"));
        String query = effectiveFrom == null ? "" : "?effectiveFrom=" + effectiveFrom;
        return rest.withBasicAuth(user, "demo")
                .postForEntity("/api/schemes" + query, new HttpEntity<>(document, headers), String.class);
    }

    private JsonNode answer(ResponseEntity<String> response, int status) throws IOException {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        return json.readTree(response.getBody());
    }

    private JsonNode get(String path) throws IOException {
        return answer(rest.withBasicAuth("zhaomin", "demo").getForEntity(path, String.class), 200);
    }

    private int versionOfReview(String reviewId) {
        return count("select scheme_version from review.review where id = ?", reviewId);
    }

    @Test
    void aRunningReviewKeepsItsVersionWhileNewReviewsUseTheOneInForce() throws IOException {
        String id = newId();
        String period = "2009-07";
        answer(publish("zhaomin", version1(id), "2000-01"), 201);
        kpis("zhangwei", period);
        ProcessInstance running = startReview("zhangwei", period, id);
        String reviewId = ReviewService.reviewId("zhangwei", period, id);
        runJob(running, EmployeeReviewProcess.Activity.COLLECT_DATA);
        assertThat(versionOfReview(reviewId)).isEqualTo(1);

        // v2 is in force from 2009-06, so for the running review's own month too
        answer(publish("zhaomin", version2(id), "2009-06"), 201);
        ProcessInstance later = startReview("wangfang", period, id);
        assertThat(versionOfReview(ReviewService.reviewId("wangfang", period, id)))
                .isEqualTo(2);
        // …while a review of a month before 2009-06 starts with v1
        ProcessInstance earlier = startReview("liuyang", "2009-05", id);
        assertThat(versionOfReview(ReviewService.reviewId("liuyang", "2009-05", id)))
                .isEqualTo(1);
        for (ProcessInstance pi : List.of(later, earlier))
            engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test: only its start was looked at");

        // the running review is rated, approved and archived under v1: 66 measured + 24 rated = 90 (v1 has
        // report-authenticity)
        rate(running, 24, 24, 24);
        approve(running);
        acknowledge(running);
        assertThat(running).isEnded();
        JsonNode archive = json.readTree(jdbc.sql("select document::text from review.archive where review_id = ?")
                .param(reviewId)
                .query(String.class)
                .single());
        assertThat(archive.path("scheme").path("id").asText()).isEqualTo(id);
        assertThat(archive.path("scheme").path("version").asInt()).isEqualTo(1);
        assertThat(archive.path("scheme").path("contentHash").asText()).isEqualTo(ContentHash.sha256(version1(id)));
        assertThat(archive.path("scores").get(0).path("total").asDouble()).isEqualTo(90.0);
        assertThat(archive.path("scores")
                        .get(0)
                        .path("result")
                        .path("breakdown")
                        .toString())
                .contains("report-authenticity")
                .doesNotContain("report-timeliness");
    }

    private ProcessInstance startReview(String employee, String period, String schemeId) {
        return engine.getRuntimeService()
                .startProcessInstanceByKey(
                        EmployeeReviewProcess.KEY,
                        ReviewService.reviewId(employee, period, schemeId),
                        Map.of("employeeId", employee, "period", period, "schemeId", schemeId));
    }

    @Test
    void theVersionInForceIsTheOneWithTheLatestEffectiveFromUpToThePeriod() throws IOException {
        String id = newId();
        answer(publish("zhaomin", version1(id), "2020-01"), 201);
        answer(publish("zhaomin", version2(id), "2021-07"), 201);
        answer(
                publish(
                        "zhaomin",
                        version2(id).replace("version: 2", "version: 3").replace("bonusCap: 20", "bonusCap: 15"),
                        "2999-01"),
                201);
        assertThat(registry.inForce(id, "2019-12")).isEmpty();
        assertThat(registry.inForce(id, "2020-01").map(Scheme::version)).contains(1);
        assertThat(registry.inForce(id, "2021-06").map(Scheme::version)).contains(1);
        assertThat(registry.inForce(id, "2021-07").map(Scheme::version)).contains(2);
        assertThat(registry.inForce(id, "2998-12").map(Scheme::version)).contains(2);
        assertThat(registry.inForce(id, "2999-01").map(Scheme::version)).contains(3);
        // without ?version the API shows the version in force this month, not one that starts later
        assertThat(get("/api/schemes/" + id).path("version").asInt()).isEqualTo(2);
        assertThat(get("/api/schemes/" + id + "?version=3").path("bonusCap").asDouble())
                .isEqualTo(15);

        // a new review of a month before any version is refused, naming the scheme field
        assertThat(startRefusal("zhangwei", "2019-12", id)).contains("schemeId").contains("2019-12");
    }

    /** A cycle keeps the version in force when it started: its later reviews and its quota use it, whatever is published meanwhile. */
    @Test
    void aCycleKeepsTheVersionItStartedWith() throws IOException {
        String id = newId();
        String period = "2008-03";
        answer(publish("zhaomin", version1(id), "2000-01"), 201);
        String cycleId = cycles.start("as1", period, id, "zhaomin", null);
        answer(publish("zhaomin", version2(id), "2008-01"), 201);
        assertThat(registry.inForce(id, period).map(Scheme::version)).contains(2);
        assertThat(count("select scheme_version from review.cycle where id = ?", cycleId))
                .isEqualTo(1);
        assertThat(registry.versionFor(id, period, cycleId).map(Scheme::version))
                .contains(1);
        assertThat(registry.versionFor(id, period, null).map(Scheme::version)).contains(2);
        jdbc.sql("delete from review.cycle where id = ?").param(cycleId).update();
    }

    private String startRefusal(String employee, String period, String schemeId) {
        try {
            ProcessInstance pi = startReview(employee, period, schemeId);
            engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test: should not have started");
            return "started";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    @Test
    void aChangedVersionIs409AndTheSamePublicationAgainIsIdempotent() throws IOException {
        String id = newId();
        JsonNode first = answer(publish("zhaomin", version1(id), "2024-01"), 201);
        assertThat(first.path("created").asBoolean()).isTrue();
        assertThat(first.path("version").path("publishedBy").asText()).isEqualTo("zhaomin");
        int audited =
                count("select count(*) from review.audit_event where action = 'scheme.published' and subject = ?", id);
        assertThat(audited).isEqualTo(1);

        JsonNode again = answer(publish("zhaomin", version1(id), "2024-01"), 200);
        assertThat(again.path("created").asBoolean()).isFalse();
        assertThat(again.path("version").path("contentHash").asText())
                .isEqualTo(first.path("version").path("contentHash").asText());

        JsonNode changed =
                answer(publish("zhaomin", version1(id).replace("bonusCap: 10", "bonusCap: 12"), "2024-01"), 409);
        assertThat(changed.path("field").asText()).isEqualTo("version");
        assertThat(changed.path("message").asText()).contains("already has a version 1");
        assertThat(answer(publish("zhaomin", version1(id), "2024-02"), 409)
                        .path("field")
                        .asText())
                .isEqualTo("version");

        answer(publish("zhaomin", version2(id).replace("version: 2", "version: 5"), "2024-06"), 201);
        assertThat(answer(publish("zhaomin", version2(id), "2024-07"), 409)
                        .path("message")
                        .asText())
                .contains("higher than the newest version 5");
        assertThat(answer(publish("zhaomin", version2(id).replace("version: 2", "version: 6"), "2024-05"), 400)
                        .path("field")
                        .asText())
                .isEqualTo("effectiveFrom");
        assertThat(count(
                        "select count(*) from review.audit_event where action = 'scheme.published' and subject = ?",
                        id))
                .isEqualTo(2);
        assertThat(count("select count(*) from review.scheme_version where scheme_id = ?", id))
                .isEqualTo(2);
    }

    /** Two HR clerks (or nodes) publishing the same version at once: one stores it, the other is told it exists. */
    @Test
    void concurrentPublicationsOfOneVersionStoreItOnce() throws Exception {
        String id = newId();
        String document = version1(id);
        ExecutorService clerks = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(clerks.submit(() -> {
                    go.await();
                    return publish("zhaomin", document, "2024-01")
                            .getStatusCode()
                            .value();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) statuses.add(answer.get(60, TimeUnit.SECONDS));
            assertThat(statuses).containsExactlyInAnyOrder(201, 200);
        } finally {
            clerks.shutdownNow();
        }
        assertThat(count(
                        "select count(*) from review.audit_event where action = 'scheme.published' and subject = ?",
                        id))
                .isEqualTo(1);
    }

    @Test
    void anInvalidDocumentIs400WithTheProblemsValidateLists() throws IOException {
        String id = newId();
        String broken = version1(id)
                .replace("weight: 20", "weight: 25")
                .replace("kind: per-occurrence-deduction", "kind: per-occurrence");
        JsonNode error = answer(publish("zhaomin", broken, "2024-01"), 400);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.valueOf("application/yaml;charset=UTF-8"));
        JsonNode validated = json.readTree(rest.withBasicAuth("zhaomin", "demo")
                .postForObject("/api/schemes/validate", new HttpEntity<>(broken, headers), String.class));
        assertThat(validated.path("valid").asBoolean()).isFalse();
        assertThat(error.path("problems")).isEqualTo(validated.path("problems")).hasSize(2);
        assertThat(error.path("error").asText()).isEqualTo("invalid-scheme");
        assertThat(error.path("field").asText()).isEqualTo("indicators");
        assertThat(error.path("message").asText())
                .contains("weights sum to 105")
                .contains("indicator 'report-authenticity', kind");

        JsonNode syntax = answer(publish("zhaomin", "id: x\nversion: [1\n", "2024-01"), 400);
        assertThat(syntax.path("message").asText()).contains("line");

        assertThat(answer(publish("zhaomin", version1(id), null), 400)
                        .path("field")
                        .asText())
                .isEqualTo("effectiveFrom");
        assertThat(answer(publish("zhaomin", version1(id), "2024-13"), 400)
                        .path("field")
                        .asText())
                .isEqualTo("effectiveFrom");
        assertThat(count("select count(*) from review.scheme_version where scheme_id = ?", id))
                .isZero();
    }

    @Test
    void onlyHrAndAdministratorsPublish() throws IOException {
        String id = newId();
        for (String user : List.of("lina", "wangjianguo", "zhangwei")) {
            assertThat(answer(publish(user, version1(id), "2024-01"), 403)
                            .path("error")
                            .asText())
                    .isEqualTo("forbidden");
        }
        assertThat(count("select count(*) from review.scheme_version where scheme_id = ?", id))
                .isZero();
        assertThat(answer(publish("admin", version1(id), "2024-01"), 201)
                        .path("version")
                        .path("publishedBy")
                        .asText())
                .isEqualTo("admin");
        // everyone signed in reads the versions
        assertThat(answer(
                        rest.withBasicAuth("zhangwei", "demo")
                                .getForEntity("/api/schemes/" + id + "/versions", String.class),
                        200))
                .hasSize(1);
    }

    @Test
    void versionsAreListedAndDiffed() throws IOException {
        String id = newId();
        answer(publish("zhaomin", version1(id), "2024-01"), 201);
        answer(publish("zhaomin", version2(id), "2024-07"), 201);

        JsonNode versions = get("/api/schemes/" + id + "/versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(versions.get(0).path("effectiveFrom").asText()).isEqualTo("2024-01");
        assertThat(versions.get(1).path("effectiveFrom").asText()).isEqualTo("2024-07");
        assertThat(versions.get(1).path("contentHash").asText()).isEqualTo(ContentHash.sha256(version2(id)));
        assertThat(versions.get(1).path("publishedBy").asText()).isEqualTo("zhaomin");
        assertThat(versions.get(1).path("publishedAt").asText()).isNotBlank();
        ResponseEntity<String> document = rest.withBasicAuth("zhaomin", "demo")
                .getForEntity("/api/schemes/" + id + "/document?version=1", String.class);
        assertThat(document.getBody()).isEqualTo(version1(id));
        assertThat(document.getHeaders().getContentType()).hasToString("application/yaml;charset=UTF-8");
        JsonNode builtIn = get("/api/schemes/cs-staff-monthly/versions").get(0);
        assertThat(builtIn.path("publishedBy").asText()).isEqualTo("system");
        assertThat(builtIn.path("effectiveFrom").isNull()).isTrue();

        JsonNode diff = get("/api/schemes/" + id + "/diff?from=1&to=2");
        assertThat(diff.path("from").asInt()).isEqualTo(1);
        assertThat(diff.path("to").asInt()).isEqualTo(2);
        assertThat(diff.path("added")).hasSize(1);
        assertThat(diff.path("added").get(0).path("id").asText()).isEqualTo("report-timeliness");
        assertThat(diff.path("added").get(0).path("weight").asDouble()).isEqualTo(10);
        assertThat(diff.path("removed")).extracting(n -> n.path("id").asText()).containsExactly("report-authenticity");
        Map<String, JsonNode> changed = new HashMap<>();
        diff.path("changed").forEach(c -> changed.put(c.path("id").asText(), c));
        assertThat(changed).containsOnlyKeys("complaint-rate", "revisit-completion", "satisfaction");
        assertThat(changed.get("revisit-completion").path("oldWeight").asDouble())
                .isEqualTo(10);
        assertThat(changed.get("revisit-completion").path("newWeight").asDouble())
                .isEqualTo(15);
        assertThat(changed.get("satisfaction").path("newWeight").asDouble()).isEqualTo(5);
        JsonNode brackets = change(changed.get("complaint-rate").path("changes"), "parameters.brackets")
                .orElseThrow();
        assertThat(brackets.path("from").get(4).path("deduct").asDouble()).isEqualTo(10);
        assertThat(brackets.path("to").get(4).path("deduct").asDouble()).isEqualTo(20);
        assertThat(change(diff.path("scheme"), "raters.self")
                        .orElseThrow()
                        .path("to")
                        .asDouble())
                .isEqualTo(20);
        assertThat(change(diff.path("scheme"), "raters.supervisor")
                        .orElseThrow()
                        .path("from")
                        .asDouble())
                .isEqualTo(60);
        assertThat(change(diff.path("scheme"), "bonusCap")
                        .orElseThrow()
                        .path("to")
                        .asDouble())
                .isEqualTo(20);
        assertThat(change(diff.path("scheme"), "raters.group")).isEmpty();

        assertThat(get("/api/schemes/" + id + "/diff?from=2&to=2").path("changed"))
                .isEmpty();
        assertThat(answer(
                                rest.withBasicAuth("zhaomin", "demo")
                                        .getForEntity("/api/schemes/" + id + "/diff?from=1&to=9", String.class),
                                404)
                        .path("field")
                        .asText())
                .isEqualTo("to");
        assertThat(answer(
                                rest.withBasicAuth("zhaomin", "demo")
                                        .getForEntity("/api/schemes/" + id + "/diff?from=x&to=2", String.class),
                                400)
                        .path("field")
                        .asText())
                .isEqualTo("from");
        assertThat(answer(
                                rest.withBasicAuth("zhaomin", "demo")
                                        .getForEntity("/api/schemes/nope-" + id + "/versions", String.class),
                                404)
                        .path("field")
                        .asText())
                .isEqualTo("id");
    }

    private static Optional<JsonNode> change(JsonNode changes, String field) {
        for (JsonNode c : changes) {
            if (c.path("field").asText().equals(field)) return Optional.of(c);
        }
        return Optional.empty();
    }

    /**
     * A second registry over the same database stands for a second node (a second application context would start
     * a second process engine named "default"). Its cache holds only parsed documents by content hash; which version is in force
     * is read from the database on each lookup, so after a publication on this node it answers with the new version at once.
     */
    @Test
    void anotherNodeSeesANewVersionAtOnce() throws IOException {
        String id = newId();
        SchemeRegistry otherNode = new SchemeRegistry(List.of(), jdbc, transactions);
        answer(publish("zhaomin", version1(id), "2024-01"), 201);
        assertThat(otherNode.inForce(id, "2024-09").map(Scheme::version)).contains(1);
        assertThat(otherNode.find(id, null).map(Scheme::version)).contains(1);
        answer(publish("zhaomin", version2(id), "2024-08"), 201);
        assertThat(otherNode.inForce(id, "2024-09").map(Scheme::version)).contains(2);
        assertThat(otherNode.find(id, null).map(Scheme::bonusCap)).contains(20.0);
        assertThat(otherNode.inForce(id, "2024-07").map(Scheme::version)).contains(1);
    }
}
