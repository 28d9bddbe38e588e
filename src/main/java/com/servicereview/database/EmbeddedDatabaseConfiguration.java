package com.servicereview.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL (zonky embedded binaries) when no external database is configured, so
 * the application runs with nothing installed. With {@code SPRING_DATASOURCE_URL} (plus
 * {@code _USERNAME}/{@code _PASSWORD}) set, this configuration steps aside and Spring Boot's normal
 * data source is used.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabaseCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    /**
     * Spring owns the server's life cycle: it closes the server after everything that uses the data
     * source has shut down. zonky's own shutdown hook is off because it would race with Spring's
     * (stopping the server from a test's {@code @AfterAll} hangs shutdown).
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
        if (StringUtils.hasText(properties.dataDir())) {
            Path dataDir = Path.of(properties.dataDir()).toAbsolutePath().normalize();
            // Keep the files: the data survives restarts.
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            log.info("Starting embedded PostgreSQL with data directory {}", dataDir);
        } else {
            log.info("Starting embedded PostgreSQL in a temporary directory (deleted on shutdown)");
        }
        return builder.start();
    }

    /** Bound to {@code spring.datasource.hikari.*} like Spring Boot's own pool (e.g. maximum-pool-size). */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl(USER, DATABASE));
        dataSource.setUsername(USER);
        return dataSource;
    }
}
