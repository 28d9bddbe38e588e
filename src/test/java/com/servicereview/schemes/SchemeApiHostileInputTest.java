package com.servicereview.schemes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The scoring REST API against input meant to break it: every refusal is a 4xx naming the field, never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SchemeApiHostileInputTest {

    private static final int LIMIT = 256 * 1024;
    private static final String SCHEME = """
            id: draft
            version: 1
            nameZh: 草稿
            nameEn: Draft
            indicators:
              - {id: a, nameZh: 甲, nameEn: A, weight: 100, kind: rate}
            """;
    private static final String ECOMMERCE = "/api/schemes/ecommerce-cs-2024/evaluate";
    private static final String VALUES = """
            "values": {"response-time": 20, "unanswered-customers": 0, "good-reviews": 30, "average-order-value": 120,
                       "inquiry-to-payment": 50, "after-sales-handling": 0}""";
    private static final String RATINGS = """
            "ratings": {"warehouse": {"skill-test": 9}, "operations": {"skill-test": 8},
                        "supervisor": {"skill-test": 10, "service-attitude": 8}}""";

    @Autowired
    TestRestTemplate rest;

    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();

    private ResponseEntity<String> post(String path, MediaType type, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return rest.withBasicAuth("zhaomin", "demo").postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode answer(ResponseEntity<String> response, int status) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        return json.readTree(response.getBody());
    }

    /** Asserts a 400 naming {@code field} and returns its message. */
    private String refused(String path, String body, String field) throws Exception {
        JsonNode error = answer(post(path, MediaType.APPLICATION_JSON, body), 400);
        assertThat(error.path("field").asText(null)).as(error.toString()).isEqualTo(field);
        return error.path("message").asText();
    }

    private static String padded(String document, int bytes) {
        int missing = bytes - document.getBytes(StandardCharsets.UTF_8).length - 3;
        return document + "# " + "x".repeat(missing) + "\n";
    }

    @Test
    void aSchemeDocumentOfExactly256KbIsValidated() throws Exception {
        String document = padded(SCHEME, LIMIT);
        assertThat(document.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);
        JsonNode result = answer(post("/api/schemes/validate", MediaType.valueOf("application/yaml"), document), 200);
        assertThat(result.path("valid").asBoolean()).as(result.toString()).isTrue();
    }

    @Test
    void aLargerDocumentIsRefusedBeforeItIsParsed() throws Exception {
        JsonNode error = answer(
                post("/api/schemes/validate", MediaType.valueOf("application/yaml"), padded(SCHEME, LIMIT + 1)), 413);
        assertThat(error.path("error").asText()).isEqualTo("too-large");
        assertThat(error.path("field").asText()).isEqualTo("body");
        assertThat(error.path("message").asText()).contains("256 KB");

        // Not even YAML: the size alone decides.
        String garbage = "[".repeat(LIMIT + 1);
        assertThat(answer(post("/api/schemes/validate", MediaType.TEXT_PLAIN, garbage), 413)
                        .path("field")
                        .asText())
                .isEqualTo("body");

        // Without a Content-Length (chunked), the body is read only up to the limit.
        byte[] large = padded(SCHEME, LIMIT + 4096).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = raw(
                "application/yaml", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(json.readTree(response.body()).path("field").asText()).isEqualTo("body");
    }

    @Test
    void anUnknownCharsetIsRefusedAsAnUnsupportedMediaType() throws Exception {
        assertThat(raw("application/yaml;charset=no-such-charset", HttpRequest.BodyPublishers.ofString(SCHEME))
                        .statusCode())
                .isEqualTo(415);
    }

    private HttpResponse<String> raw(String contentType, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/schemes/validate"))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("zhaomin:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType)
                .POST(body)
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void validateNamesDuplicateKeysAndNumbersThatAreNotFinite() throws Exception {
        JsonNode duplicate = answer(
                post("/api/schemes/validate", MediaType.valueOf("application/yaml"), SCHEME + "nameEn: Again\n"), 200);
        assertThat(duplicate.path("valid").asBoolean()).isFalse();
        assertThat(duplicate.path("problems").get(0).path("field").asText()).isEqualTo("nameEn");
        assertThat(duplicate.path("problems").get(0).path("message").asText()).startsWith("duplicate key");

        JsonNode huge = answer(post("/api/schemes/validate", MediaType.APPLICATION_JSON, """
                {"id": "json", "version": 1, "nameZh": "甲", "nameEn": "A",
                 "indicators": [{"id": "a", "nameZh": "甲", "nameEn": "A", "weight": 1e400, "kind": "rate"}]}"""), 200);
        assertThat(huge.path("valid").asBoolean()).isFalse();
        assertThat(huge.path("problems").toString())
                .contains(
                        "{\"scheme\":\"json\",\"indicator\":\"a\",\"field\":\"weight\",\"message\":\"is not a finite number\","
                                + "\"line\":2,\"column\":59}");
    }

    @Test
    void aVersionThatIsNotAWholeNumberIs400NamingIt() throws Exception {
        for (String version : new String[] {"abc", "1.5", "0", "-1", "99999999999"}) {
            ResponseEntity<String> response = rest.withBasicAuth("zhaomin", "demo")
                    .getForEntity("/api/schemes/cs-staff-monthly?version=" + version, String.class);
            assertThat(answer(response, 400).path("field").asText()).as(version).isEqualTo("version");
        }
        refused("/api/schemes/cs-staff-monthly/evaluate?version=abc", "{}", "version");
        assertThat(answer(
                                rest.withBasicAuth("zhaomin", "demo")
                                        .getForEntity("/api/schemes/cs-staff-monthly?version=7", String.class),
                                404)
                        .path("field")
                        .asText())
                .isEqualTo("version");
    }

    @Test
    void distributeRefusesAnEmployeeListedTwice() throws Exception {
        String message = refused("/api/schemes/cs-staff-monthly/distribute", """
                [{"employeeId": "a", "total": 90}, {"employeeId": "b", "total": 80}, {"employeeId": "a", "total": 70}]""", "[2].employeeId");
        assertThat(message).isEqualTo("'a' is listed twice (also at [0])");
    }

    @Test
    void distributeNamesEveryKindOfBadEntry() throws Exception {
        String path = "/api/schemes/cs-staff-monthly/distribute";
        refused(path, "", "body");
        refused(path, "null", "body");
        refused(path, "[null]", "[0]");
        refused(path, "[{\"employeeId\": \"a\"}]", "[0].total");
        refused(path, "[{\"total\": 3}]", "[0].employeeId");
        refused(path, "[{\"employeeId\": \"a\", \"total\": \"NaN\"}]", "[0].total");
        refused(path, "[{\"employeeId\": \"a\", \"total\": 1e400}]", "[0].total");
        refused(path, "[{\"employeeId\": \"a\", \"total\": \"high\"}]", "[0].total");
        refused(path, "[{\"employeeId\": {}, \"total\": 3}]", "[0].employeeId");
        assertThat(answer(post(path, MediaType.APPLICATION_JSON, "{}"), 400)
                        .path("error")
                        .asText())
                .isNotBlank();
    }

    @Test
    void evaluateRefusesATeamBestThatIsNotAFiniteNumber() throws Exception {
        for (String bad : new String[] {"\"NaN\"", "\"Infinity\"", "1e400", "-1e400", "\"many\"", "-1", "{}"}) {
            refused(
                    ECOMMERCE,
                    "{" + VALUES + ", " + RATINGS + ", \"teamBest\": {\"good-reviews\": " + bad
                            + ", \"average-order-value\": 150}}",
                    "teamBest.good-reviews");
        }
        // A bare NaN is not JSON (non-numeric numbers stay off): refused while parsing, so only the map is named.
        refused(
                ECOMMERCE,
                "{" + VALUES + ", " + RATINGS
                        + ", \"teamBest\": {\"good-reviews\": NaN, \"average-order-value\": 150}}",
                "teamBest");
        refused(
                ECOMMERCE,
                "{" + VALUES + ", " + RATINGS
                        + ", \"teamBest\": {\"good-reviews\": 40, \"average-order-value\": 150, \"bogus\": 1}}",
                "teamBest.bogus");
        JsonNode ok = answer(
                post(
                        ECOMMERCE,
                        MediaType.APPLICATION_JSON,
                        "{" + VALUES + ", " + RATINGS
                                + ", \"teamBest\": {\"good-reviews\": 40, \"average-order-value\": 150}}"),
                200);
        assertThat(ok.path("total").isNumber()).isTrue();
    }

    @Test
    void evaluateRefusesValuesAndRatingsThatAreNotFiniteNumbers() throws Exception {
        String teamBest = ", \"teamBest\": {\"good-reviews\": 40, \"average-order-value\": 150}";
        for (String bad : new String[] {"\"NaN\"", "\"-Infinity\"", "1e400"}) {
            refused(
                    ECOMMERCE,
                    "{" + VALUES.replace("\"response-time\": 20", "\"response-time\": " + bad) + ", " + RATINGS
                            + teamBest + "}",
                    "values.response-time");
            refused(
                    ECOMMERCE,
                    "{" + VALUES + ", " + RATINGS.replace("\"service-attitude\": 8", "\"service-attitude\": " + bad)
                            + teamBest + "}",
                    "ratings.supervisor.service-attitude");
        }
    }

    @Test
    void evaluateNamesBadShapes() throws Exception {
        String path = "/api/schemes/cs-staff-monthly/evaluate";
        refused(path, "", "body");
        refused(path, "null", "body");
        refused(path, "{\"values\": [1]}", "values");
        refused(path, "{\"ratings\": {\"self\": null}}", "ratings.self");
        refused(path, "{\"ratings\": {\"self\": [1]}}", "ratings.self");
        refused(path, "{\"events\": {\"type\": \"praise-letter\"}}", "events");
        refused(path, "{\"events\": [{\"type\": \"praise-letter\", \"count\": 1.5}]}", "events[0].count");
        refused(path, "{\"events\": [{\"type\": \"praise-letter\", \"count\": 1e10}]}", "events[0].count");
        refused(path, "{\"events\": [{\"type\": \"audit-notice\", \"points\": \"NaN\"}]}", "events[0].points");
        assertThat(answer(post(path, MediaType.APPLICATION_JSON, "[]"), 400)
                        .path("error")
                        .asText())
                .isNotBlank();
    }
}
