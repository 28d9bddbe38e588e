package com.servicereview.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.ServiceReviewApplication;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Random;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Import and KPI aggregation of service records at scale: starts the application (embedded
 * PostgreSQL in a temporary directory, durable unless {@code SERVICEREVIEW_EMBEDDEDDB_DURABLE=false}; it prints
 * which), adds 2,000 agents, writes a CSV of N chat/call
 * sessions for one month (default 1,000,000) into a temporary directory, uploads it through
 * {@code POST /api/imports/sessions} as HR, waits for the job and reports records/s; imports the
 * same file again (every row unchanged); then times {@code POST /api/kpis/{period}/aggregate}.
 * Not a test: run {@code ./mvnw -Pbench test-compile exec:exec -Dbench.main=com.servicereview.bench.MetricsImportBenchmark -Dbench.args=1000000}.
 */
public final class MetricsImportBenchmark {

    private static final String PERIOD = "2030-01";
    private static final int AGENTS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("metrics-bench-");
        Path csv = dir.resolve("sessions.csv");
        try (ConfigurableApplicationContext app = SpringApplication.run(
                ServiceReviewApplication.class,
                "--server.port=0",
                "--service-review.embedded-db.data-dir=",
                "--logging.level.org.camunda=WARN")) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            System.out.println("postgres: fsync="
                    + jdbc.sql("select current_setting('fsync')")
                            .query(String.class)
                            .single() + ", synchronous_commit="
                    + jdbc.sql("select current_setting('synchronous_commit')")
                            .query(String.class)
                            .single());
            addAgents(jdbc);
            long written = System.nanoTime();
            writeSessions(csv, records);
            System.out.printf(
                    "generated %,d sessions (%,d MB) in %.1f s%n", records, Files.size(csv) >> 20, seconds(written));

            HttpClient http = HttpClient.newHttpClient();
            for (String round : new String[] {"first import", "same file again"}) {
                long start = System.nanoTime();
                JsonNode job = awaitImport(http, base, upload(http, base, csv));
                double took = seconds(start);
                System.out.printf(
                        "%s: %s, %,d rows in %.1f s = %,.0f records/s (inserted %d, updated %d, unchanged %d); phases %s%n",
                        round,
                        job.path("status").asText(),
                        job.path("rowsRead").asLong(),
                        took,
                        job.path("rowsRead").asLong() / took,
                        job.path("inserted").asLong(),
                        job.path("updated").asLong(),
                        job.path("unchanged").asLong(),
                        job.path("timings"));
            }
            for (int i = 1; i <= 3; i++) {
                long start = System.nanoTime();
                HttpResponse<String> result = http.send(
                        request(base + "/api/kpis/" + PERIOD + "/aggregate")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.printf(
                        "aggregate %s #%d: HTTP %d in %.2f s: %s%n",
                        PERIOD, i, result.statusCode(), seconds(start), result.body());
            }
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(dir);
        }
    }

    private static void addAgents(JdbcClient jdbc) {
        jdbc.sql("""
                insert into review.employee (id, name_zh, name_en, role, hired_on)
                select 'bench' || lpad(n::text, 4, '0'), '坐席' || n, 'Agent ' || n, 'EMPLOYEE', date '2020-01-01'
                  from generate_series(1, :agents) n
                on conflict do nothing""").param("agents", AGENTS).update();
    }

    /** Chats and calls spread over the month, with plausible outcomes, responses, orders and payments. */
    private static void writeSessions(Path csv, int records) throws Exception {
        Random random = new Random(42);
        LocalDateTime start = LocalDateTime.of(2030, 1, 1, 0, 0);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(
                    "session_id,employee_id,channel,direction,started_at,outcome,first_response_seconds,inquiry,ordered,paid,amount\n");
            for (int i = 0; i < records; i++) {
                boolean chat = random.nextInt(10) < 7;
                int roll = random.nextInt(100);
                String outcome = roll < 85 ? "answered" : roll < 93 ? "transferred" : "abandoned";
                boolean answered = !outcome.equals("abandoned");
                boolean inquiry = chat && random.nextInt(3) == 0;
                boolean ordered = answered && inquiry && random.nextInt(2) == 0;
                boolean paid = ordered && random.nextInt(10) < 8;
                out.write("S" + i + ",bench" + String.format("%04d", 1 + random.nextInt(AGENTS)) + ","
                        + (chat ? "chat" : "call") + "," + (!chat && random.nextInt(5) == 0 ? "out" : "in") + ","
                        + start.plusSeconds(random.nextInt(31 * 24 * 3600)).format(format) + "," + outcome + ","
                        + (answered ? String.valueOf(2 + random.nextInt(60)) : "") + ","
                        + (inquiry ? "yes" : "no") + "," + (ordered ? "yes" : "no") + "," + (paid ? "yes" : "no") + ","
                        + (paid ? (20 + random.nextInt(500)) + ".50" : "0") + "\n");
            }
        }
    }

    private static String upload(HttpClient http, String base, Path csv) throws Exception {
        String boundary = "bench" + System.nanoTime();
        HttpRequest post = request(base + "/api/imports/sessions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString("--" + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sessions.csv\"\r\n"
                                + "Content-Type: text/csv\r\n\r\n"),
                        HttpRequest.BodyPublishers.ofFile(csv),
                        HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                .build();
        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202)
            throw new IllegalStateException("upload refused: " + response.statusCode() + " " + response.body());
        return JSON.readTree(response.body()).path("importId").asText();
    }

    private static JsonNode awaitImport(HttpClient http, String base, String id) throws Exception {
        while (true) {
            JsonNode job = JSON.readTree(
                    http.send(request(base + "/api/imports/" + id).GET().build(), HttpResponse.BodyHandlers.ofString())
                            .body());
            if (!job.path("status").asText().equals("RUNNING")) return job;
            Thread.sleep(200);
        }
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("zhaomin:demo".getBytes(StandardCharsets.UTF_8)));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
