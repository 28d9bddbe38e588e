package com.servicereview.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Nodes that share one database start one at a time. As soon as the data source exists, before
 * Camunda creates or upgrades its schema, Flyway migrates ours and the demo loaders run, this takes a
 * PostgreSQL advisory lock on a connection of its own and keeps it until the application is ready
 * (or its start fails). Without it, two nodes starting together on an empty database race in
 * Camunda's schema creation ("relation act_ge_property already exists"). The lock is a session lock:
 * a node that dies while holding it releases it with its connection.
 */
@Component
class DatabaseStartupLock implements BeanPostProcessor, ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseStartupLock.class);
    /** pg_advisory_lock key of the start-up work; any other advisory lock of ours must use another. */
    static final long KEY = 0x5352_5354_4152_5431L; // "SRSTART1"

    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(250);

    private Connection holder;
    private DataSource holderSource;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
            acquire(dataSource);
        }
        return bean;
    }

    /** Waits (polling, with a deadline) until no other node is starting on this database. */
    synchronized void acquire(DataSource dataSource) {
        if (holder != null) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + WAIT.toNanos();
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(true);
                boolean waiting = false;
                while (!tryLock(connection)) {
                    if (!waiting) {
                        log.info(
                                "Another node is starting on this database; waiting for it to finish (advisory lock {})",
                                KEY);
                        waiting = true;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "Gave up after " + WAIT.toMinutes() + " min waiting for another node"
                                        + " to finish starting (it holds pg_advisory_lock(" + KEY + "); see pg_locks)");
                    }
                    Thread.sleep(POLL.toMillis());
                }
                if (waiting) {
                    log.info("Start-up lock taken after {} ms", (System.nanoTime() - started) / 1_000_000);
                }
                holder = connection;
                holderSource = dataSource;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the start-up lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the start-up lock", e);
        }
    }

    synchronized void release() {
        if (holder == null) {
            return;
        }
        try (Statement statement = holder.createStatement()) {
            statement.execute("select pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException e) {
            // A pooled connection that may still hold the lock must not be handed out again: drop it,
            // which ends its session and so the lock.
            log.warn("Could not release the start-up lock cleanly: {}", e.getMessage());
            if (holderSource instanceof HikariDataSource hikari) {
                hikari.evictConnection(holder);
            }
        } finally {
            close(holder);
            holder = null;
            holderSource = null;
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Could not close the start-up lock's connection: {}", e.getMessage());
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        release();
    }

    @Override
    public void destroy() {
        release();
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
