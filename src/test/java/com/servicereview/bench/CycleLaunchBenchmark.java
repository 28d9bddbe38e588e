package com.servicereview.bench;

import static com.servicereview.bench.BenchMachine.load;
import static com.servicereview.bench.BenchMachine.seconds;
import static com.servicereview.bench.BenchMachine.setting;

import com.servicereview.ServiceReviewApplication;
import com.servicereview.cycle.CycleService;
import com.servicereview.cycle.ReviewCycleProcess;
import com.servicereview.review.EmployeeReviewProcess;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Launching a review cycle at scale, against bare Camunda processes on the same engine.
 *
 * <p>Starts the application (its own context; embedded PostgreSQL 17 in a temporary directory, i.e.
 * {@code service-review.embedded-db.data-dir=} empty). The embedded server is durable, {@code fsync} and
 * {@code synchronous_commit} on, as the application runs it; the argument
 * {@code --service-review.embedded-db.durable=false} turns both off for a comparison. It prints the settings, then:
 * <ol>
 *   <li>adds a new department {@code bench-dept} with one team {@code bench-team}: a department head,
 *       a team supervisor (whose supervisor is the head, so every agent has a direct and an indirect
 *       supervisor) and N agents (default 2,000), plus the six {@code cs-staff-monthly} KPI inputs of
 *       period 2030-01 for every agent in {@code review.kpi_value} (one {@code INSERT … SELECT} over
 *       {@code generate_series}); no Camunda users, tasks are assigned by id;</li>
 *   <li>starts {@code review-cycle} for the department (business key = cycle id, variables
 *       unitId/period/schemeId, as {@code POST /api/cycles} does) and polls until all N
 *       {@code Task_SelfReview} tasks exist: the job executor runs PrepareCycle, the cycle's launch step
 *       (first slice) and one review-cycle-slice job per further slice of {@code service-review.cycle.launch-batch}
 *       (25) members, in parallel. Prints progress every 5 s, the time to each milestone, reviews/s
 *       and the peak heap in use (sampled every 100 ms);</li>
 *   <li>deploys a bare process of the same shape (start → async no-op service task → user task, history
 *       time to live 1 day), starts it N times from one thread and waits until all N user tasks exist
 *       (the same job executor runs the async steps): the ratio cycle time ÷ this time is our overhead;</li>
 *   <li>deploys a bare start → user task process and starts it N times from one thread (after 100 to warm up).</li>
 * </ol>
 * Not a test and not run by {@code ./mvnw verify}. Run (command and figures in {@code docs/benchmarks-cycle.md}):
 * <pre>
 * ./mvnw -Pbench test-compile exec:exec -Dbench.main=com.servicereview.bench.CycleLaunchBenchmark -Dbench.jvmArgs=-Xmx512m \
 *     -Dbench.args="10000"          # add  --service-review.embedded-db.durable=false  for fsync off
 * </pre>
 * ({@code bench.args}: the number of agents and of bare instances, default 2000, then any Spring Boot arguments.)
 * History level FULL, the application's default job executor settings.
 */
public final class CycleLaunchBenchmark {

    private static final String DEPARTMENT = "bench-dept";
    private static final String TEAM = "bench-team";
    private static final String HEAD = "bench-head";
    private static final String SUPERVISOR = "bench-sup";
    private static final String PERIOD = "2030-01";
    private static final String SCHEME = "cs-staff-monthly";
    private static final String BARE = "bench-bare";
    private static final String BARE_ASYNC = "bench-bare-async";
    private static final int WARM_UP = 100;
    private static final long TIMEOUT_NANOS = 30L * 60 * 1_000_000_000L;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static long peakHeap;

    private CycleLaunchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        List<String> springArgs = new ArrayList<>(List.of(
                "--server.port=0", "--service-review.embedded-db.data-dir=", "--logging.level.org.camunda=WARN"));
        springArgs.addAll(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        String loadBefore = load();
        System.out.printf(
                "cores: %d, agents: %,d, max heap %,d MB, load average %s%n",
                Runtime.getRuntime().availableProcessors(),
                count,
                Runtime.getRuntime().maxMemory() >> 20,
                loadBefore);
        // -Dbench.countSql=true: count every statement by SQL text (it costs a little time; for profiling, not the
        // figures).
        boolean countSql = Boolean.getBoolean("bench.countSql");
        SpringApplication application = countSql
                ? new SpringApplication(ServiceReviewApplication.class, SqlCounter.class)
                : new SpringApplication(ServiceReviewApplication.class);
        try (ConfigurableApplicationContext app = application.run(springArgs.toArray(String[]::new))) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            RuntimeService runtime = app.getBean(RuntimeService.class);
            TaskService tasks = app.getBean(TaskService.class);
            String fsync = setting(jdbc, "fsync");
            String synchronousCommit = setting(jdbc, "synchronous_commit");
            var env = app.getEnvironment();
            System.out.println("postgres " + setting(jdbc, "server_version") + ": fsync=" + fsync
                    + ", synchronous_commit=" + synchronousCommit
                    + "; history " + env.getProperty("camunda.bpm.history-level")
                    + "; launch slice " + env.getProperty("service-review.cycle.launch-batch")
                    + "; job executor: " + env.getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition", "3")
                    + " jobs per acquisition, core pool "
                    + env.getProperty("camunda.bpm.job-execution.core-pool-size", "3") + ", max pool "
                    + env.getProperty("camunda.bpm.job-execution.max-pool-size", "10") + ", queue "
                    + env.getProperty("camunda.bpm.job-execution.queue-capacity", "3")
                    + "; Hikari pool " + env.getProperty("spring.datasource.hikari.maximum-pool-size"));

            long seeded = System.nanoTime();
            seed(jdbc, count);
            System.out.printf(
                    "seeded %,d agents and %,d KPI values in %.2f s%n",
                    count,
                    jdbc.sql("select count(*) from review.kpi_value where period = ? and source = 'bench'")
                            .param(PERIOD)
                            .query(Long.class)
                            .single(),
                    seconds(seeded));

            System.gc();
            SqlCounter.reset();
            Map<String, long[]> scansBefore = tableScans(jdbc);
            BenchMachine.Cpu cpuBefore = BenchMachine.cpu();
            double cycleSeconds = cycle(jdbc, runtime, tasks, count);
            BenchMachine.Cpu cpu = BenchMachine.cpu().minus(cpuBefore);
            System.out.printf(
                    "CPU used during the cycle: this JVM %.1f s, PostgreSQL %.1f s (2 cores: %.1f s available)%n",
                    cpu.jvmSeconds(), cpu.postgresSeconds(), 2 * cycleSeconds);
            reportTableScans(scansBefore, tableScans(jdbc));
            if (countSql) {
                SqlCounter.report("of the cycle (incl. the benchmark's polling) per review", count, 60);
                reportReviewVariables(jdbc);
            }
            String loadAfterCycle = load();
            long cyclePeakHeap = peakHeap;
            SqlCounter.reset();
            double bareAsyncSeconds = bareAsync(app.getBean(RepositoryService.class), runtime, tasks, count);
            if (countSql) SqlCounter.report("of the bare async shape per instance", count, 30);
            double bareSeconds = bare(app.getBean(RepositoryService.class), runtime, count);
            System.out.printf(
                    "%nRESULT agents=%d fsync=%s synchronous_commit=%s cycle_s=%.1f cycle_per_s=%.1f bare_async_s=%.1f"
                            + " overhead_vs_bare_async=%.2f bare_s=%.1f bare_per_s=%.1f cycle_cpu_jvm_s=%.1f cycle_cpu_postgres_s=%.1f"
                            + " peak_heap_mb=%d max_heap_mb=%d load_before=%s"
                            + " load_after_cycle=%s load_end=%s%n",
                    count,
                    fsync,
                    synchronousCommit,
                    cycleSeconds,
                    count / cycleSeconds,
                    bareAsyncSeconds,
                    cycleSeconds / bareAsyncSeconds,
                    bareSeconds,
                    count / bareSeconds,
                    cpu.jvmSeconds(),
                    cpu.postgresSeconds(),
                    cyclePeakHeap >> 20,
                    Runtime.getRuntime().maxMemory() >> 20,
                    loadBefore.replace(' ', '/'),
                    loadAfterCycle.replace(' ', '/'),
                    load().replace(' ', '/'));
        }
    }

    /** Per table: sequential scans, rows they read, index scans (PostgreSQL's cumulative statistics). */
    private static Map<String, long[]> tableScans(JdbcClient jdbc) {
        Map<String, long[]> scans = new TreeMap<>();
        jdbc.sql("select pg_stat_force_next_flush()").query().singleRow();
        jdbc.sql("select schemaname || '.' || relname as t, seq_scan, seq_tup_read, coalesce(idx_scan, 0) as idx"
                        + " from pg_stat_user_tables")
                .query((rs, n) -> scans.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)}))
                .list();
        return scans;
    }

    private static void reportTableScans(Map<String, long[]> before, Map<String, long[]> after) {
        System.out.println("tables by rows read in sequential scans during the cycle (seq scans, rows, index scans):");
        after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[3]);
                    long[] a = e.getValue();
                    return Map.entry(e.getKey(), new long[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]});
                })
                .filter(e -> e.getValue()[1] > 0)
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(15)
                .forEach(e -> System.out.printf(
                        "  %-40s %,10d %,14d %,10d%n", e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]));
    }

    /** The variables of the started reviews by name and scope (instance, execution or task), and how many are bytes. */
    private static void reportReviewVariables(JdbcClient jdbc) {
        System.out.println("variables of the started reviews (name, scope, rows, rows with a byte array):");
        jdbc.sql("""
                        select v.name_,
                               case when v.task_id_ is not null then t.task_def_key_
                                    when v.execution_id_ = v.proc_inst_id_ then 'instance' else 'execution' end,
                               count(*), count(v.bytearray_id_)
                        from act_ru_variable v
                        left join act_ru_task t on t.id_ = v.task_id_
                        join act_ru_execution p on p.id_ = v.proc_inst_id_
                        join act_re_procdef d on d.id_ = p.proc_def_id_
                        where d.key_ = ?
                        group by 1, 2 order by 2, 1""")
                .param(EmployeeReviewProcess.KEY)
                .query((rs, n) -> {
                    System.out.printf(
                            "  %-26s %-20s %,8d %,8d%n",
                            rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
                    return n;
                })
                .list();
    }

    private static void sampleHeap() {
        peakHeap = Math.max(peakHeap, MEMORY.getHeapMemoryUsage().getUsed());
    }

    /** A department with one team: head ← supervisor ← N agents, and their cs-staff-monthly inputs. */
    private static void seed(JdbcClient jdbc, int count) {
        jdbc.sql(
                        "insert into review.org_unit (id, parent_id, kind, name_zh, name_en) values (?, null, 'DEPARTMENT', '压测部', 'Bench department')")
                .param(DEPARTMENT)
                .update();
        jdbc.sql(
                        "insert into review.org_unit (id, parent_id, kind, name_zh, name_en) values (?, ?, 'TEAM', '压测组', 'Bench team')")
                .params(TEAM, DEPARTMENT)
                .update();
        jdbc.sql("""
                insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on)
                values (?, '压测经理', 'Bench head', ?, 'DEPARTMENT_HEAD', null, date '2020-01-01')""").params(HEAD, DEPARTMENT).update();
        jdbc.sql("""
                insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on)
                values (?, '压测主管', 'Bench supervisor', ?, 'SUPERVISOR', ?, date '2020-01-01')""").params(SUPERVISOR, TEAM, HEAD).update();
        jdbc.sql("update review.org_unit set head_employee_id = ? where id = ?")
                .params(HEAD, DEPARTMENT)
                .update();
        jdbc.sql("update review.org_unit set head_employee_id = ? where id = ?")
                .params(SUPERVISOR, TEAM)
                .update();
        jdbc.sql("""
                insert into review.employee (id, name_zh, name_en, org_unit_id, role, supervisor_id, hired_on)
                select 'cb' || lpad(n::text, 5, '0'), '坐席' || n, 'Agent ' || n, :team, 'EMPLOYEE', :sup, date '2020-01-01'
                  from generate_series(1, :count) n""")
                .param("team", TEAM)
                .param("sup", SUPERVISOR)
                .param("count", count)
                .update();
        // Plausible, varied inputs (all inside the scheme's brackets), six per agent.
        jdbc.sql("""
                insert into review.kpi_value (employee_id, period, input_key, value, source)
                select 'cb' || lpad(n::text, 5, '0'), :period, k.key, k.value, 'bench'
                  from generate_series(1, :count) n
                 cross join lateral (values
                       ('complaint-rate', 0.1 * (n % 6)),
                       ('revisit-completion', 90 + n % 11),
                       ('revisit-authenticity', n % 2),
                       ('satisfaction', 94 + n % 7),
                       ('report-authenticity', n % 3 / 2),
                       ('failed-spot-checks', n % 4)) k(key, value)""").param("period", PERIOD).param("count", count).update();
    }

    /** Starts the cycle, polls until every self-review task exists; returns the seconds it took. */
    private static double cycle(JdbcClient jdbc, RuntimeService runtime, TaskService tasks, int count)
            throws Exception {
        String cycleId = CycleService.cycleId(DEPARTMENT, PERIOD, SCHEME);
        Map<String, Object> variables = new HashMap<>();
        variables.put(ReviewCycleProcess.Var.UNIT_ID, DEPARTMENT);
        variables.put(ReviewCycleProcess.Var.PERIOD, PERIOD);
        variables.put(ReviewCycleProcess.Var.SCHEME_ID, SCHEME);
        long start = System.nanoTime();
        runtime.startProcessInstanceByKey(ReviewCycleProcess.KEY, cycleId, variables);
        Map<String, Double> milestones = new LinkedHashMap<>();
        long lastReport = start;
        long selfReviews = 0;
        while (selfReviews < count) {
            if (System.nanoTime() - start > TIMEOUT_NANOS)
                throw new IllegalStateException("timed out after 30 min: " + selfReviews + " self-reviews");
            Thread.sleep(100);
            sampleHeap();
            selfReviews = tasks.createTaskQuery()
                    .processDefinitionKey(EmployeeReviewProcess.KEY)
                    .taskDefinitionKey("Task_SelfReview")
                    .count();
            long members = jdbc.sql("select count(*) from review.cycle_member where cycle_id = ?")
                    .param(cycleId)
                    .query(Long.class)
                    .single();
            long launched = jdbc.sql(
                            "select count(*) from review.cycle_member where cycle_id = ? and review_id is not null")
                    .param(cycleId)
                    .query(Long.class)
                    .single();
            if (members >= count) milestones.putIfAbsent("PrepareCycle done (" + members + " members)", seconds(start));
            if (launched >= count) milestones.putIfAbsent("all reviews started (all slices done)", seconds(start));
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf(
                        "  %6.1f s: members %,d, reviews started %,d, self-review tasks %,d, jobs waiting %s, failed jobs %d%n",
                        seconds(start),
                        members,
                        launched,
                        selfReviews,
                        jobsByActivity(jdbc),
                        jdbc.sql("select count(*) from act_ru_job where retries_ < 3")
                                .query(Long.class)
                                .single());
            }
        }
        double took = seconds(start);
        milestones.put("all " + count + " Task_SelfReview exist", took);
        System.out.println("cycle milestones (s after start):");
        milestones.forEach((k, v) -> System.out.printf("  %-45s %6.1f%n", k, v));
        double rate = count / took;
        System.out.printf(
                "cycle: %,d reviews to self-review in %.1f s = %.1f reviews/s; peak heap in use %,d MB of %,d MB%n",
                count, took, rate, peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(
                "  jobs still waiting: %s; review instances: %,d%n",
                jobsByActivity(jdbc),
                runtime.createProcessInstanceQuery()
                        .processDefinitionKey(EmployeeReviewProcess.KEY)
                        .count());
        // Where the time went: each async step's own duration (delegate only, not the job's commit), from FULL history.
        System.out.println("  step durations from act_hi_actinst (count, sum, avg, max ms):");
        jdbc.sql("""
                select act_id_, count(*), sum(duration_), avg(duration_), max(duration_) from act_hi_actinst
                 where act_id_ in ('Task_PrepareCycle', 'Task_LaunchReviews', 'Task_LaunchSlice', 'Task_CollectData')
                 group by act_id_ order by act_id_""")
                .query((rs, n) -> {
                    System.out.printf(
                            "    %-20s %,6d  %,9d  %8.1f  %,7d%n",
                            rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getLong(5));
                    return n;
                })
                .list();
        return took;
    }

    /** Due (non-timer) jobs by activity id: which step the job executor is behind on. */
    private static Map<String, Long> jobsByActivity(JdbcClient jdbc) {
        Map<String, Long> jobs = new TreeMap<>();
        jdbc.sql("""
                select coalesce(d.act_id_, j.handler_type_), count(*)
                  from act_ru_job j left join act_ru_jobdef d on d.id_ = j.job_def_id_
                 where j.type_ <> 'timer' group by 1""").query((rs, n) -> jobs.put(rs.getString(1), rs.getLong(2))).list();
        return jobs;
    }

    /**
     * The same shape as a review's launch, bare: start → async no-op service task → user task, started N times from one
     * thread while the job executor runs the async steps; returns the seconds until every user task exists.
     */
    private static double bareAsync(RepositoryService repository, RuntimeService runtime, TaskService tasks, int count)
            throws Exception {
        BpmnModelInstance model = Bpmn.createExecutableProcess(BARE_ASYNC)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_BareStep")
                .camundaAsyncBefore()
                .camundaExpression("${true}")
                .userTask("Task_BareAsync")
                .camundaAssignee("nobody")
                .endEvent()
                .done();
        repository
                .createDeployment()
                .name(BARE_ASYNC)
                .addModelInstance(BARE_ASYNC + ".bpmn", model)
                .deploy();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) runtime.startProcessInstanceByKey(BARE_ASYNC, "bare-async-" + i);
        double started = seconds(start);
        long open = 0;
        while (open < count) {
            if (System.nanoTime() - start > TIMEOUT_NANOS)
                throw new IllegalStateException("timed out after 30 min: " + open + " bare tasks");
            Thread.sleep(100);
            open = tasks.createTaskQuery().processDefinitionKey(BARE_ASYNC).count();
        }
        double took = seconds(start);
        System.out.printf(
                "bare async: %,d instances (start → async step → user task), started from one thread in %.1f s,"
                        + " every user task in %.1f s = %.1f instances/s%n",
                count, started, took, count / took);
        return took;
    }

    /** Start → one user task, started N times from one thread after a short warm-up; returns the seconds it took. */
    private static double bare(RepositoryService repository, RuntimeService runtime, int count) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(BARE)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Bare")
                .camundaAssignee("nobody")
                .endEvent()
                .done();
        repository
                .createDeployment()
                .name(BARE)
                .addModelInstance(BARE + ".bpmn", model)
                .deploy();
        for (int i = 0; i < WARM_UP; i++) runtime.startProcessInstanceByKey(BARE, "warm-" + i);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) runtime.startProcessInstanceByKey(BARE, "bare-" + i);
        double took = seconds(start);
        double rate = count / took;
        System.out.printf(
                "bare: %,d instances (start → user task) from one thread in %.1f s = %.1f instances/s (after %d warm-up)%n",
                count, took, rate, WARM_UP);
        return took;
    }
}
