package com.servicereview.bench;

import static com.servicereview.bench.BenchMachine.load;
import static com.servicereview.bench.BenchMachine.seconds;
import static com.servicereview.bench.BenchMachine.setting;

import com.servicereview.ServiceReviewApplication;
import com.servicereview.review.DemoKpis;
import com.servicereview.review.EmployeeReviewProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How much the database grows per archived review, and what Camunda's history cleanup takes back.
 *
 * <p>Starts the application (embedded PostgreSQL 17 in a temporary directory, durable unless
 * {@code --service-review.embedded-db.durable=false}) and prints the settings. Then:
 * <ol>
 *   <li>{@code VACUUM FULL} (so that sizes are live data, not free space) and the sizes of four groups of
 *       tables ({@code pg_total_relation_size}, tables with their indexes and TOAST): Camunda's runtime
 *       ({@code act_ru_*}), history ({@code act_hi_*}), {@code act_ge_bytearray}, and every table of our schema
 *       {@code review};</li>
 *   <li>starts N reviews (default 100) of {@code zhangwei} for N months from 2031-01 with the usual test KPIs
 *       and measures again once every self-review task exists (an open review's runtime rows);</li>
 *   <li>works each review to its archive as the demo users do in Tasklist (form submissions as the assignee,
 *       through the engine's form service, so every guard and listener runs): self-review, the two group
 *       reviewers, the supervisor, the indirect supervisor, the employee's acknowledgement (no gap, no
 *       interview, no appeal: the common path), then {@code VACUUM FULL} and the sizes: bytes per archived review;</li>
 *   <li>moves the reviews' history removal time (end + 5 years) to now and runs Camunda's history cleanup at
 *       once (what the nightly window does once the 5 years are over), then {@code VACUUM FULL} and the sizes: what
 *       stays per review after the cleanup (our archive and tables).</li>
 * </ol>
 * Ends with one {@code RESULT} line with the bytes per review by group and the projection for
 * 10,000 people × 12 months × 3 years. Not a test.
 * <pre>
 * ./mvnw -Pbench test-compile exec:exec -Dbench.main=com.servicereview.bench.GrowthBenchmark -Dbench.args=100
 * </pre>
 */
public final class GrowthBenchmark {

    private static final String EMPLOYEE = "zhangwei";
    private static final String SCHEME = "cs-staff-monthly";
    private static final long PROJECTED_REVIEWS = 10_000L * 12 * 3;
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("runtime", "schemaname = 'public' and tablename like 'act\\_ru\\_%'");
        GROUPS.put("history", "schemaname = 'public' and tablename like 'act\\_hi\\_%'");
        GROUPS.put("bytearray", "schemaname = 'public' and tablename = 'act_ge_bytearray'");
        GROUPS.put("ours", "schemaname = 'review'");
    }

    private GrowthBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        List<String> springArgs = new ArrayList<>(List.of(
                "--server.port=0", "--service-review.embedded-db.data-dir=", "--logging.level.org.camunda=WARN"));
        springArgs.addAll(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        String loadBefore = load();
        System.out.printf(
                "cores: %d, reviews: %,d, load average %s%n",
                Runtime.getRuntime().availableProcessors(), count, loadBefore);
        try (ConfigurableApplicationContext app =
                SpringApplication.run(ServiceReviewApplication.class, springArgs.toArray(String[]::new))) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            String fsync = setting(jdbc, "fsync");
            String history = app.getEnvironment().getProperty("camunda.bpm.history-level");
            System.out.println(
                    "postgres " + setting(jdbc, "server_version") + ": fsync=" + fsync + ", synchronous_commit="
                            + setting(jdbc, "synchronous_commit") + "; history " + history + "; history cleanup window "
                            + app.getEnvironment()
                                    .getProperty(
                                            "camunda.bpm.generic-properties.properties.history-cleanup-batch-window-start-time")
                            + "–"
                            + app.getEnvironment()
                                    .getProperty(
                                            "camunda.bpm.generic-properties.properties.history-cleanup-batch-window-end-time"));

            List<String> periods = new ArrayList<>();
            for (int i = 0; i < count; i++) periods.add(String.format("%d-%02d", 2031 + i / 12, i % 12 + 1));
            for (String period : periods) DemoKpis.give(jdbc, EMPLOYEE, period);

            Map<String, Long> before = sizes(jdbc);
            System.out.println("before: " + before);
            RuntimeService runtime = app.getBean(RuntimeService.class);
            long started = System.nanoTime();
            List<String> instances = new ArrayList<>();
            for (String period : periods) {
                String reviewId = EMPLOYEE + ":" + period + ":" + SCHEME;
                Map<String, Object> variables = new HashMap<>();
                variables.put(EmployeeReviewProcess.Var.EMPLOYEE_ID, EMPLOYEE);
                variables.put(EmployeeReviewProcess.Var.PERIOD, period);
                variables.put(EmployeeReviewProcess.Var.SCHEME_ID, SCHEME);
                instances.add(runtime.startProcessInstanceByKey(EmployeeReviewProcess.KEY, reviewId, variables)
                        .getId());
            }
            TaskService tasks = app.getBean(TaskService.class);
            awaitCount(
                    () -> tasks.createTaskQuery()
                            .processDefinitionKey(EmployeeReviewProcess.KEY)
                            .taskDefinitionKey(EmployeeReviewProcess.Activity.SELF_REVIEW)
                            .count(),
                    count,
                    "self-review tasks");
            Map<String, Long> open = sizes(jdbc);
            System.out.printf("all %d at self-review after %.1f s: %s%n", count, seconds(started), open);

            work(app, jdbc, count);
            System.out.printf("all %d archived after %.1f s%n", count, seconds(started));
            Map<String, Long> archived = sizes(jdbc);
            System.out.println("archived: " + archived);

            cleanUpHistory(app, jdbc, instances);
            Map<String, Long> cleaned = sizes(jdbc);
            System.out.println("after history cleanup: " + cleaned);

            StringBuilder result =
                    new StringBuilder(String.format("RESULT reviews=%d fsync=%s history=%s", count, fsync, history));
            long archivedTotal = 0;
            long cleanedTotal = 0;
            for (String group : GROUPS.keySet()) {
                long openPer = (open.get(group) - before.get(group)) / count;
                long archivedPer = (archived.get(group) - before.get(group)) / count;
                long cleanedPer = (cleaned.get(group) - before.get(group)) / count;
                archivedTotal += archivedPer;
                cleanedTotal += cleanedPer;
                result.append(String.format(
                        " %s_open_b=%d %s_archived_b=%d %s_after_cleanup_b=%d",
                        group, openPer, group, archivedPer, group, cleanedPer));
            }
            result.append(String.format(
                    " archived_total_b=%d after_cleanup_total_b=%d projected_reviews=%d projected_gb_without_cleanup=%.1f"
                            + " projected_gb_after_cleanup=%.1f load_before=%s load_end=%s",
                    archivedTotal,
                    cleanedTotal,
                    PROJECTED_REVIEWS,
                    archivedTotal * (double) PROJECTED_REVIEWS / 1e9,
                    cleanedTotal * (double) PROJECTED_REVIEWS / 1e9,
                    loadBefore.replace(' ', '/'),
                    load().replace(' ', '/')));
            System.out.println();
            System.out.println(result);
        }
    }

    /** Completes every open task of the reviews, round after round, as its assignee, until all are archived. */
    private static void work(ConfigurableApplicationContext app, JdbcClient jdbc, int count) throws Exception {
        TaskService tasks = app.getBean(TaskService.class);
        FormService forms = app.getBean(FormService.class);
        IdentityService identity = app.getBean(IdentityService.class);
        Map<String, List<String>> groupsOf = new HashMap<>();
        long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
        while (jdbc.sql("select count(*) from review.archive where review_id like ?")
                        .param(EMPLOYEE + ":20%")
                        .query(Long.class)
                        .single()
                < count) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("not archived within 30 min");
            List<Task> open = tasks.createTaskQuery()
                    .processDefinitionKey(EmployeeReviewProcess.KEY)
                    .processInstanceBusinessKeyLike(EMPLOYEE + ":20%")
                    .list();
            for (Task task : open) {
                String user = task.getAssignee();
                Map<String, Object> variables = formFor(task);
                identity.setAuthentication(
                        user,
                        groupsOf.computeIfAbsent(
                                user,
                                u -> identity.createGroupQuery().groupMember(u).list().stream()
                                        .map(Group::getId)
                                        .toList()));
                try {
                    forms.submitTaskForm(task.getId(), variables);
                } finally {
                    identity.clearAuthentication();
                }
            }
            if (open.isEmpty()) Thread.sleep(200);
        }
    }

    /** The common path's form fields: every rater 24 of 30 on the one rated item (total 90, EXCELLENT, no gap). */
    private static Map<String, Object> formFor(Task task) {
        Map<String, Object> variables = new HashMap<>();
        switch (task.getTaskDefinitionKey()) {
            case EmployeeReviewProcess.Activity.SELF_REVIEW -> rated(variables, "selfComment", task);
            case EmployeeReviewProcess.Activity.GROUP_REVIEW -> rated(variables, "groupComment", task);
            case EmployeeReviewProcess.Activity.SUPERVISOR_REVIEW -> rated(variables, "supervisorComment", task);
            case EmployeeReviewProcess.Activity.INDIRECT_REVIEW -> variables.put("indirectDecision", "approve");
            case EmployeeReviewProcess.Activity.ACKNOWLEDGE_RESULT -> variables.put("ackDecision", "acknowledge");
            default ->
                throw new IllegalStateException(
                        "unexpected task " + task.getTaskDefinitionKey() + " of " + task.getAssignee());
        }
        return variables;
    }

    private static void rated(Map<String, Object> variables, String commentField, Task task) {
        variables.put("score1", 24.0);
        variables.put(commentField, "评语 / comment by " + task.getAssignee());
    }

    /**
     * What the nightly cleanup does once an archived review's 5 years are over: its removal time (end + TTL) is
     * moved to now, as a batch, and the engine's history cleanup runs at once instead of waiting for its window.
     */
    private static void cleanUpHistory(ConfigurableApplicationContext app, JdbcClient jdbc, List<String> instances)
            throws Exception {
        HistoryService history = app.getBean(HistoryService.class);
        ManagementService management = app.getBean(ManagementService.class);
        long started = System.nanoTime();
        Batch batch = history.setRemovalTimeToHistoricProcessInstances()
                .absoluteRemovalTime(new Date(System.currentTimeMillis() - 60_000))
                .byIds(instances.toArray(String[]::new))
                .hierarchical()
                .executeAsync();
        awaitCount(
                () -> management.createBatchQuery().batchId(batch.getId()).count() == 0 ? 1 : 0,
                1,
                "removal time batch");
        Job job = history.cleanUpHistoryAsync(true);
        // Each run of the cleanup job deletes up to its batch size per table and runs again while it finds work.
        awaitCount(
                () -> jdbc.sql("""
                                select (select count(*) from act_hi_procinst where proc_def_key_ = :key)
                                     + (select count(*) from act_hi_actinst where proc_def_key_ = :key)
                                     + (select count(*) from act_hi_taskinst where proc_def_key_ = :key)
                                     + (select count(*) from act_hi_varinst where proc_def_key_ = :key)
                                     + (select count(*) from act_hi_detail where proc_def_key_ = :key)""")
                                        .param("key", EmployeeReviewProcess.KEY)
                                        .query(Long.class)
                                        .single()
                                == 0
                        ? 1
                        : 0,
                1,
                "history cleanup of the reviews");
        System.out.printf(
                "removal time set and history cleanup done in %.1f s (job %s)%n", seconds(started), job.getId());
        // Park the cleanup job again, so that it does not run during the last measurement.
        management.createJobQuery().jobId(job.getId()).list().forEach(j -> management.suspendJobById(j.getId()));
    }

    /** Sizes in bytes of each group of tables after VACUUM FULL (live rows only). */
    private static Map<String, Long> sizes(JdbcClient jdbc) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        jdbc.sql("vacuum full").update();
        GROUPS.forEach((group, where) -> sizes.put(
                group,
                jdbc.sql(
                                "select coalesce(sum(pg_total_relation_size(quote_ident(schemaname) || '.' || quote_ident(tablename))), 0)"
                                        + " from pg_tables where " + where)
                        .query(Long.class)
                        .single()));
        return sizes;
    }

    private interface Counter {
        long count() throws Exception;
    }

    private static void awaitCount(Counter counter, long expected, String what) throws Exception {
        long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
        while (counter.count() < expected) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(what + ": not done within 30 min");
            Thread.sleep(200);
        }
    }
}
