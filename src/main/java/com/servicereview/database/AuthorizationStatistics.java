package com.servicereview.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Planner statistics on Camunda's {@code ACT_RU_AUTHORIZATION}, so that task lists stay fast with authorization
 * checks on (README "Benchmarks", TaskListBenchmark). Every task query of a user joins the authorizations that
 * grant READ on the task or READ_TASK on its process definition, tested as {@code (PERMS_ & 2) = 2} and
 * {@code (PERMS_ & 64) = 64}. PostgreSQL guesses 0.5 % for such an expression; with one grant per candidate group
 * and task (10,000 HR tasks: 10,000 rows, nearly all matching) it expected 41 rows instead of 9,086, joined every
 * task with every grant (82 million comparisons) and took 114 s for HR's task count. With statistics on the two
 * expressions it knows the real share and joins through the resource-id index. Camunda sends the permission bits
 * as parameters: only a plan made with their values can use these statistics, hence {@link TaskListPlanning}.
 *
 * <p>Not a Flyway migration: Flyway runs before Camunda creates its tables on an empty database. It runs at every
 * start, under the start-up lock ({@link DatabaseStartupLock}, so one node at a time), and changes nothing once the
 * statistics exist; {@code CREATE STATISTICS} takes a lock that blocks neither reads nor writes. Needs PostgreSQL 14
 * (expression statistics), our oldest supported version. Autovacuum's analyze keeps them current; the first
 * analyze runs here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuthorizationStatistics implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationStatistics.class);

    /** Name → expression; the expressions exactly as Camunda's Authorization.xml writes its permission checks. */
    static final String[][] STATISTICS = {
        {"sr_act_ru_auth_perms_read", "(perms_ & 2)"}, {"sr_act_ru_auth_perms_read_task", "(perms_ & 64)"}
    };

    private final JdbcClient jdbc;

    AuthorizationStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        int created = 0;
        for (String[] statistics : STATISTICS) {
            boolean exists = jdbc.sql(
                                    "select count(*) from pg_statistic_ext where stxnamespace = 'public'::regnamespace and stxname = ?")
                            .param(statistics[0])
                            .query(Long.class)
                            .single()
                    > 0;
            if (!exists) {
                jdbc.sql("create statistics if not exists public." + statistics[0] + " on " + statistics[1]
                                + " from public.act_ru_authorization")
                        .update();
                created++;
            }
        }
        if (created > 0) {
            jdbc.sql("analyze public.act_ru_authorization").update();
            log.info(
                    "Created {} planner statistics on act_ru_authorization (task lists with authorization checks)",
                    created);
        }
    }
}
