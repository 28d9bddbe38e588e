package com.servicereview.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Starting and reading a cycle through the REST API; the job executor runs its first steps. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CycleApiTest {

    @Autowired
    TestRestTemplate rest;

    private final ObjectMapper json = new ObjectMapper();

    private ResponseEntity<String> post(String user, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo")
                .postForEntity("/api/cycles", new HttpEntity<>(body, headers), String.class);
    }

    @Test
    void hrStartsACycleAndSeesItsMembers() throws Exception {
        Map<String, String> body = Map.of("unitId", "as2", "period", "2020-06", "schemeId", "cs-staff-monthly");
        assertThat(post("mali", body).getStatusCode().value()).isEqualTo(403);
        assertThat(json.readTree(post(
                                        "zhaomin",
                                        Map.of("unitId", "as2", "period", "2020-6", "schemeId", "cs-staff-monthly"))
                                .getBody())
                        .path("field")
                        .asText())
                .isEqualTo("period");
        ResponseEntity<String> started = post("zhaomin", body);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
        assertThat(json.readTree(started.getBody()).path("cycleId").asText()).isEqualTo("as2:2020-06:cs-staff-monthly");
        assertThat(post("zhaomin", body).getStatusCode().value()).isEqualTo(409);

        JsonNode cycle = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            cycle = json.readTree(rest.withBasicAuth("zhaomin", "demo")
                    .getForObject("/api/cycles/as2:2020-06:cs-staff-monthly", String.class));
            if (cycle.path("cycle").path("status").asText().equals("IN_REVIEW")) break;
            Thread.sleep(200);
        }
        assertThat(cycle.path("cycle").path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(cycle.path("members")).hasSize(6);
        assertThat(cycle.path("members").get(0).path("reviewId").asText()).endsWith(":2020-06:cs-staff-monthly");
        assertThat(rest.withBasicAuth("mali", "demo")
                        .getForEntity("/api/cycles/as2:2020-06:cs-staff-monthly", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
    }
}
