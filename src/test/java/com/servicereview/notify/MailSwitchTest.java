package com.servicereview.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

/** Notifications are off, with nothing queued or scheduled, until spring.mail.host is configured. */
class MailSwitchTest {

    // Without this JVM's system properties, where TestSmtpServer has set spring.mail.host.
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(app -> app.getEnvironment()
                    .getPropertySources()
                    .remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME))
            .withUserConfiguration(NotificationsConfiguration.class, Mails.class);

    @Test
    void offWithoutAMailHost() {
        context.run(
                app -> assertThat(app).doesNotHaveBean(Mails.class).doesNotHaveBean(NotificationsConfiguration.class));
    }

    @Test
    void onWithOne() {
        context.withPropertyValues("spring.mail.host=smtp.example.com")
                .run(app -> assertThat(app).hasSingleBean(Mails.class).hasSingleBean(NotificationProperties.class));
    }
}
