package com.servicereview.bench;

import static com.servicereview.bench.BenchMachine.load;
import static com.servicereview.bench.BenchMachine.seconds;
import static com.servicereview.bench.BenchMachine.setting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.ServiceReviewApplication;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Import and KPI aggregation of service records at scale: starts the application (embedded
 * PostgreSQL in a temporary directory, durable unless {@code SERVICEREVIEW_EMBEDDEDDB_DURABLE=false}; it prints
 * which), adds 2,000 agents, writes a CSV of N chat/call
 * sessions for one month (default 1,000,000) into a temporary directory, uploads it through
 * {@code POST /api/imports/sessions} as HR, waits for the job and reports records/s; imports the
 * same file again (every row unchanged); then times {@code POST /api/kpis/{period}/aggregate} three times: the
 * first rewrites every value (it replaces the import's), the others find every value unchanged; last it imports the
 * next month's file (as many sessions, new ids) into the table that holds the first, the usual import of a running
 * system; then clears every stored digest (as on rows stored before V27 or under other rules) and imports that file
 * twice more: the first compares every row and gives it the file's digest, the second skips them by it again.
 * Each import is set against a bare COPY of the same file into an unlogged table of the same column
 * types (no key, no index, no checks) made just before it, and the aggregation against a bare
 * {@code GROUP BY employee_id} counting the same month's stored rows, in the same run: the ratios
 * say how much the import's checks, upsert and KPIs cost over loading or grouping alone. Prints the
 * database settings, the load average and one {@code RESULT key=value …} line.
 * Not a test: run {@code ./mvnw -Pbench test-compile exec:exec -Dbench.main=com.servicereview.bench.MetricsImportBenchmark -Dbench.args=1000000}.
 */
public final class MetricsImportBenchmark {

    private static final String PERIOD = "2030-01";
    private static final int AGENTS = 2_000;
    /** The file's columns in order, each with its type in the bare COPY's table. */
    private static final String[][] SESSION_COLUMNS = {
        {"session_id", "text"},
        {"employee_id", "text"},
        {"channel", "text"},
        {"direction", "text"},
        {"started_at", "timestamp"},
        {"outcome", "text"},
        {"first_response_seconds", "numeric"},
        {"inquiry", "boolean"},
        {"ordered", "boolean"},
        {"paid", "boolean"},
        {"amount", "numeric"}
    };

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
            String fsync = setting(jdbc, "fsync");
            String synchronousCommit = setting(jdbc, "synchronous_commit");
            System.out.println("postgres: fsync=" + fsync + ", synchronous_commit=" + synchronousCommit
                    + "; load average " + load() + " on " + Runtime.getRuntime().availableProcessors() + " cores");
            DataSource dataSource = app.getBean(DataSource.class);
            addAgents(jdbc);
            long written = System.nanoTime();
            writeSessions(csv, records, LocalDateTime.of(2030, 1, 1, 0, 0), "S");
            System.out.printf(
                    "generated %,d sessions (%,d MB) in %.1f s%n", records, Files.size(csv) >> 20, seconds(written));

            HttpClient http = HttpClient.newHttpClient();
            double[] imports = new double[3];
            double[] copies = new double[3];
            double[] keyedCopies = new double[3];
            String[] rounds = {"first import", "same file again"};
            for (int r = 0; r < rounds.length; r++) {
                double[] round = importRound(http, base, dataSource, csv, rounds[r]);
                imports[r] = round[0];
                copies[r] = round[1];
                keyedCopies[r] = round[2];
            }
            // #1 rewrites every value (they came from the import; now from this aggregation); #2 and #3 find them
            // unchanged and write nothing. Both are reported.
            double aggregate = 0;
            double unchangedAggregate = Double.MAX_VALUE;
            double groupBy = Double.MAX_VALUE;
            for (int i = 1; i <= 3; i++) {
                double bare = bareGroupBy(jdbc);
                groupBy = Math.min(groupBy, bare);
                System.out.printf("bare GROUP BY over the month's rows #%d: %.3f s%n", i, bare);
                long start = System.nanoTime();
                HttpResponse<String> result = http.send(
                        request(base + "/api/kpis/" + PERIOD + "/aggregate")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                double took = seconds(start);
                if (i == 1) aggregate = took;
                else unchangedAggregate = Math.min(unchangedAggregate, took);
                System.out.printf(
                        "aggregate %s #%d: HTTP %d in %.3f s: %s%n",
                        PERIOD, i, result.statusCode(), took, result.body());
            }
            // The usual import of a running system: the next month's records into the table that holds the months
            // before.
            // After the aggregation, whose bare GROUP BY would otherwise scan both months' new block ranges.
            writeSessions(csv, records, LocalDateTime.of(2030, 2, 1, 0, 0), "N");
            double[] nextMonth =
                    importRound(http, base, dataSource, csv, "next month's file (new keys, into the first month's)");
            imports[2] = nextMonth[0];
            copies[2] = nextMonth[1];
            keyedCopies[2] = nextMonth[2];
            // Rows without the file's digests (stored before V27, under other rules, or spelt otherwise): the import
            // compares each and gives it the file's digest, once; the import after it skips them again.
            forgetDigests(dataSource);
            double[] refresh =
                    importRound(http, base, dataSource, csv, "next month's file again, its rows' digests forgotten");
            double[] refreshed = importRound(http, base, dataSource, csv, "next month's file a third time");
            System.out.printf(
                    Locale.ROOT,
                    "RESULT records=%d fsync=%s synchronous_commit=%s import_s=%.2f import_rps=%.0f bare_copy_s=%.2f"
                            + " import_vs_copy=%.2f keyed_copy_s=%.2f keyed_copy_vs_copy=%.2f import_vs_keyed_copy=%.2f"
                            + " reimport_s=%.2f reimport_rps=%.0f reimport_vs_copy=%.2f"
                            + " next_month_s=%.2f next_month_rps=%.0f next_month_vs_copy=%.2f aggregate_s=%.3f"
                            + " group_by_s=%.3f aggregate_vs_group_by=%.2f aggregate_unchanged_s=%.3f"
                            + " aggregate_unchanged_vs_group_by=%.2f refresh_s=%.2f refresh_rps=%.0f"
                            + " refreshed_reimport_s=%.2f refreshed_reimport_rps=%.0f load=%s%n",
                    records,
                    fsync,
                    synchronousCommit,
                    imports[0],
                    records / imports[0],
                    copies[0],
                    imports[0] / copies[0],
                    keyedCopies[0],
                    keyedCopies[0] / copies[0],
                    imports[0] / keyedCopies[0],
                    imports[1],
                    records / imports[1],
                    imports[1] / copies[1],
                    imports[2],
                    records / imports[2],
                    imports[2] / copies[2],
                    aggregate,
                    groupBy,
                    aggregate / groupBy,
                    unchangedAggregate,
                    unchangedAggregate / groupBy,
                    refresh[0],
                    records / refresh[0],
                    refreshed[0],
                    records / refreshed[0],
                    load().replace(' ', '/'));
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(dir);
        }
    }

    /** A bare COPY of {@code csv}, then its import through the REST API; {seconds of the import, of the COPY}. */
    private static double[] importRound(HttpClient http, String base, DataSource dataSource, Path csv, String round)
            throws Exception {
        double copy = bareCopy(dataSource, csv);
        System.out.printf("bare COPY of the file into an unlogged table: %.2f s%n", copy);
        double keyed = keyedCopy(dataSource, csv);
        System.out.printf(
                "COPY of the file into an empty copy of the sessions table (key, checks, indexes, logged): %.2f s"
                        + " = %.2f× the bare COPY%n",
                keyed, keyed / copy);
        long start = System.nanoTime();
        JsonNode job = awaitImport(http, base, upload(http, base, csv));
        double took = seconds(start);
        if (!job.path("status").asText().equals("SUCCEEDED"))
            throw new IllegalStateException(round + " did not succeed: " + job);
        System.out.printf(
                "%s: %s, %,d rows in %.2f s = %,.0f records/s, %.2f× the bare COPY, %.2f× the keyed COPY (inserted %d,"
                        + " updated %d,"
                        + " unchanged %d); phases %s%n",
                round,
                job.path("status").asText(),
                job.path("rowsRead").asLong(),
                took,
                job.path("rowsRead").asLong() / took,
                took / copy,
                took / keyed,
                job.path("inserted").asLong(),
                job.path("updated").asLong(),
                job.path("unchanged").asLong(),
                job.path("timings"));
        return new double[] {took, copy, keyed};
    }

    /**
     * Clears the digest of every stored session, untimed. Values are untouched, so the month totals stay valid (the
     * transaction says it keeps them, as an import does) and the next import only compares.
     */
    private static void forgetDigests(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local service_review.keeps_month_totals = 'on'");
            statement.execute("update review.service_session set row_digest = null");
            connection.commit();
            connection.setAutoCommit(true);
            statement.execute("vacuum review.service_session");
        }
    }

    /** COPY of the CSV file as it is into a new unlogged table of the record type's column types; seconds. */
    private static double bareCopy(DataSource dataSource, Path csv) throws Exception {
        return timedCopy(
                dataSource,
                csv,
                "create unlogged table bench_copy ("
                        + String.join(
                                ", ",
                                Arrays.stream(SESSION_COLUMNS)
                                        .map(column -> column[0] + " " + column[1])
                                        .toList())
                        + ")");
    }

    /**
     * COPY of the CSV file as it is into a new, empty, logged table like {@code review.service_session}: its primary
     * key, checks and indexes, no trigger; seconds. The least a store that keeps the key in the database can cost:
     * no parsing beyond PostgreSQL's, no validation, no look-up of the employees, no month totals.
     */
    private static double keyedCopy(DataSource dataSource, Path csv) throws Exception {
        return timedCopy(
                dataSource,
                csv,
                "create table bench_copy (like review.service_session including all)",
                "alter table bench_copy alter column import_id set default 'bench'");
    }

    private static String columnNames(String separator) {
        return String.join(
                separator,
                Arrays.stream(SESSION_COLUMNS).map(column -> column[0]).toList());
    }

    /** Creates table bench_copy by {@code create}, times the COPY of the file's columns into it, drops it. */
    private static double timedCopy(DataSource dataSource, Path csv, String... create) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                InputStream in = Files.newInputStream(csv)) {
            statement.execute("drop table if exists bench_copy");
            for (String sql : create) statement.execute(sql);
            long start = System.nanoTime();
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy bench_copy (" + columnNames(", ") + ") from stdin (format csv, header)", in, 1 << 16);
            double took = seconds(start);
            statement.execute("drop table bench_copy");
            return took;
        }
    }

    /** The month's stored sessions grouped by employee and counted, nothing else; seconds. */
    private static double bareGroupBy(JdbcClient jdbc) {
        long start = System.nanoTime();
        jdbc.sql("select employee_id, count(*) from review.service_session where started_at >= ? and started_at < ?"
                        + " group by employee_id")
                .params(LocalDateTime.of(2030, 1, 1, 0, 0), LocalDateTime.of(2030, 2, 1, 0, 0))
                .query()
                .listOfRows();
        return seconds(start);
    }

    private static void addAgents(JdbcClient jdbc) {
        jdbc.sql("""
                insert into review.employee (id, name_zh, name_en, role, hired_on)
                select 'bench' || lpad(n::text, 4, '0'), '坐席' || n, 'Agent ' || n, 'EMPLOYEE', date '2020-01-01'
                  from generate_series(1, :agents) n
                on conflict do nothing""").param("agents", AGENTS).update();
    }

    /**
     * Chats and calls spread over the month from {@code start}, with plausible outcomes, responses, orders and
     * payments; ids {@code prefix} + number.
     */
    private static void writeSessions(Path csv, int records, LocalDateTime start, String prefix) throws Exception {
        Random random = new Random(42);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(columnNames(",") + "\n");
            for (int i = 0; i < records; i++) {
                boolean chat = random.nextInt(10) < 7;
                int roll = random.nextInt(100);
                String outcome = roll < 85 ? "answered" : roll < 93 ? "transferred" : "abandoned";
                boolean answered = !outcome.equals("abandoned");
                boolean inquiry = chat && random.nextInt(3) == 0;
                boolean ordered = answered && inquiry && random.nextInt(2) == 0;
                boolean paid = ordered && random.nextInt(10) < 8;
                out.write(prefix + i + ",bench" + String.format("%04d", 1 + random.nextInt(AGENTS)) + ","
                        + (chat ? "chat" : "call") + "," + (!chat && random.nextInt(5) == 0 ? "out" : "in") + ","
                        + start.plusSeconds(random.nextInt(YearMonth.from(start).lengthOfMonth() * 24 * 3600))
                                .format(format)
                        + "," + outcome + ","
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
            Thread.sleep(50);
        }
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("zhaomin:demo".getBytes(StandardCharsets.UTF_8)));
    }
}
