package com.servicereview.bench;

import static com.servicereview.bench.BenchMachine.setting;

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
import java.util.Base64;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Importing a large organisation through {@code POST /api/org/import}: starts the application
 * (embedded PostgreSQL in a temporary directory, durable unless {@code SERVICEREVIEW_EMBEDDEDDB_DURABLE=false};
 * it prints which), writes CSV files of N people (default 20,000) in N/20 units — 50 departments
 * under one top unit, the rest teams of about 20 with a supervisor, every team rated by two people of
 * the next team — and imports them as HR: a dry run, the first import (every row, Camunda user,
 * membership and grant created), the same files again (nothing changes), and a sync in which 1% of the
 * agents move team and 1% leave. Prints the phases and a {@code RESULT} line.
 * Not a test: {@code ./mvnw -Pbench test-compile exec:exec -Dbench.main=com.servicereview.bench.OrgImportBenchmark -Dbench.args=20000}.
 */
public final class OrgImportBenchmark {

    private static final String HR_BASIC =
            "Basic " + Base64.getEncoder().encodeToString("zhaomin:demo".getBytes(StandardCharsets.UTF_8));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEPARTMENTS = 50;

    private OrgImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int teams = people / 20 - DEPARTMENTS - 1;
        Path dir = Files.createTempDirectory("org-bench-");
        try (ConfigurableApplicationContext app = SpringApplication.run(
                ServiceReviewApplication.class,
                "--server.port=0",
                "--service-review.embedded-db.data-dir=",
                "--logging.level.org.camunda=WARN")) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            String fsync = setting(jdbc, "fsync");
            System.out.println(
                    "postgres: fsync=" + fsync + ", synchronous_commit=" + setting(jdbc, "synchronous_commit"));
            Organisation org = new Organisation(people, teams);
            org.write(dir, 0);
            System.out.printf("generated %,d people in %,d units%n", org.peopleCount(), org.unitCount());

            HttpClient http = HttpClient.newHttpClient();
            double dry = run(http, base, dir, true, "dry run");
            double first = run(http, base, dir, false, "first import");
            double again = run(http, base, dir, false, "same files again");
            org.write(dir, 100);
            double sync = run(http, base, dir, false, "sync: 1% move, 1% leave");
            long users = jdbc.sql("select count(*) from public.act_id_user")
                    .query(Long.class)
                    .single();
            long memberships = jdbc.sql("select count(*) from public.act_id_membership")
                    .query(Long.class)
                    .single();
            long grants = jdbc.sql("select count(*) from public.act_ru_authorization")
                    .query(Long.class)
                    .single();
            System.out.printf("camunda: %,d users, %,d memberships, %,d authorizations%n", users, memberships, grants);
            // HR's organisation page of the whole organisation, as a browser asks for it (best of three).
            double pageSeconds = Double.MAX_VALUE;
            int pageChars = 0;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                HttpResponse<String> page = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/console/org"))
                                .header("Authorization", HR_BASIC)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() != 200) throw new IllegalStateException("org page: " + page.statusCode());
                pageSeconds = Math.min(pageSeconds, (System.nanoTime() - start) / 1e9);
                pageChars = page.body().length();
            }
            System.out.printf("HR's organisation page: %,d characters in %.2f s%n", pageChars, pageSeconds);
            // What the page fetches for each unit opened in a large organisation (best of three).
            double unitSeconds = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                HttpResponse<String> unit = http.send(
                        HttpRequest.newBuilder(
                                        URI.create(base + "/console/org/units/" + Organisation.team(1) + "/people"))
                                .header("Authorization", HR_BASIC)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (unit.statusCode() != 200) throw new IllegalStateException("unit's people: " + unit.statusCode());
                unitSeconds = Math.min(unitSeconds, (System.nanoTime() - start) / 1e9);
            }
            System.out.printf("one unit's people: %.3f s%n", unitSeconds);
            System.out.printf(
                    "%nRESULT people=%d units=%d dryRun=%.1fs firstImport=%.1fs reimport=%.1fs sync=%.1fs orgPage=%.2fs"
                            + " orgPageChars=%d fsync=%s%n",
                    org.peopleCount(), org.unitCount(), dry, first, again, sync, pageSeconds, pageChars, fsync);
        } finally {
            for (String name : new String[] {"units.csv", "people.csv", "reviewers.csv"})
                Files.deleteIfExists(dir.resolve(name));
            Files.deleteIfExists(dir);
        }
    }

    private static double run(HttpClient http, String base, Path dir, boolean dryRun, String round) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = upload(http, base, dir, dryRun);
        double took = (System.nanoTime() - start) / 1e9;
        if (response.statusCode() != 200)
            throw new IllegalStateException(round + " refused: " + response.statusCode() + " "
                    + response.body()
                            .substring(0, Math.min(2000, response.body().length())));
        JsonNode body = JSON.readTree(response.body());
        System.out.printf(
                "%s: %.1f s; counts %s; provisioned %s; phases %s%n",
                round, took, body.path("counts"), body.path("provisioned"), body.path("timings"));
        return took;
    }

    private static HttpResponse<String> upload(HttpClient http, String base, Path dir, boolean dryRun)
            throws Exception {
        String boundary = "bench" + System.nanoTime();
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        String[][] parts = {{"units", "units.csv"}, {"people", "people.csv"}, {"groupReviewers", "reviewers.csv"}};
        for (String[] part : parts) {
            body = HttpRequest.BodyPublishers.concat(
                    body,
                    HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                            + part[0] + "\"; filename=\"" + part[1] + "\"\r\nContent-Type: text/csv\r\n\r\n"),
                    HttpRequest.BodyPublishers.ofFile(dir.resolve(part[1])),
                    HttpRequest.BodyPublishers.ofString("\r\n"));
        }
        body = HttpRequest.BodyPublishers.concat(body, HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/api/org/import" + (dryRun ? "?dryRun=true" : "")))
                .header("Authorization", HR_BASIC)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body)
                .build();
        return http.send(post, HttpResponse.BodyHandlers.ofString());
    }

    /** A top unit with its head, departments with heads, teams with a supervisor and agents. */
    private static final class Organisation {

        private final int people;
        private final int teams;

        Organisation(int people, int teams) {
            this.people = people;
            this.teams = teams;
        }

        int unitCount() {
            return 1 + DEPARTMENTS + teams;
        }

        int peopleCount() {
            return people;
        }

        private static String dept(int d) {
            return "bd" + d;
        }

        private static String team(int t) {
            return "bt" + t;
        }

        private static String supervisor(int t) {
            return "bs" + t;
        }

        /** Writes the three files; every {@code every}-th agent (when above 0) moves one team on, and the next one leaves. */
        void write(Path dir, int every) throws Exception {
            try (BufferedWriter units = Files.newBufferedWriter(dir.resolve("units.csv"));
                    BufferedWriter staff = Files.newBufferedWriter(dir.resolve("people.csv"));
                    BufferedWriter reviewers = Files.newBufferedWriter(dir.resolve("reviewers.csv"))) {
                units.write("unit_id,name_zh,name_en,kind,parent_id,head_id\n");
                staff.write(
                        "employee_id,name_zh,name_en,unit_id,job_title,role,supervisor_id,email,active_from,active_to\n");
                reviewers.write("unit_id,reviewer_id\n");
                units.write("top,总部,Head Office,department,,gm\n");
                staff.write("gm,总经理,General Manager,top,总经理,department-head,,gm@example.com,2010-01-01,\n");
                for (int d = 0; d < DEPARTMENTS; d++) {
                    units.write(dept(d) + ",部门" + d + ",Department " + d + ",department,top,bh" + d + "\n");
                    staff.write("bh" + d + ",经理" + d + ",Head " + d + "," + dept(d) + ",部门经理,department-head,gm,bh" + d
                            + "@example.com,2012-01-01,\n");
                }
                int placed = 1 + DEPARTMENTS;
                for (int t = 0; t < teams; t++) {
                    int d = t % DEPARTMENTS;
                    units.write(team(t) + ",小组" + t + ",Team " + t + ",team," + dept(d) + "," + supervisor(t) + "\n");
                    staff.write(supervisor(t) + ",主管" + t + ",Supervisor " + t + "," + team(t) + ",主管,supervisor,bh" + d
                            + "," + supervisor(t) + "@example.com,2015-01-01,\n");
                    placed++;
                }
                int agent = 0;
                while (placed < people) {
                    int t = agent % teams;
                    boolean moves = every > 0 && agent % every == 0;
                    boolean leaves = every > 0 && agent % every == 1;
                    int home = moves ? (t + 1) % teams : t;
                    String id = "ba" + agent;
                    if (!leaves) {
                        staff.write(id + ",坐席" + agent + ",Agent " + agent + "," + team(home) + ",客服专员,employee,"
                                + supervisor(home) + "," + id + "@example.com,2020-01-01,\n");
                    }
                    if (agent < 2 * teams && !leaves && !moves) {
                        // Two agents of each team rate the previous team (R1).
                        reviewers.write(team((t + teams - 1) % teams) + "," + id + "\n");
                    }
                    agent++;
                    placed++;
                }
            }
        }
    }
}
