package com.servicereview.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Planner statistics for Camunda's {@code ACT_RU_AUTHORIZATION} while a cycle's launch doubles it: every review
 * adds two grants, and before each, Camunda looks up the assignee's grant on the new task by key. A pooled
 * connection keeps the generic plan it made for that prepared statement while the table was small (a sequential
 * scan, then the cheapest way) until the table's statistics change, and autovacuum analyzes once a minute at
 * best (its nap time). On a young database the lookups then read the whole table each time: 3,700 scans of 6.9
 * million rows in a 2,000-person launch (CycleLaunchBenchmark with {@code -Dbench.countSql=true}), growing with the
 * square of the launch.
 *
 * <p>Every few seconds this analyzes the table when its changes since the last analysis reach its row count (and a
 * floor): once per doubling, so a dozen short analyses for a launch of 10,000 and none in a steady state.
 * {@code ANALYZE} drops the cached plans that read the table on every connection, and the next run plans with its
 * size. Only this table: the same rule on every table of the launch analyzed the large history tables as well and
 * cost 12 % of the database's time (2.2 s of 18.5 s) for plans nobody makes. Its own short transaction, and
 * {@code SKIP_LOCKED} skips a table another session is analyzing; several nodes may do it at once, the second
 * finds nothing left to do. Where the table belongs to a role the application's user is not a member of (an
 * external database set up so), it is left to autovacuum.
 */
@Configuration
@EnableScheduling
class GrantStatistics {

    private static final Logger log = LoggerFactory.getLogger(GrantStatistics.class);

    static final String TABLE = "public.act_ru_authorization";

    private final JdbcClient jdbc;
    private final long minimumChanges;

    GrantStatistics(JdbcClient jdbc, @Value("${service-review.database.analyze-after-changes}") long minimumChanges) {
        this.jdbc = jdbc;
        this.minimumChanges = minimumChanges;
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
