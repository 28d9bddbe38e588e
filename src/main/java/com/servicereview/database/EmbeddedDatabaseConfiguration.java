package com.servicereview.database;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL (zonky embedded binaries, see {@link EmbeddedServer}) when no external
 * database is configured, so the application runs with nothing installed. With
 * {@code SPRING_DATASOURCE_URL} (plus {@code _USERNAME}/{@code _PASSWORD}) set, this configuration
 * steps aside and Spring Boot's normal data source is used.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabaseCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    /**
     * Spring owns the server's life cycle: it closes the server after everything that uses the data
     * source has shut down. zonky's own shutdown hook is off because it would race with Spring's
     * (stopping the server from a test's {@code @AfterAll} hangs shutdown). A JVM that dies without
     * closing it leaves the server running; the next start stops it.
     */
    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Path dataDir = StringUtils.hasText(properties.dataDir()) ? Path.of(properties.dataDir()) : null;
        return EmbeddedServer.start(dataDir, properties.durable());
    }

    /** Bound to {@code spring.datasource.hikari.*} like Spring Boot's own pool (e.g. maximum-pool-size). */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(EmbeddedServer.USER);
        dataSource.setPassword(server.password());
        return dataSource;
    }
}
