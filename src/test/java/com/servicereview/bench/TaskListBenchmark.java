package com.servicereview.bench;

import static com.servicereview.bench.BenchMachine.load;
import static com.servicereview.bench.BenchMachine.seconds;
import static com.servicereview.bench.BenchMachine.setting;

import com.servicereview.ServiceReviewApplication;
import com.zaxxer.hikari.HikariDataSource;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Task lists at scale: Tasklist's queries for an HR user whose group holds 10,000 unclaimed tasks and a
 * supervisor with 2,000 assigned tasks, through our security stack, against the same queries on a bare
 * engine over the same tables in the same run.
 *
 * <p>Starts the application (embedded PostgreSQL 17 in a temporary directory, durable unless
 * {@code --service-review.embedded-db.durable=false}), prints the settings, then:
 * <ol>
 *   <li>deploys two one-task processes and starts them from two threads: N (default 10,000) with a user
 *       task for candidate group {@code hr} (unclaimed; the engine grants {@code hr} TASK_WORK on each task,
 *       as for our real HR tasks) and M (default 2,000) assigned to supervisor {@code lina};</li>
 *   <li>starts two <b>bare</b> Camundas in the same JVM on the same database: Spring Boot with Camunda's engine
 *       and REST starters only, the same engine settings as ours (CMMN off, history FULL), no job executor, none of
 *       our filters, guards or plugins. {@code bare} (at {@code /engine-rest/engine/bare/...}) is Camunda as shipped:
 *       authorization checks off, REST without authentication. {@code bareauth} has authorization checks on and
 *       Camunda's own HTTP Basic filter ({@code ProcessEngineAuthenticationFilter}), as Camunda's manual secures it,
 *       and its connections plan every statement with its parameters (see {@link #bare});</li>
 *   <li>times each query 200 times (after 20 to warm up), ours, bareauth and bare in turn so that a change in the
 *       machine's load hits all three: as {@code zhaomin} (HR) {@code GET /task} with all her groups as
 *       {@code candidateGroups}, {@code POST /task/count}, the "My group tasks" filter's list (page of 15, as Tasklist
 *       asks) and count; as {@code lina} the same with {@code assignee} and the "My tasks" filter. Without a user,
 *       a filter's {@code ${currentUser()}} means nothing, so bare executes a filter of its own with the user's
 *       values in place of the expressions (a filter call reads the filter, then runs its query); the filter rows
 *       are printed against bare's ad-hoc query too, which reads no filter. All sort by creation date, newest
 *       first, 15 a page;</li>
 *   <li>the two filters again as Tasklist asks them: logged in through the web apps' login form, with the session
 *       cookie and its CSRF token, at {@code /camunda/api/engine/engine/default/filter/{id}/list|count};</li>
 *   <li>for the breakdown, the same queries through our engine's Java API, with the user and groups set
 *       (authorization check, no HTTP) and without a user (no check).</li>
 * </ol>
 * Ends with one {@code RESULT} line: p50/p95 in ms of each call and the ratios ours ÷ bare.
 * <pre>
 * ./mvnw -Pbench test-compile exec:exec -Dbench.main=com.servicereview.bench.TaskListBenchmark -Dbench.args="10000 2000"
 * </pre>
 */
public final class TaskListBenchmark {

    private static final String HR_PROCESS = "bench-hr-task";
    private static final String SUPERVISOR_PROCESS = "bench-supervisor-task";
    private static final String HR_USER = "zhaomin";
    private static final String SUPERVISOR = "lina";
    private static final String PASSWORD = "demo";
    private static int calls = 200;
    private static final int WARM_UP = 20;
    private static final String PAGE = "sortBy=created&sortOrder=desc&firstResult=0&maxResults=15";
    private static final String SORTING = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TaskListBenchmark() {}

    public static void main(String[] args) throws Exception {
        int hrTasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int supervisorTasks = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        List<String> springArgs = new ArrayList<>(List.of(
                "--server.port=0", "--service-review.embedded-db.data-dir=", "--logging.level.org.camunda=WARN"));
        // A third number is the calls per query (default 200); then any Spring Boot arguments.
        int firstSpringArg = Math.min(2, args.length);
        if (args.length > 2 && args[2].matches("\\d+")) {
            calls = Integer.parseInt(args[2]);
            firstSpringArg = 3;
        }
        springArgs.addAll(Arrays.asList(args).subList(firstSpringArg, args.length));
        String loadBefore = load();
        System.out.printf(
                "cores: %d, HR tasks %,d, supervisor tasks %,d, load average %s%n",
                Runtime.getRuntime().availableProcessors(), hrTasks, supervisorTasks, loadBefore);
        try (ConfigurableApplicationContext app =
                SpringApplication.run(ServiceReviewApplication.class, springArgs.toArray(String[]::new))) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            String fsync = setting(jdbc, "fsync");
            String synchronousCommit = setting(jdbc, "synchronous_commit");
            String history = app.getEnvironment().getProperty("camunda.bpm.history-level");
            System.out.println(
                    "postgres " + setting(jdbc, "server_version") + ": fsync=" + fsync + ", synchronous_commit="
                            + synchronousCommit + "; history " + history + "; authorization "
                            + app.getEnvironment().getProperty("camunda.bpm.authorization.enabled"));

            long seeding = System.nanoTime();
            seed(app, hrTasks, supervisorTasks);
            jdbc.sql("analyze").update();
            System.out.printf(
                    "seeded in %.1f s: open tasks %,d, task authorizations %,d%n",
                    seconds(seeding),
                    jdbc.sql("select count(*) from act_ru_task")
                            .query(Long.class)
                            .single(),
                    jdbc.sql("select count(*) from act_ru_authorization where resource_type_ = 7")
                            .query(Long.class)
                            .single());

            IdentityService identity = app.getBean(IdentityService.class);
            List<String> hrGroups = identity.createGroupQuery().groupMember(HR_USER).list().stream()
                    .map(Group::getId)
                    .toList();
            List<String> supervisorGroups = identity.createGroupQuery().groupMember(SUPERVISOR).list().stream()
                    .map(Group::getId)
                    .toList();
            System.out.println(HR_USER + "'s groups " + hrGroups + "; " + SUPERVISOR + "'s groups " + supervisorGroups);
            FilterService filters = app.getBean(FilterService.class);
            String groupFilter = filters.createFilterQuery()
                    .filterName("我的组任务 / My group tasks")
                    .singleResult()
                    .getId();
            String myFilter = filters.createFilterQuery()
                    .filterName("我的任务 / My tasks")
                    .singleResult()
                    .getId();

            String ours = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/engine-rest";
            HikariDataSource dataSource = (HikariDataSource) app.getBean(javax.sql.DataSource.class);
            try (ConfigurableApplicationContext bare = bare(dataSource, "bare", false);
                    ConfigurableApplicationContext bareAuth = bare(dataSource, "bareauth", true)) {
                String bareRest = "http://127.0.0.1:" + bare.getEnvironment().getProperty("local.server.port")
                        + "/engine-rest/engine/bare";
                String authRest = "http://127.0.0.1:"
                        + bareAuth.getEnvironment().getProperty("local.server.port") + "/engine-rest/engine/bareauth";
                String groups = String.join(",", hrGroups);
                String groupsJson = "{\"candidateGroups\":["
                        + String.join(
                                ",", hrGroups.stream().map(g -> "\"" + g + "\"").toList()) + "]}";
                String assigneeJson = "{\"assignee\":\"" + SUPERVISOR + "\"}";
                String hrAuth = basic(HR_USER);
                String supAuth = basic(SUPERVISOR);
                String hrList = "/task?candidateGroups=" + groups + "&" + PAGE;
                String supList = "/task?assignee=" + SUPERVISOR + "&" + PAGE;
                String groupFilterList = "/filter/" + groupFilter + "/list?firstResult=0&maxResults=15";
                String myFilterList = "/filter/" + myFilter + "/list?firstResult=0&maxResults=15";
                Map<String, Comparison> results = new LinkedHashMap<>();
                Call bareHrList = get(bareRest + hrList, null);
                Call bareHrCount = post(bareRest + "/task/count", groupsJson, null);
                Call bareSupList = get(bareRest + supList, null);
                Call bareSupCount = post(bareRest + "/task/count", assigneeJson, null);
                String groupFilterCount = "/filter/" + groupFilter + "/count";
                String myFilterCount = "/filter/" + myFilter + "/count";
                // Ours and Camunda with authorization ask the same URL; without authorization a filter's
                // ${currentUser()} has no user, so bare executes its own filter with the user's values in its query.
                FilterService bareFilters = bare.getBean(FilterService.class);
                TaskService bareTasks = bare.getBean(TaskService.class);
                String bareGroupFilter = bareFilters
                        .saveFilter(bareFilters
                                .newTaskFilter("bench: bare group tasks")
                                .setQuery(bareTasks.createTaskQuery().taskCandidateGroupIn(hrGroups)))
                        .getId();
                String bareMyFilter = bareFilters
                        .saveFilter(bareFilters
                                .newTaskFilter("bench: bare my tasks")
                                .setQuery(bareTasks.createTaskQuery().taskAssignee(SUPERVISOR)))
                        .getId();
                Call bareGroupFilterList = post(
                        bareRest + "/filter/" + bareGroupFilter + "/list?firstResult=0&maxResults=15", SORTING, null);
                Call bareGroupFilterCount = get(bareRest + "/filter/" + bareGroupFilter + "/count", null);
                Call bareMyFilterList =
                        post(bareRest + "/filter/" + bareMyFilter + "/list?firstResult=0&maxResults=15", SORTING, null);
                Call bareMyFilterCount = get(bareRest + "/filter/" + bareMyFilter + "/count", null);
                results.put("hr_list", compare(get(ours + hrList, hrAuth), get(authRest + hrList, hrAuth), bareHrList));
                results.put(
                        "hr_count",
                        compare(
                                post(ours + "/task/count", groupsJson, hrAuth),
                                post(authRest + "/task/count", groupsJson, hrAuth),
                                bareHrCount));
                filterRows(
                        results,
                        "hr_filter",
                        post(ours + groupFilterList, SORTING, hrAuth),
                        get(ours + groupFilterCount, hrAuth),
                        new Call[] {post(authRest + groupFilterList, SORTING, hrAuth), bareGroupFilterList},
                        new Call[] {get(authRest + groupFilterCount, hrAuth), bareGroupFilterCount});
                results.put(
                        "sup_list",
                        compare(get(ours + supList, supAuth), get(authRest + supList, supAuth), bareSupList));
                results.put(
                        "sup_count",
                        compare(
                                post(ours + "/task/count", assigneeJson, supAuth),
                                post(authRest + "/task/count", assigneeJson, supAuth),
                                bareSupCount));
                filterRows(
                        results,
                        "sup_filter",
                        post(ours + myFilterList, SORTING, supAuth),
                        get(ours + myFilterCount, supAuth),
                        new Call[] {post(authRest + myFilterList, SORTING, supAuth), bareMyFilterList},
                        new Call[] {get(authRest + myFilterCount, supAuth), bareMyFilterCount});
                // Tasklist's own path: the web apps' engine API with the login's session (no password per call).
                String origin = ours.replace("/engine-rest", "");
                TasklistSession hrSession = TasklistSession.login(origin, HR_USER);
                TasklistSession supSession = TasklistSession.login(origin, SUPERVISOR);
                filterRows(
                        results,
                        "tl_hr_filter",
                        hrSession.post(groupFilterList, SORTING),
                        hrSession.get(groupFilterCount),
                        new Call[] {post(authRest + groupFilterList, SORTING, hrAuth), bareGroupFilterList},
                        new Call[] {get(authRest + groupFilterCount, hrAuth), bareGroupFilterCount});
                filterRows(
                        results,
                        "tl_sup_filter",
                        supSession.post(myFilterList, SORTING),
                        supSession.get(myFilterCount),
                        new Call[] {post(authRest + myFilterList, SORTING, supAuth), bareMyFilterList},
                        new Call[] {get(authRest + myFilterCount, supAuth), bareMyFilterCount});
                // The fixed cost of every call: HTTP Basic (password check, the user's groups) and the filters.
                results.put(
                        "version",
                        compare(
                                get(ours + "/version", hrAuth),
                                get(authRest.replace("/engine/bareauth", "") + "/version", hrAuth),
                                get(bareRest.replace("/engine/bare", "") + "/version", null)));

                TaskService tasks = app.getBean(TaskService.class);
                Supplier<TaskQuery> hrQuery = () -> tasks.createTaskQuery().taskCandidateGroupIn(hrGroups);
                Supplier<TaskQuery> supQuery = () -> tasks.createTaskQuery().taskAssignee(SUPERVISOR);
                Supplier<Object> hrPage = () -> hrQuery.get()
                        .orderByTaskCreateTime()
                        .desc()
                        .listPage(0, 15)
                        .size();
                Supplier<Object> supPage = () -> supQuery.get()
                        .orderByTaskCreateTime()
                        .desc()
                        .listPage(0, 15)
                        .size();
                Supplier<Object> hrCount = () -> hrQuery.get().count();
                Supplier<Object> supCount = () -> supQuery.get().count();
                // The Java API of our engine: no HTTP; "ours" and "auth" both with the user set (authorization check).
                results.put(
                        "java_hr_list",
                        compare(
                                java(identity, HR_USER, hrGroups, hrPage),
                                java(identity, HR_USER, hrGroups, hrPage),
                                java(identity, null, null, hrPage)));
                results.put(
                        "java_hr_count",
                        compare(
                                java(identity, HR_USER, hrGroups, hrCount),
                                java(identity, HR_USER, hrGroups, hrCount),
                                java(identity, null, null, hrCount)));
                results.put(
                        "java_sup_list",
                        compare(
                                java(identity, SUPERVISOR, supervisorGroups, supPage),
                                java(identity, SUPERVISOR, supervisorGroups, supPage),
                                java(identity, null, null, supPage)));
                results.put(
                        "java_sup_count",
                        compare(
                                java(identity, SUPERVISOR, supervisorGroups, supCount),
                                java(identity, SUPERVISOR, supervisorGroups, supCount),
                                java(identity, null, null, supCount)));

                System.out.println();
                System.out.printf(
                        "%-17s %9s %9s | %9s %9s | %9s %9s | %7s %7s | %7s %7s%n",
                        "call (ms)",
                        "ours p50",
                        "p95",
                        "auth p50",
                        "p95",
                        "bare p50",
                        "p95",
                        "÷auth50",
                        "÷auth95",
                        "÷bare50",
                        "÷bare95");
                StringBuilder result = new StringBuilder("RESULT hr_tasks=" + hrTasks + " supervisor_tasks="
                        + supervisorTasks + " calls=" + calls + " fsync=" + fsync + " synchronous_commit="
                        + synchronousCommit + " history=" + history);
                results.forEach((name, c) -> {
                    System.out.printf(
                            "%-17s %9.2f %9.2f | %9.2f %9.2f | %9.2f %9.2f | %7.2f %7.2f | %7.2f %7.2f   (%s)%n",
                            name,
                            c.ours[0],
                            c.ours[1],
                            c.auth[0],
                            c.auth[1],
                            c.bare[0],
                            c.bare[1],
                            c.ours[0] / c.auth[0],
                            c.ours[1] / c.auth[1],
                            c.ours[0] / c.bare[0],
                            c.ours[1] / c.bare[1],
                            c.answer);
                    result.append(String.format(
                            " %s=%.1f/%.1f,auth=%.1f/%.1f,bare=%.1f/%.1f",
                            name, c.ours[0], c.ours[1], c.auth[0], c.auth[1], c.bare[0], c.bare[1]));
                });
                // The filter rows against bare's ad-hoc query of the same criteria, which reads no filter.
                System.out.println();
                System.out.printf(
                        "%-17s %9s %9s | %7s %7s%n", "filter (ms)", "ad hoc50", "p95", "÷adhoc50", "÷adhoc95");
                results.forEach((name, c) -> {
                    if (!name.contains("_filter_")) return;
                    // A filter row's ad-hoc twin: tl_sup_filter_count → sup_count.
                    String adHoc = name.replaceFirst("^tl_", "").replace("_filter", "");
                    double[] bareAdHoc = results.get(adHoc).bare;
                    System.out.printf(
                            "%-17s %9.2f %9.2f | %7.2f %7.2f%n",
                            name, bareAdHoc[0], bareAdHoc[1], c.ours[0] / bareAdHoc[0], c.ours[1] / bareAdHoc[1]);
                    result.append(String.format(
                            " %s_vs_adhoc=%.2f/%.2f", name, c.ours[0] / bareAdHoc[0], c.ours[1] / bareAdHoc[1]));
                });
                result.append(" load_before=")
                        .append(loadBefore.replace(' ', '/'))
                        .append(" load_end=")
                        .append(load().replace(' ', '/'));
                System.out.println();
                System.out.println(result);
            }
        }
    }

    /**
     * Camunda's engine and REST API on the given database, as shipped: without authorization and authentication
     * (Camunda's defaults), or with authorization checks and Camunda's HTTP Basic filter; never a filter of ours.
     */
    private static ConfigurableApplicationContext bare(HikariDataSource ours, String engine, boolean authorization) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(BareCamunda.class);
        if (authorization) {
            // Camunda's own HTTP Basic filter on its REST API, as its manual describes securing it.
            builder.initializers(context -> ((GenericApplicationContext) context)
                    .registerBean("engineRestAuthentication", FilterRegistrationBean.class, () -> {
                        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
                        registration.addUrlPatterns("/engine-rest/*");
                        registration.addInitParameter(
                                ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                                HttpBasicAuthenticationProvider.class.getName());
                        registration.addInitParameter(
                                ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest");
                        return registration;
                    }));
        }
        if (authorization) {
            // Without this the authorization check's permission bits, sent as parameters, get a generic plan after
            // five calls, which joins every task with every grant (minutes for HR's 10,000 tasks); ours plans custom
            // for the same reason (database.TaskListPlanning). So this side is Camunda with authorization at its best.
            builder.properties("spring.datasource.hikari.connection-init-sql=set plan_cache_mode = force_custom_plan");
        }
        return builder.properties(
                        // Reads neither application.yaml: nothing of ours.
                        "spring.config.name=bench-bare-camunda",
                        "server.port=0",
                        "spring.datasource.url=" + ours.getJdbcUrl(),
                        "spring.datasource.username=" + ours.getUsername(),
                        "spring.datasource.password=" + ours.getPassword(),
                        "spring.datasource.hikari.maximum-pool-size=20",
                        "camunda.bpm.process-engine-name=" + engine,
                        "camunda.bpm.authorization.enabled=" + authorization,
                        "camunda.bpm.database.schema-update=false",
                        "camunda.bpm.job-execution.enabled=false",
                        "camunda.bpm.auto-deployment-enabled=false",
                        "camunda.bpm.metrics.enabled=false",
                        "camunda.bpm.webapp.enabled=false",
                        "camunda.bpm.history-level=full",
                        // Our engine's settings that shape the task query's SQL, so that only the security stack
                        // differs.
                        "camunda.bpm.generic-properties.properties.cmmn-enabled=false",
                        "camunda.bpm.generic-properties.properties.group-resource-whitelist-pattern=[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*",
                        "logging.level.org.camunda=WARN")
                .run();
    }

    /**
     * The bare application: auto-configuration only, Spring Security and Flyway out. Deliberately not a
     * {@code @Configuration}: the application's component scan covers this package on the test class path, and
     * would otherwise take these exclusions into every test context.
     */
    @EnableAutoConfiguration(
            exclude = {
                SecurityAutoConfiguration.class,
                SecurityFilterAutoConfiguration.class,
                UserDetailsServiceAutoConfiguration.class,
                FlywayAutoConfiguration.class
            })
    static class BareCamunda {}

    private static void seed(ConfigurableApplicationContext app, int hrTasks, int supervisorTasks) throws Exception {
        RepositoryService repository = app.getBean(RepositoryService.class);
        RuntimeService runtime = app.getBean(RuntimeService.class);
        repository
                .createDeployment()
                .name(HR_PROCESS)
                .addModelInstance(
                        HR_PROCESS + ".bpmn",
                        Bpmn.createExecutableProcess(HR_PROCESS)
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .userTask("Task_Hr")
                                .name("压测 HR 任务 / Bench HR task")
                                .camundaCandidateGroups("hr")
                                .endEvent()
                                .done())
                .addModelInstance(
                        SUPERVISOR_PROCESS + ".bpmn",
                        Bpmn.createExecutableProcess(SUPERVISOR_PROCESS)
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .userTask("Task_Supervisor")
                                .name("压测主管任务 / Bench supervisor task")
                                .camundaAssignee(SUPERVISOR)
                                .endEvent()
                                .done())
                .deploy();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = thread; i < hrTasks; i += 2) runtime.startProcessInstanceByKey(HR_PROCESS, "hr-" + i);
                    for (int i = thread; i < supervisorTasks; i += 2)
                        runtime.startProcessInstanceByKey(SUPERVISOR_PROCESS, "sup-" + i);
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            threads.shutdown();
        }
    }

    /** One timed call; returns what it answered (status and size) so that both sides can be compared. */
    private interface Call {
        String run() throws Exception;
    }

    private record Comparison(double[] ours, double[] auth, double[] bare, String answer) {}

    /** Warm-up, then {@code calls} rounds of ours, Camunda with authorization and bare Camunda in turn; p50/p95 in ms of each. */
    private static Comparison compare(Call ours, Call auth, Call bare) throws Exception {
        String answer = "ours " + ours.run() + ", auth " + auth.run() + ", bare " + bare.run();
        for (int i = 0; i < WARM_UP; i++) {
            ours.run();
            auth.run();
            bare.run();
        }
        double[][] ms = new double[3][calls];
        Call[] sides = {ours, auth, bare};
        for (int i = 0; i < calls; i++) {
            for (int c = 0; c < 3; c++) {
                long t0 = System.nanoTime();
                sides[c].run();
                ms[c][i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return new Comparison(percentiles(ms[0]), percentiles(ms[1]), percentiles(ms[2]), answer);
    }

    /** A filter's list and count, each ours against bareauth's and bare's call (the arrays, in that order). */
    private static void filterRows(
            Map<String, Comparison> results,
            String name,
            Call oursList,
            Call oursCount,
            Call[] listAuthAndBare,
            Call[] countAuthAndBare)
            throws Exception {
        results.put(name + "_list", compare(oursList, listAuthAndBare[0], listAuthAndBare[1]));
        results.put(name + "_count", compare(oursCount, countAuthAndBare[0], countAuthAndBare[1]));
    }

    private static double[] percentiles(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new double[] {
            sorted[(int) Math.ceil(0.50 * sorted.length) - 1], sorted[(int) Math.ceil(0.95 * sorted.length) - 1]
        };
    }

    private static Call get(String url, String authorization) {
        return () -> send(
                HTTP, withAuthorization(HttpRequest.newBuilder(URI.create(url)).GET(), authorization));
    }

    private static Call post(String url, String json, String authorization) {
        return () -> send(HTTP, withAuthorization(postJson(url, json), authorization));
    }

    private static HttpRequest.Builder postJson(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpRequest.Builder withAuthorization(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    /**
     * A browser logged in to Tasklist: its session cookie and the session's CSRF token, which modifying calls carry
     * in {@code X-XSRF-TOKEN}, as Tasklist sends them to the web apps' engine API.
     */
    private record TasklistSession(HttpClient client, String engineApi, String csrfToken) {

        static TasklistSession login(String origin, String user) throws Exception {
            HttpClient client = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            send(client, HttpRequest.newBuilder(URI.create(origin + "/camunda/app/tasklist/")));
            HttpResponse<String> login = client.send(
                    HttpRequest.newBuilder(URI.create(origin + "/camunda/api/admin/auth/user/default/login/tasklist"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-XSRF-TOKEN", csrfCookie(client))
                            .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + PASSWORD))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200)
                throw new IllegalStateException("Tasklist login of " + user + ": " + login.statusCode());
            // The login starts a new session; its token comes with the next call, as Tasklist loads its user.
            send(client, HttpRequest.newBuilder(URI.create(origin + "/camunda/api/admin/auth/user/default")));
            return new TasklistSession(client, origin + "/camunda/api/engine/engine/default", csrfCookie(client));
        }

        /** The newest token: the cookie store keeps the one of the session before the login too. */
        private static String csrfCookie(HttpClient client) {
            List<HttpCookie> cookies = ((CookieManager) client.cookieHandler().orElseThrow())
                    .getCookieStore()
                    .getCookies();
            return cookies.stream()
                    .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue)
                    .reduce((first, last) -> last)
                    .orElseThrow();
        }

        Call get(String path) {
            return () -> send(client, HttpRequest.newBuilder(URI.create(engineApi + path)));
        }

        Call post(String path, String json) {
            return () -> send(client, postJson(engineApi + path, json).header("X-XSRF-TOKEN", csrfToken));
        }
    }

    private static String send(HttpClient client, HttpRequest.Builder request) throws Exception {
        request.header("Accept", "application/json").timeout(Duration.ofMinutes(5));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        String body = response.body();
        // The answer's shape: a count, or how many tasks a list returned.
        return body.startsWith("{\"count\"")
                ? body
                : body.startsWith("[") ? (body.split("\"id\":").length - 1) + " tasks" : body.length() + " chars";
    }

    private static Call java(IdentityService identity, String user, List<String> groups, Supplier<Object> query) {
        return () -> {
            if (user != null) identity.setAuthentication(user, groups);
            try {
                return String.valueOf(query.get());
            } finally {
                identity.clearAuthentication();
            }
        };
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
