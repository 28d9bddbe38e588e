package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DatabaseTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    EmbeddedServer server;

    @Autowired
    ProcessEngine engine;

    @Test
    void runsOnTheEmbeddedPostgres() {
        assertThat(context.getBeansOfType(EmbeddedServer.class)).hasSize(1);
        assertThat(jdbc.sql("select current_setting('server_version_num')::int")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(170000);
        // spring.datasource.hikari.* applies to the embedded database's pool too.
        assertThat(dataSource)
                .isInstanceOfSatisfying(
                        HikariDataSource.class,
                        hikari -> assertThat(hikari.getMaximumPoolSize()).isEqualTo(20));
    }

    @Test
    void theEmbeddedServerIsDurable() {
        assertThat(setting("fsync")).isEqualTo("on");
        assertThat(setting("synchronous_commit")).isEqualTo("on");
        assertThat(setting("full_page_writes")).isEqualTo("on");
    }

    @Test
    void theEmbeddedServerWantsItsPasswordAndListensOnLoopbackOnly() throws Exception {
        assertThat(setting("listen_addresses")).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, null)
                        .close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, "wrong")
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, server.password())
                .close();
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(server.dataDir().resolve(EmbeddedServer.PASSWORD_FILE))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(server.dataDir().resolve("pg_hba.conf"))).doesNotContain("trust");
    }

    @Test
    void theStartUpLockIsReleasedOnceTheApplicationIsReady() {
        // A bigint advisory key shows as classid (high 32 bits) and objid (low 32 bits); imports take other keys.
        assertThat(jdbc.sql(
                                "select count(*) from pg_locks where locktype = 'advisory' and classid = ?::oid and objid = ?::oid and objsubid = 1")
                        .params(DatabaseStartupLock.KEY >>> 32, DatabaseStartupLock.KEY & 0xFFFF_FFFFL)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void jobsOfADeadNodeAreFreeAgainWithinAMinute() {
        JobExecutor executor =
                ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        assertThat(executor.getLockTimeInMillis()).isEqualTo(30_000);
        assertThat(executor.getMaxWait()).isEqualTo(10_000);
        // Never more locked at once than a node finishes within the lock time.
        assertThat(executor.getMaxJobsPerAcquisition()).isEqualTo(3);
    }

    @Test
    void flywayCreatedOurTablesInSchemaReview() {
        assertThat(tablesIn("review"))
                .contains("org_unit", "employee", "audit_event", "scheme_version", "flyway_schema_history");
        assertThat(tablesIn("public")).contains("act_ru_task", "act_id_user").doesNotContain("employee");
        assertThat(tablesIn("review")).noneMatch(table -> table.startsWith("act_"));
    }

    private String setting(String name) {
        return jdbc.sql("select current_setting(?)")
                .param(name)
                .query(String.class)
                .single();
    }

    private List<String> tablesIn(String schema) {
        return jdbc.sql("select table_name from information_schema.tables where table_schema = ?")
                .param(schema)
                .query(String.class)
                .list();
    }
}
