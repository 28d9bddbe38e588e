package com.servicereview.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every sample file under samples/ (documented in docs/metrics.md) imports cleanly. Period 2021-11. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleFilesTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everySampleImports() throws Exception {
        ImportApi api = new ImportApi(rest, jdbc);
        for (RecordType type : RecordType.values()) {
            Path csv = Path.of("samples", type.id() + ".csv");
            JsonNode job = api.importFile(type.id(), csv.getFileName().toString(), Files.readAllBytes(csv));
            assertThat(job.path("status").asText()).as(csv + ": " + job).isEqualTo("SUCCEEDED");
        }
        JsonNode xlsx =
                api.importFile("tickets", "tickets.xlsx", Files.readAllBytes(Path.of("samples", "tickets.xlsx")));
        assertThat(xlsx.path("status").asText()).as(xlsx.toString()).isEqualTo("SUCCEEDED");
        assertThat(xlsx.path("inserted").asLong()).isEqualTo(3);

        // zhangwei: 3 revisits, 22 working days all present → 3 ÷ 200 = 1.5%; 1 of 2 spot checks failed.
        assertThat(jdbc.sql("""
                select string_agg(input_key || '=' || value, ' ' order by input_key) from review.kpi_value
                 where employee_id = 'zhangwei' and period = '2021-11'
                   and input_key in ('revisit-completion', 'failed-spot-checks', 'target-completion')""").query(String.class).single())
                .isEqualTo("failed-spot-checks=1.0000 revisit-completion=1.5000 target-completion=104.5000");
    }
}
