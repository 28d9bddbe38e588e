package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** An external database URL switches the embedded PostgreSQL off (checked without starting it). */
class NoExternalDatabaseConditionTest {

    @Test
    void externalUrlDisablesTheEmbeddedDatabase() {
        new ApplicationContextRunner()
                .withUserConfiguration(EmbeddedDatabaseConfiguration.class)
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example:5432/review")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedServer.class));
    }
}
