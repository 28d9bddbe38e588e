package com.servicereview.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code service-review.metrics.*}: how often a running import reports progress, how many errors
 * an import returns at most, and how many imports run at the same time.
 */
@ConfigurationProperties("service-review.metrics")
record MetricsProperties(long progressEvery, int maxErrors, int importThreads) {

    MetricsProperties {
        if (progressEvery <= 0) progressEvery = 50_000;
        if (maxErrors <= 0) maxErrors = 1_000;
        if (importThreads <= 0) importThreads = 2;
    }
}
