package com.servicereview.notify;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code service-review.notifications.*}. The send interval and the digest's cron are read by the
 * {@code @Scheduled} jobs themselves.
 *
 * @param baseUrl         where people reach the application; links in mails start with it
 * @param from            the sender address of every mail
 * @param zone            the time zone of due dates in mails and of the digest's cron
 * @param batchSize       how many mails one run of the sender takes at most
 * @param retryBackoff    the wait after a first failed attempt; it doubles with each further one
 * @param maxRetryBackoff the longest wait between two attempts
 * @param maxAttempts     attempts before a mail is given up (status FAILED, logged as an error)
 */
@ConfigurationProperties("service-review.notifications")
record NotificationProperties(
        String baseUrl,
        String from,
        ZoneId zone,
        int batchSize,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        int maxAttempts) {

    NotificationProperties {
        if (baseUrl == null || baseUrl.isBlank()) baseUrl = "http://localhost:8080";
        baseUrl = baseUrl.replaceAll("/+$", "");
        if (from == null || from.isBlank()) from = "service-review@localhost";
        if (zone == null) zone = ZoneId.systemDefault();
        if (batchSize <= 0) batchSize = 50;
        if (retryBackoff == null) retryBackoff = Duration.ofMinutes(1);
        if (maxRetryBackoff == null) maxRetryBackoff = Duration.ofHours(1);
        if (maxAttempts <= 0) maxAttempts = 10;
    }

    /** A task in Tasklist. */
    String taskLink(String taskId) {
        return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    /** A review as {@code GET /api/reviews/{id}} shows it. */
    String reviewLink(String reviewId) {
        return baseUrl + "/api/reviews/" + reviewId;
    }

    /** 1 min, 2 min, 4 min … up to the maximum. */
    Duration backoff(int failedAttempts) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
        return wait.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : wait;
    }
}
