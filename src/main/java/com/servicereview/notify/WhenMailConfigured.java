package com.servicereview.notify;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Notifications are on exactly when Spring Boot configures a mail sender: {@code spring.mail.host} is set.
 * Without it nothing is queued, so no outbox grows that nobody sends.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
@interface WhenMailConfigured {}
