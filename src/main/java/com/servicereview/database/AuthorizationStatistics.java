package com.servicereview.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Planner statistics on Camunda's {@code ACT_RU_AUTHORIZATION}, so that task lists stay fast with authorization
 * checks on (README "Benchmarks", TaskListBenchmark) and a cycle's launch does not scan the grants it adds.
 *
 * <p><b>On the permission bits.</b> Every task query of a user joins the authorizations that grant READ on the
 * task or READ_TASK on its process definition, tested as {@code (PERMS_ & 2) = 2} and {@code (PERMS_ & 64) = 64}.
 * PostgreSQL guesses 0.5 % for such an expression; with one grant per candidate group and task (10,000 HR tasks:
 * 10,000 rows, nearly all matching) it expected 41 rows instead of 9,086, joined every task with every grant
 * (82 million comparisons) and took 114 s for HR's task count. With statistics on the two expressions it knows the
 * real share and joins through the resource-id index. Camunda sends the permission bits as parameters: only a plan
 * made with their values can use these statistics, hence {@link TaskListPlanning}. Not a Flyway migration: Flyway
 * runs before Camunda creates its tables on an empty database. They are created at start, under the start-up lock
 * ({@link DatabaseStartupLock}, so one node at a time), and nothing changes once they exist; {@code CREATE
 * STATISTICS} takes a lock that blocks neither reads nor writes. Needs PostgreSQL 14 (expression statistics), our
 * oldest supported version.
 *
 * <p><b>While a launch doubles the table.</b> Every review adds two grants, and before each, Camunda looks up the
 * assignee's grant on the new task by key. A pooled connection keeps the generic plan it made for that prepared
 * statement while the table was small (a sequential scan, then the cheapest way) until the table's statistics
 * change, and autovacuum analyzes once a minute at best (its nap time). On a young database the lookups then read
 * the whole table each time: 3,700 scans of 6.9 million rows in a 2,000-person launch (CycleLaunchBenchmark with
 * {@code -Dbench.countSql=true}), growing with the square of the launch. Every few seconds the table is therefore
 * analyzed when its changes since the last analysis reach its row count (and a floor): once per doubling, so a dozen
 * short analyses for a launch of 10,000 and none in a steady state. {@code ANALYZE} drops the cached plans that read
 * the table on every connection, and the next run plans with its size. Only this table: the same rule on every table
 * of the launch analyzed the large history tables as well and cost 12 % of the database's time (2.2 s of 18.5 s)
 * for plans nobody makes. Its own short transaction, and {@code SKIP_LOCKED} skips a table another session is
 * analyzing; several nodes may do it at once, the second finds nothing left to do. Where the table belongs to a role
 * the application's user is not a member of (an external database set up so), it is left to autovacuum.
 */
@Configuration
@Order(Ordered.HIGHEST_PRECEDENCE)
@EnableScheduling
class AuthorizationStatistics implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationStatistics.class);

    static final String TABLE = "public.act_ru_authorization";

    /** Name → expression; the expressions exactly as Camunda's Authorization.xml writes its permission checks. */
    static final String[][] STATISTICS = {
        {"sr_act_ru_auth_perms_read", "(perms_ & 2)"}, {"sr_act_ru_auth_perms_read_task", "(perms_ & 64)"}
    };

    private final JdbcClient jdbc;
    private final long minimumChanges;

    AuthorizationStatistics(
            JdbcClient jdbc, @Value("${service-review.database.analyze-after-changes}") long minimumChanges) {
        this.jdbc = jdbc;
        this.minimumChanges = minimumChanges;
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
                jdbc.sql("create statistics if not exists public." + statistics[0] + " on " + statistics[1] + " from "
                                + TABLE)
                        .update();
                created++;
            }
        }
        if (created > 0) {
            jdbc.sql("analyze " + TABLE).update();
            log.info(
                    "Created {} planner statistics on act_ru_authorization (task lists with authorization checks)",
                    created);
        }
    }

    @Scheduled(
            initialDelayString = "${service-review.database.analyze-check-interval}",
            fixedDelayString = "${service-review.database.analyze-check-interval}")
    void analyzeWhenDoubled() {
        try {
            if (hasDoubled()) {
                jdbc.sql("analyze (skip_locked) " + TABLE).update();
                log.debug("Analyzed {}: it has doubled since its last analysis", TABLE);
            }
        } catch (DataAccessException e) {
            // The database is away or refused: the next round decides again.
            log.debug("Could not check or analyze {}: {}", TABLE, e.getMessage());
        }
    }

    /** Whether the table has changed as many rows as it holds since its last analysis, and is ours to analyze. */
    boolean hasDoubled() {
        return jdbc.sql("""
                        select count(*) from pg_stat_user_tables s join pg_class c on c.oid = s.relid
                        where s.relid = to_regclass(:table)
                          and s.n_mod_since_analyze >= greatest(:minimum, c.reltuples)
                          and pg_has_role(c.relowner, 'MEMBER')""")
                        .param("table", TABLE)
                        .param("minimum", minimumChanges)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
