package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Test
    void engineQueriesPlanWithTheirParametersAndOtherWorkKeepsCachedPlans() {
        // A generic plan of a prepared statement cannot match PERMS_ & ? = ? with the statistics.
        // And priced for data in memory: a supervisor's 2,000 tasks are then matched to their grants by index.
        String inQuery = transactions.execute(status -> {
            taskService.createTaskQuery().taskCandidateGroup("hr").count();
            return planSettings();
        });
        assertThat(inQuery).isEqualTo("force_custom_plan 1.1");
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
}
