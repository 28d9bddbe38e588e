package com.servicereview.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL that runs when no external database is configured.
 *
 * @param dataDir where PostgreSQL keeps its files between runs; empty for a temporary directory
 *                that is deleted when the application stops (tests)
 * @param durable fsync and synchronous_commit on (the default); {@code false} is for benchmarks only:
 *                faster, but a crash may lose work that was already acknowledged
 */
@ConfigurationProperties("service-review.embedded-db")
public record EmbeddedDatabaseProperties(
        String dataDir, @DefaultValue("true") boolean durable) {}
