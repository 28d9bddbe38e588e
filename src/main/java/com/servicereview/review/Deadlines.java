package com.servicereview.review;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Date;
import java.util.Map;

/**
 * Due dates and timer durations of the review's user tasks, from {@code service-review.deadlines}
 * (per task, falling back to {@code default}). Used in BPMN expressions as {@code ${deadlines.…}}.
 */
@Component("deadlines")
public class Deadlines {

    private final Map<String, Deadline> deadlines;

    public Deadlines(Properties properties) {
        this.deadlines = properties.deadlines();
        if (!deadlines.containsKey("default")) throw new IllegalStateException("service-review.deadlines.default is required");
    }

    /** @param remind ISO-8601 duration until the reminder; @param due until the task is due and escalates */
    public record Deadline(String remind, String due) {
    }

    @ConfigurationProperties("service-review")
    public record Properties(Map<String, Deadline> deadlines) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(Properties.class)
    static class Config {
    }

    /** ISO-8601 duration of the non-interrupting reminder timer. */
    public String remind(String task) {
        return of(task).remind();
    }

    /** ISO-8601 duration of the interrupting escalation timer: the task's due time. */
    public String escalate(String task) {
        return of(task).due();
    }

    /** The task's due date, shown in Tasklist. */
    public Date due(String task) {
        return Date.from(Instant.now().plus(parse(of(task).due())));
    }

    private Deadline of(String task) {
        return deadlines.getOrDefault(task, deadlines.get("default"));
    }

    private static Duration parse(String iso) {
        return iso.contains("T") ? Duration.parse(iso) : Duration.ofDays(Period.parse(iso).getDays());
    }
}
