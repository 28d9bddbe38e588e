package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The planner knows how many authorizations grant READ: without the statistics of {@link AuthorizationStatistics}
 * it guesses 0.5 % of the table, and task lists with authorization checks join every task with every grant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationStatisticsTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaskService taskService;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuthorizationStatistics statistics;

    @Autowired
    IdentityService identityService;

    @Test
    void engineQueriesPlanWithTheirParametersAndOtherWorkKeepsCachedPlans() {
        // A generic plan of a prepared statement cannot match PERMS_ & ? = ? with the statistics.
        // And priced for data in memory: a supervisor's 2,000 tasks are then matched to their grants by index.
        // A user's query whose criteria do not confine it to their own tasks keeps the check that joins the grants.
        identityService.setAuthentication("zhaomin", List.of("employees", "hr"));
        String inQuery;
        try {
            inQuery = transactions.execute(status -> {
                taskService.createTaskQuery().count();
                return planSettings();
            });
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(inQuery).isEqualTo("force_custom_plan 1.1");
        // Without a user no check joins the grants: the engine's own queries keep their cached plans.
        String withoutUser = transactions.execute(status -> {
            taskService.createTaskQuery().taskCandidateGroup("hr").count();
            return planSettings();
        });
        assertThat(withoutUser).isEqualTo("auto 4");
        // Set locally: the pooled connection comes back with PostgreSQL's defaults, which the launch relies on.
        String afterwards = transactions.execute(status -> planSettings());
        assertThat(afterwards).isEqualTo("auto 4");
        assertThat(planSettings()).isEqualTo("auto 4");
    }

    private String planSettings() {
        return jdbc.sql("select current_setting('plan_cache_mode') || ' ' || current_setting('random_page_cost')")
                .query(String.class)
                .single();
    }

    @Test
    void bothPermissionExpressionsHaveStatisticsAndThePlannerUsesThem() throws Exception {
        assertThat(jdbc.sql(
                                "select stxname from pg_statistic_ext where stxrelid = 'public.act_ru_authorization'::regclass")
                        .query(String.class)
                        .list())
                .contains("sr_act_ru_auth_perms_read", "sr_act_ru_auth_perms_read_task");

        jdbc.sql("analyze public.act_ru_authorization").update();
        long actual = jdbc.sql("select count(*) from act_ru_authorization where (perms_ & 2) = 2")
                .query(Long.class)
                .single();
        String plan = jdbc.sql("explain (format json) select * from act_ru_authorization where (perms_ & 2) = 2")
                .query(String.class)
                .single();
        double estimated = new ObjectMapper()
                .readTree(plan)
                .get(0)
                .path("Plan")
                .path("Plan Rows")
                .asDouble();
        // Most grants include READ; the default guess would be a handful of rows.
        assertThat(actual).isGreaterThan(20);
        assertThat(estimated).isBetween(actual * 0.5, actual * 2.0);
    }

    @Test
    void grantsAreAnalyzedOnceTheyHaveDoubled() throws Exception {
        jdbc.sql("analyze " + AuthorizationStatistics.TABLE).update();
        long analyzed = manualAnalyses();
        long rows = jdbc.sql("select count(*) from act_ru_authorization")
                .query(Long.class)
                .single();
        // As a launch grants each new task to its assignee: more new grants than the table held, and than the floor.
        long added = Math.max(rows, 1000) + 100;
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into act_ru_authorization (id_, type_, user_id_, resource_type_, resource_id_, perms_, rev_)
                            select 'grant-stats-' || n, 1, 'grant-stats-user', 7, 'grant-stats-task-' || n, 2, 1
                            from generate_series(1, ?) n""").param(added).update();
            jdbc.sql("select pg_stat_force_next_flush()").query().singleRow();
        });
        try {
            // The scheduled check (every 5 s here as in production) analyzes it; autovacuum's analyses count apart.
            long deadline = System.currentTimeMillis() + 30_000;
            while (manualAnalyses() == analyzed && System.currentTimeMillis() < deadline) Thread.sleep(250);
            assertThat(manualAnalyses()).isGreaterThan(analyzed);
            assertThat(statistics.hasDoubled()).isFalse();
        } finally {
            jdbc.sql("delete from act_ru_authorization where id_ like 'grant-stats-%'")
                    .update();
        }
    }

    private long manualAnalyses() {
        jdbc.sql("select pg_stat_clear_snapshot()").query().singleRow();
        return jdbc.sql("select analyze_count from pg_stat_user_tables where relid = to_regclass(?)")
                .param(AuthorizationStatistics.TABLE)
                .query(Long.class)
                .single();
    }
}
