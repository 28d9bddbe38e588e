package com.servicereview.fault;

import static com.servicereview.bench.BenchMachine.load;
import static com.servicereview.bench.BenchMachine.seconds;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node against two on one PostgreSQL: a cycle launch and two imports, first with one application node,
 * then with a second node attached to the same database.
 *
 * <p>Starts PostgreSQL 17 (zonky's binaries, as the embedded server; durable: fsync and synchronous_commit on,
 * {@code --not-durable} turns both off) in a temporary directory, and the application as child JVMs on it
 * ({@link AppNode}, {@code -Xmx1g}, {@code SPRING_DATASOURCE_URL}: the way a second machine attaches,
 * docs/operations.md). Node 2 starts only after node 1 is up (the start-up lock would make it wait anyway).
 * <ol>
 *   <li><b>1 node.</b> Seeds a department of N agents (default 2,000) with their KPI inputs, starts its cycle
 *       with {@code POST /api/cycles} on node 1 and waits until every self-review task exists; then uploads two
 *       session files of R records each (default 300,000, new session ids, period 2030-01) at once to node 1 and
 *       waits until both imports have SUCCEEDED.</li>
 *   <li><b>2 nodes.</b> Starts node 2, then the same with a second department (started on node 1: the slices'
 *       jobs go to both job executors) and two more files, one uploaded to each node.</li>
 * </ol>
 * For each phase: seconds, reviews/s and records/s, which node ran how many jobs ({@code act_hi_job_log}),
 * the database's commits and WAL bytes ({@code pg_stat_database}, {@code pg_stat_wal}) and the most connections
 * seen at once. One {@code RESULT} line. Not a test.
 * <pre>
 * ./mvnw -Pbench test-compile exec:exec -Dbench.main=com.servicereview.fault.NodeScaleBenchmark -Dbench.args="--agents=2000 --sessions=300000"
 * </pre>
 */
public final class NodeScaleBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PERIOD = "2030-01";
    private static final String SCHEME = "cs-staff-monthly";
    private static final long LIMIT_NANOS = 30L * 60 * 1_000_000_000L;

    private NodeScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int agents = 2_000;
        int sessions = 300_000;
        boolean durable = true;
        for (String arg : args) {
            if (arg.startsWith("--agents=")) agents = Integer.parseInt(arg.substring("--agents=".length()));
            else if (arg.startsWith("--sessions=")) sessions = Integer.parseInt(arg.substring("--sessions=".length()));
            else if (arg.equals("--not-durable")) durable = false;
            else throw new IllegalArgumentException("unknown argument " + arg);
        }
        Path work = Files.createTempDirectory("node-scale-");
        String loadBefore = load();
        System.out.printf(
                "cores: %d, agents per cycle %,d, records per file %,d, load %s; node logs in %s%n",
                Runtime.getRuntime().availableProcessors(), agents, sessions, loadBefore, work);
        String onOff = durable ? "on" : "off";
        List<AppNode> nodes = new ArrayList<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true)
                // zonky passes -F (fsync off) and synchronous_commit=off; a later -c wins.
                .setServerConfig("fsync", onOff)
                .setServerConfig("synchronous_commit", onOff)
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
                String settings = "postgres " + query(db, "show server_version") + ": fsync=" + query(db, "show fsync")
                        + ", synchronous_commit=" + query(db, "show synchronous_commit") + ", max_connections="
                        + query(db, "show max_connections");
                System.out.println(settings + "; history full; per node: Hikari pool 20, job executor 3–10 threads");
                AppNode first = AppNode.external("n1", work, url, "postgres", "unused");
                nodes.add(first);
                first.launch();
                first.awaitStarted();

                Map<String, String> one = phase(db, List.of(first), "scale1", "A", agents, sessions, work);
                AppNode second = AppNode.external("n2", work, url, "postgres", "unused");
                nodes.add(second);
                long booting = System.nanoTime();
                second.launch();
                second.awaitStarted();
                System.out.printf("node 2 up after %.1f s%n", seconds(booting));
                Map<String, String> two = phase(db, List.of(first, second), "scale2", "B", agents, sessions, work);

                StringBuilder result = new StringBuilder("RESULT agents=" + agents + " sessions_per_file=" + sessions
                        + " fsync=" + onOff + " synchronous_commit=" + onOff);
                one.forEach(
                        (k, v) -> result.append(" one_").append(k).append('=').append(v));
                two.forEach(
                        (k, v) -> result.append(" two_").append(k).append('=').append(v));
                result.append(" load_before=")
                        .append(loadBefore.replace(' ', '/'))
                        .append(" load_end=")
                        .append(load().replace(' ', '/'));
                System.out.println();
                System.out.println(result);
            }
        } finally {
            for (AppNode node : nodes) {
                node.stop();
                node.deleteFiles();
            }
        }
    }

    /** A cycle of {@code agents} started on the first node, then two imports, one per node (both on the only node). */
    private static Map<String, String> phase(
            Connection db, List<AppNode> nodes, String department, String prefix, int agents, int sessions, Path work)
            throws Exception {
        Map<String, String> figures = new LinkedHashMap<>();
        seedDepartment(db, department, prefix, agents);
        Map<String, Long> jobsBefore = jobsByNode(db);
        long[] statsBefore = stats(db);
        int[] peakConnections = {0};
        long started = System.nanoTime();
        HttpResponse<String> cycle = post(
                nodes.get(0),
                "/api/cycles",
                JSON.writeValueAsString(Map.of("unitId", department, "period", PERIOD, "schemeId", SCHEME)));
        expect(cycle, 201);
        await(() -> {
            peakConnections[0] = Math.max(peakConnections[0], (int)
                    count(db, "select count(*) from pg_stat_activity where backend_type = 'client backend'"));
            return count(db, """
                    select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
                     where t.task_def_key_ = 'Task_SelfReview' and e.business_key_ like ?""", prefix.toLowerCase() + "%:" + PERIOD + ":%") >= agents;
        });
        double cycleSeconds = seconds(started);
        long[] statsAfterCycle = stats(db);
        Map<String, Long> jobs = jobsByNode(db);
        jobs.replaceAll((node, n) -> n - jobsBefore.getOrDefault(node, 0L));
        figures.put("nodes", String.valueOf(nodes.size()));
        figures.put("cycle_s", String.format("%.1f", cycleSeconds));
        figures.put("cycle_per_s", String.format("%.1f", agents / cycleSeconds));
        figures.put("jobs_by_node", jobs.toString().replace(" ", ""));
        figures.put("cycle_commits_per_s", String.format("%.0f", (statsAfterCycle[0] - statsBefore[0]) / cycleSeconds));
        figures.put("cycle_wal_mb", String.format("%.0f", (statsAfterCycle[1] - statsBefore[1]) / 1e6));
        figures.put("cycle_peak_connections", String.valueOf(peakConnections[0]));
        figures.put("incidents", String.valueOf(count(db, "select count(*) from act_ru_incident")));
        System.out.println(nodes.size() + " node(s), cycle: " + figures);

        Path fileA = work.resolve(prefix + "1.csv");
        Path fileB = work.resolve(prefix + "2.csv");
        FaultSuite.writeSessions(fileA, prefix + "1-", sessions);
        FaultSuite.writeSessions(fileB, prefix + "2-", sessions);
        long[] statsBeforeImport = stats(db);
        long importing = System.nanoTime();
        String importA = FaultSuite.upload(nodes.get(0), fileA);
        String importB = FaultSuite.upload(nodes.get(nodes.size() - 1), fileB);
        await(() -> count(
                        db,
                        "select count(*) from review.metric_import where id in (?, ?) and status <> 'RUNNING'",
                        importA,
                        importB)
                == 2);
        double importSeconds = seconds(importing);
        long[] statsAfterImport = stats(db);
        String statuses = query(
                db,
                "select string_agg(status || '/' || coalesce(node, '?'), ',' order by id) from review.metric_import where id in (?, ?)",
                importA,
                importB);
        figures.put("imports", statuses);
        figures.put("import_s", String.format("%.1f", importSeconds));
        figures.put("import_records_per_s", String.format("%.0f", 2.0 * sessions / importSeconds));
        figures.put("import_wal_mb", String.format("%.0f", (statsAfterImport[1] - statsBeforeImport[1]) / 1e6));
        System.out.println(nodes.size() + " node(s), imports: " + figures);
        Files.deleteIfExists(fileA);
        Files.deleteIfExists(fileB);
        return figures;
    }

    /** Commits and WAL bytes of the database so far. */
    private static long[] stats(Connection db) throws SQLException {
        return new long[] {
            count(db, "select xact_commit from pg_stat_database where datname = current_database()"),
            count(db, "select wal_bytes::bigint from pg_stat_wal")
        };
    }

    private static Map<String, Long> jobsByNode(Connection db) throws SQLException {
        Map<String, Long> jobs = new LinkedHashMap<>();
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_ order by 1")) {
            while (rs.next()) jobs.put(rs.getString(1), rs.getLong(2));
        }
        return jobs;
    }

    /** A department with one team: head ← supervisor ← N agents and their six KPI inputs (as the cycle benchmark). */
    private static void seedDepartment(Connection db, String department, String prefix, int count) throws SQLException {
        String team = department + "-team";
        String head = department + "-head";
        String supervisor = department + "-sup";
        try (Statement s = db.createStatement()) {
            s.execute("insert into review.org_unit (id, parent_id, kind, name_zh, name_en) values ('" + department
                    + "', null, 'DEPARTMENT', '扩展部', 'Scale department')");
            s.execute("insert into review.org_unit (id, parent_id, kind, name_zh, name_en) values ('" + team + "', '"
                    + department + "', 'TEAM', '扩展组', 'Scale team')");
            s.execute(
                    "insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on) values ('"
                            + head + "', '经理', 'Head', '" + department
                            + "', 'DEPARTMENT_HEAD', null, date '2020-01-01')");
            s.execute(
                    "insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on) values ('"
                            + supervisor + "', '主管', 'Supervisor', '" + team + "', 'SUPERVISOR', '" + head
                            + "', date '2020-01-01')");
            s.execute("update review.org_unit set head_employee_id = '" + head + "' where id = '" + department + "'");
            s.execute("update review.org_unit set head_employee_id = '" + supervisor + "' where id = '" + team + "'");
            String id = "'" + prefix.toLowerCase() + "' || lpad(n::text, 5, '0')";
            s.execute("insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on)"
                    + " select " + id + ", '坐席' || n, 'Agent ' || n, '" + team + "', 'EMPLOYEE', '" + supervisor + "',"
                    + " date '2020-01-01' from generate_series(1, " + count + ") n");
            s.execute("""
                    insert into review.kpi_value (employee_id, period, input_key, value, source)
                    select %s, '%s', k.key, k.value, 'scale'
                      from generate_series(1, %d) n
                     cross join lateral (values ('complaint-rate', 0.1 * (n %% 6)), ('revisit-completion', 90 + n %% 11),
                           ('revisit-authenticity', n %% 2), ('satisfaction', 94 + n %% 7), ('report-authenticity', n %% 3 / 2),
                           ('failed-spot-checks', n %% 4)) k(key, value)""".formatted(id, PERIOD, count));
            s.execute("analyze");
        }
    }

    private static HttpResponse<String> post(AppNode node, String path, String json) throws Exception {
        return HTTP.send(
                request(node, path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(AppNode node, String path) {
        return HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                .timeout(Duration.ofMinutes(5))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("zhaomin:demo".getBytes(StandardCharsets.UTF_8)));
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status)
            throw new IllegalStateException(
                    response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    private static void await(Condition condition) throws Exception {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (!condition.met()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("not done within 30 min");
            Thread.sleep(200);
        }
    }

    private static long count(Connection db, String sql, Object... params) throws SQLException {
        String value = query(db, sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String query(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) statement.setObject(i + 1, params[i]);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
