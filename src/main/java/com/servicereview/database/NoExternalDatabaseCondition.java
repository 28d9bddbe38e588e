package com.servicereview.database;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when no external database is configured. {@code Environment.containsProperty} also sees
 * the relaxed environment variable {@code SPRING_DATASOURCE_URL}.
 */
class NoExternalDatabaseCondition extends SpringBootCondition {

    static final String URL_PROPERTY = "spring.datasource.url";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (context.getEnvironment().containsProperty(URL_PROPERTY)) {
            return ConditionOutcome.noMatch(URL_PROPERTY + " is set: using the external database");
        }
        return ConditionOutcome.match(URL_PROPERTY + " is not set: starting an embedded PostgreSQL");
    }
}
