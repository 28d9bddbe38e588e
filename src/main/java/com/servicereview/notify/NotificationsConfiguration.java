package com.servicereview.notify;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The sender and the daily digest are scheduled jobs; they run only while mail is configured. */
@Configuration
@WhenMailConfigured
@EnableScheduling
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationsConfiguration {}
