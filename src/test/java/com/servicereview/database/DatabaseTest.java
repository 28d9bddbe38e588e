package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import javax.sql.DataSource;
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

    @Test
    void runsOnTheEmbeddedPostgres() {
        assertThat(context.getBeansOfType(EmbeddedPostgres.class)).hasSize(1);
        assertThat(jdbc.sql("select current_setting('server_version_num')::int").query(Integer.class).single())
                .isGreaterThanOrEqualTo(170000);
        // spring.datasource.hikari.* applies to the embedded database's pool too.
        assertThat(dataSource).isInstanceOfSatisfying(HikariDataSource.class,
                hikari -> assertThat(hikari.getMaximumPoolSize()).isEqualTo(20));
    }

    @Test
    void flywayCreatedOurTablesInSchemaReview() {
        assertThat(tablesIn("review")).contains(
                "org_unit", "employee", "audit_event", "scheme_version", "flyway_schema_history");
        assertThat(tablesIn("public")).contains("act_ru_task", "act_id_user").doesNotContain("employee");
        assertThat(tablesIn("review")).noneMatch(table -> table.startsWith("act_"));
    }

    private List<String> tablesIn(String schema) {
        return jdbc.sql("select table_name from information_schema.tables where table_schema = ?")
                .param(schema)
                .query(String.class)
                .list();
    }
}
