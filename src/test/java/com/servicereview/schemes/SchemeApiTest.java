package com.servicereview.schemes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.scoring.BuiltInSchemes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The scoring REST API, through the real server, as HR (zhaomin) would call it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SchemeApiTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    private TestRestTemplate hr() {
        return rest.withBasicAuth("zhaomin", "demo");
    }

    private JsonNode post(String path, String body, int expectedStatus) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = hr().postForEntity(path, new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(expectedStatus);
        return json.readTree(response.getBody());
    }

    @Test
    void listsTheSevenBuiltInSchemesWithTheirIndicators() throws Exception {
        JsonNode schemes = json.readTree(hr().getForObject("/api/schemes", String.class));
        // other tests publish schemes of their own (SchemePublishingTest)
        assertThat(schemes).extracting(s -> s.path("id").asText()).containsAll(BuiltInSchemes.IDS);
        JsonNode staff = json.readTree(hr().getForObject("/api/schemes/cs-staff-monthly", String.class));
        assertThat(staff.path("version").asInt()).isEqualTo(1);
        JsonNode complaints = staff.path("indicators").get(1);
        assertThat(complaints.path("id").asText()).isEqualTo("complaint-rate");
        assertThat(complaints.path("nameZh").asText()).isEqualTo("客户投诉解决率(投诉率)");
        assertThat(complaints.path("weight").asDouble()).isEqualTo(20);
        assertThat(complaints.path("kind").asText()).isEqualTo("bracket-deduction");
        assertThat(complaints.path("parameters").path("brackets")).hasSize(5);
        assertThat(staff.path("raters").path("group").asDouble()).isEqualTo(25);
    }

    /** A client builds a what-if request from the scheme alone: every input with its unit and range, and who rates what. */
    @Test
    void eachIndicatorListsTheInputsItReadsAndItsRaters() throws Exception {
        JsonNode staff = json.readTree(hr().getForObject("/api/schemes/cs-staff-monthly", String.class));
        JsonNode skill = staff.path("indicators").get(0);
        assertThat(skill.path("id").asText()).isEqualTo("answer-quality");
        assertThat(skill.path("raters")).extracting(JsonNode::asText).containsExactly("self", "supervisor", "group");
        assertThat(skill.path("scale").path("max").asDouble()).isEqualTo(30);
        // its deduction reads the count of failed spot checks
        JsonNode spotChecks = skill.path("inputs").get(0);
        assertThat(spotChecks.path("id").asText()).isEqualTo("failed-spot-checks");
        assertThat(spotChecks.path("unit").asText()).isEqualTo("count");
        assertThat(spotChecks.path("wholeNumber").asBoolean()).isTrue();
        assertThat(spotChecks.path("max").isNull()).isTrue();
        JsonNode complaintRate = staff.path("indicators").get(1).path("inputs").get(0);
        assertThat(complaintRate.path("id").asText()).isEqualTo("complaint-rate");
        assertThat(complaintRate.path("nameEn").asText()).isEqualTo("Complaint rate");
        assertThat(complaintRate.path("unit").asText()).isEqualTo("percent");
        assertThat(complaintRate.path("min").asDouble()).isZero();
        assertThat(complaintRate.path("max").asDouble()).isEqualTo(100);
        assertThat(complaintRate.path("required").asBoolean()).isTrue();
        assertThat(staff.path("indicators").get(1).path("raters")).isEmpty();
    }

    @Test
    void anUnknownSchemeIs404() {
        ResponseEntity<String> response = hr().getForEntity("/api/schemes/nope", String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"field\":\"id\"");
    }

    @Test
    void evaluatesTheWorkedExample() throws Exception {
        JsonNode result = post("/api/schemes/cs-staff-monthly/evaluate", """
                {"values": {"failed-spot-checks": 1, "complaint-rate": 0.3, "revisit-completion": 96,
                            "revisit-authenticity": 1, "satisfaction": 100, "report-authenticity": 0},
                 "events": [{"type": "audit-notice", "count": 1, "points": -4}, {"type": "praise-letter", "count": 2},
                            {"type": "department-criticism"}, {"type": "company-praise"}],
                 "ratings": {"self": {"answer-quality": 27}, "supervisor": {"answer-quality": 24}, "group": {"answer-quality": 25}}}
                """, 200);
        // Same arithmetic as WorkedExamplesTest.csStaffMonthly: 84.70 + 3 = 87.70
        assertThat(result.path("schemeId").asText()).isEqualTo("cs-staff-monthly");
        assertThat(result.path("schemeVersion").asInt()).isEqualTo(1);
        assertThat(result.path("total").asDouble()).isEqualTo(87.70);
        assertThat(result.path("grade").asText()).isEqualTo("EXCELLENT");
        assertThat(result.path("breakdown")).hasSize(7);
        assertThat(result.path("breakdown").get(1).path("rule").asText())
                .isEqualTo("(0, 0.4] 高于 0 至 0.4 / over 0 to 0.4 → −2（原文 / seed: 0~0.4%）");
        assertThat(result.path("adjustments")).hasSize(4);
        assertThat(result.path("raterTotals").path("self").asDouble()).isEqualTo(90.0);
    }

    @Test
    void badInputIs400NamingTheField() throws Exception {
        JsonNode error = post("/api/schemes/cs-staff-monthly/evaluate", """
                {"values": {"failed-spot-checks": 1, "complaint-rate": 130, "revisit-completion": 96,
                            "revisit-authenticity": 1, "satisfaction": 100, "report-authenticity": 0},
                 "ratings": {"self": {"answer-quality": 27}, "supervisor": {"answer-quality": 24}, "group": {"answer-quality": 25}}}
                """, 400);
        assertThat(error.path("field").asText()).isEqualTo("values.complaint-rate");
        assertThat(error.path("message").asText()).isEqualTo("must be at most 100 (percent)");

        JsonNode missing = post("/api/schemes/cs-staff-monthly/evaluate", "{\"values\": {}}", 400);
        assertThat(missing.path("field").asText()).isEqualTo("ratings.self.answer-quality");
        assertThat(missing.path("message").asText()).isEqualTo("is required (rated by self, supervisor, group)");

        JsonNode wrongType =
                post("/api/schemes/cs-staff-monthly/evaluate", "{\"values\": {\"satisfaction\": \"high\"}}", 400);
        assertThat(wrongType.path("field").asText()).isEqualTo("values.satisfaction");

        JsonNode notJson = post("/api/schemes/cs-staff-monthly/evaluate", "{\"values\": ", 400);
        assertThat(notJson.path("error").asText()).isEqualTo("invalid-json");
    }

    @Test
    void distributesAgainstTheQuota() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"employeeId\": \"e")
                    .append(i)
                    .append("\", \"total\": ")
                    .append(i < 5 ? 96 - i * 0.5 : 80)
                    .append("}");
        }
        JsonNode result = post(
                "/api/schemes/cs-staff-monthly/distribute", body.append("]").toString(), 200);
        assertThat(result.path("headcount").asInt()).isEqualTo(20);
        assertThat(result.path("placements")).hasSize(20);
        JsonNode outstanding = result.path("distribution").get(0);
        assertThat(outstanding.path("grade").asText()).isEqualTo("OUTSTANDING");
        assertThat(outstanding.path("natural").asInt()).isEqualTo(3);
        assertThat(outstanding.path("actual").asInt()).isEqualTo(2);
        assertThat(outstanding.path("targetPercent").asDouble()).isEqualTo(10);
    }

    @Test
    void validatesASchemeDocumentAndListsEveryProblem() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.valueOf("application/yaml"));
        String yaml = """
                id: draft
                version: 1
                nameZh: 草稿
                nameEn: Draft
                indicators:
                  - {id: a, nameZh: 甲, nameEn: A, weight: 60, kind: rate}
                  - {id: b, nameZh: 乙, nameEn: B, weight: 30, kind: magic}
                """;
        JsonNode result = json.readTree(
                hr().postForObject("/api/schemes/validate", new HttpEntity<>(yaml, headers), String.class));
        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("problems")).hasSize(2);
        assertThat(result.path("problems").get(0).path("message").asText()).startsWith("weights sum to 90");
        assertThat(result.path("problems").get(1).path("indicator").asText()).isEqualTo("b");
        assertThat(result.path("problems").get(1).path("field").asText()).isEqualTo("kind");
        // Each problem says where it is (the console's editor marks the line): the key of its field.
        assertThat(result.path("problems").get(0).path("line").asInt()).isEqualTo(5);
        assertThat(result.path("problems").get(0).path("column").asInt()).isEqualTo(1);
        assertThat(result.path("problems").get(1).path("line").asInt()).isEqualTo(7);
        assertThat(result.path("problems").get(1).path("column").asInt()).isEqualTo(47);

        JsonNode ok = json.readTree(hr().postForObject(
                        "/api/schemes/validate",
                        new HttpEntity<>(yaml.replace("weight: 30, kind: magic", "weight: 40, kind: rate"), headers),
                        String.class));
        assertThat(ok.path("valid").asBoolean()).isTrue();
        assertThat(ok.path("schemeId").asText()).isEqualTo("draft");
    }

    @Test
    void anonymousCallersAreRefused() {
        assertThat(rest.getForEntity("/api/schemes", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    @Test
    void everyLoadedSchemeVersionIsRecordedWithItsHash() {
        assertThat(jdbc.sql(
                                "select count(*) from review.scheme_version where scheme_id = any(?) and published_by = 'system'")
                        .param(BuiltInSchemes.IDS.toArray(String[]::new))
                        .query(Integer.class)
                        .single())
                .isEqualTo(7);
        assertThat(jdbc.sql(
                                "select content_hash from review.scheme_version where scheme_id = 'cs-staff-monthly' and version = 1")
                        .query(String.class)
                        .single())
                .hasSize(64);
    }
}
