package com.servicereview.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded PostgreSQL that runs when no external database is configured.
 *
 * @param dataDir where PostgreSQL keeps its files between runs; empty for a temporary directory
 *                that is deleted when the application stops (tests)
 */
@ConfigurationProperties("service-review.embedded-db")
public record EmbeddedDatabaseProperties(String dataDir) {
}
