package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two nodes building their process engine at the same moment on one empty database: Camunda's
 * schema creation races unless it runs under the start-up lock, as every node's start does.
 */
class DatabaseStartupLockTest {

    @Test
    void twoEnginesCreatingTheSchemaAtOnceBothComeUp() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(null, false)) {
            try (Connection admin =
                            DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, server.password());
                    Statement statement = admin.createStatement()) {
                statement.execute("create database race");
            }
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + server.port() + "/race");
            dataSource.setUser(EmbeddedServer.USER);
            dataSource.setPassword(server.password());

            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            List<Future<String>> started = new ArrayList<>();
            try {
                for (String node : List.of("node-a", "node-b")) {
                    started.add(nodes.submit(() -> {
                        DatabaseStartupLock lock = new DatabaseStartupLock();
                        together.await();
                        lock.acquire(dataSource);
                        ProcessEngine engine;
                        try {
                            engine = new StandaloneProcessEngineConfiguration()
                                    .setProcessEngineName(node)
                                    .setDataSource(dataSource)
                                    .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                                    .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                                    .setJobExecutorActivate(false)
                                    .buildProcessEngine();
                        } finally {
                            lock.release();
                        }
                        engine.close();
                        return node;
                    }));
                }
                for (Future<String> node : started) {
                    assertThat(node.get(120, TimeUnit.SECONDS)).startsWith("node-");
                }
            } finally {
                nodes.shutdownNow();
            }
            try (Connection race = dataSource.getConnection();
                    Statement statement = race.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "select count(*) from act_ge_property where name_ = 'schema.version'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
