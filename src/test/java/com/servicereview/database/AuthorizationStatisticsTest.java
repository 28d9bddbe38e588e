package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The planner knows how many authorizations grant READ: without the statistics of {@link AuthorizationStatistics}
 * it guesses 0.5 % of the table, and task lists with authorization checks join every task with every grant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationStatisticsTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyConnectionPlansWithItsParameters() {
        // A generic plan of a prepared statement cannot match PERMS_ & ? = ? with the statistics.
        assertThat(jdbc.sql("select current_setting('plan_cache_mode')")
                        .query(String.class)
                        .single())
                .isEqualTo("force_custom_plan");
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
