package com.servicereview.notify;

/**
 * One mail to one person, as queued in {@code review.notification}. The greeting is added when it is
 * sent, from the recipient's name at that time.
 *
 * @param taskId the task it is about, or null; a task's notification of one kind reaches a person once
 */
record Notification(
        String recipient, Kind kind, String taskId, String subject, String bodyZh, String bodyEn, String link) {}
