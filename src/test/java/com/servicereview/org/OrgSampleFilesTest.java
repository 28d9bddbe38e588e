package com.servicereview.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The samples of docs/org.md, dry-run against the demo organisation: the demo department with a
 * third team in each format (CSV parts, one workbook with Chinese sheets and headers, one JSON
 * document) adds that team and its three people and changes nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrgSampleFilesTest {

    @Autowired
    TestRestTemplate rest;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everySampleIsTheDemoDepartmentWithAThirdTeam() throws Exception {
        check(upload(Map.of(
                "units", "org-units.csv", "people", "org-people.csv", "groupReviewers", "org-group-reviewers.csv")));
        check(upload(Map.of("file", "org.xlsx")));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        check(rest.withBasicAuth("zhaomin", "demo")
                .exchange(
                        "/api/org/import?dryRun=true",
                        HttpMethod.POST,
                        new HttpEntity<>(Files.readString(Path.of("samples/org.json")), headers),
                        String.class));
    }

    private ResponseEntity<String> upload(Map<String, String> parts) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        parts.forEach((part, file) -> form.add(part, new FileSystemResource(Path.of("samples", file))));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth("zhaomin", "demo")
                .exchange(
                        "/api/org/import?dryRun=true", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    private void check(ResponseEntity<String> answer) throws Exception {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        JsonNode diff = json.readTree(answer.getBody());
        assertThat(diff.path("units").path("added"))
                .extracting(u -> u.path("id").asText())
                .containsExactly("as3");
        assertThat(diff.path("units").path("changed"))
                .as("the demo units are as in the samples")
                .isEmpty();
        assertThat(diff.path("people").path("added"))
                .extracting(p -> p.path("id").asText())
                .containsExactlyInAnyOrder("liqiang", "zhoumin", "hexin");
        assertThat(diff.path("people").path("changed"))
                .as("the demo people are as in the samples")
                .isEmpty();
        assertThat(diff.path("people").path("leaving")).isEmpty();
        assertThat(diff.path("groupReviewers").path("added"))
                .extracting(g -> g.path("reviewerId").asText())
                .containsExactlyInAnyOrderElementsOf(List.of("lina", "zhaolei"));
        assertThat(diff.path("groupReviewers").path("removed")).isEmpty();
    }
}
