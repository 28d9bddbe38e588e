package com.servicereview.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/** Uploads through the REST API as HR (zhaomin) and waits for the import job to end. */
final class ImportApi {

    /** Every table an import or a KPI computation writes to. */
    static final List<String> TABLES = List.of(
            "ticket",
            "service_session",
            "survey",
            "revisit",
            "complaint",
            "spot_check",
            "report_submission",
            "service_event",
            "attendance",
            "kpi_input",
            "kpi_value",
            "kpi_event");

    private final TestRestTemplate rest;
    private final JdbcClient jdbc;
    private final ObjectMapper json = new ObjectMapper();

    ImportApi(TestRestTemplate rest, JdbcClient jdbc) {
        this.rest = rest;
        this.jdbc = jdbc;
    }

    ResponseEntity<String> upload(String user, String recordType, String fileName, byte[] content) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, "demo")
                .exchange("/api/imports/" + recordType, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    ResponseEntity<String> postJson(String user, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo")
                .exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    /** Uploads a file as HR and returns the finished job. */
    JsonNode importFile(String recordType, String fileName, byte[] content) throws Exception {
        return awaitJob(upload("zhaomin", recordType, fileName, content));
    }

    JsonNode importJson(String recordType, String body) throws Exception {
        return awaitJob(postJson("zhaomin", "/api/imports/" + recordType, body));
    }

    private JsonNode awaitJob(ResponseEntity<String> submitted) throws Exception {
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(202);
        String id = json.readTree(submitted.getBody()).path("importId").asText();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            ResponseEntity<String> status =
                    rest.withBasicAuth("zhaomin", "demo").getForEntity("/api/imports/" + id, String.class);
            JsonNode job = json.readTree(status.getBody());
            if (!job.path("status").asText().equals("RUNNING")) return job;
            Thread.sleep(25);
        }
        throw new AssertionError("import " + id + " did not finish in 30 s");
    }

    /** Row counts of every table imports and KPI computations write, to prove a failure changed nothing. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(
                    table,
                    jdbc.sql("select count(*) from review." + table)
                            .query(Long.class)
                            .single());
        }
        return counts;
    }

    JsonNode read(String body) throws Exception {
        return json.readTree(body);
    }
}
