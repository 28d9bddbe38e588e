package com.servicereview.deadline;

import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Due dates and timer dates of the user tasks, from {@code service-review.deadlines} (per task, falling back to
 * {@code default}). {@link DeadlineListeners} puts them on every user task as {@code ${deadlines.…}} expressions.
 */
@Component("deadlines")
public class Deadlines {

    private final Map<String, Deadline> deadlines;

    public Deadlines(Properties properties) {
        this.deadlines = properties.deadlines();
        if (!deadlines.containsKey("default"))
            throw new IllegalStateException("service-review.deadlines.default is required");
        // A typo in the configuration fails the start, not the first task that uses it.
        ZonedDateTime now = ZonedDateTime.now();
        deadlines.values().forEach(d -> {
            plus(now, d.remind());
            plus(now, d.due());
        });
    }

    /** @param remind ISO-8601 duration until the reminder; @param due until the task is due and escalates */
    public record Deadline(String remind, String due) {}

    @ConfigurationProperties("service-review")
    public record Properties(Map<String, Deadline> deadlines) {}

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(Properties.class)
    static class Config {}

    /** When the task's reminder goes out, counted from now. */
    public Date remind(String task) {
        return after(of(task).remind());
    }

    /** When the task is due (shown in Tasklist) and escalates, counted from now. */
    public Date due(String task) {
        return after(of(task).due());
    }

    /** Now plus an ISO-8601 duration, for timers in the diagrams ({@code ${deadlines.after(appealWindow)}}). */
    public Date after(String iso) {
        return Date.from(plus(ZonedDateTime.now(), iso).toInstant());
    }

    /**
     * A time plus an ISO-8601 duration with calendar parts: P1M is a calendar month, P2W two weeks, P1DT12H a day and
     * a half, counted in the time's zone as the engine counts its own timers. The one parser of every deadline.
     */
    public static ZonedDateTime plus(ZonedDateTime from, String iso) {
        int t = iso.indexOf('T');
        Period date = t < 0 ? Period.parse(iso) : t == 1 ? Period.ZERO : Period.parse(iso.substring(0, t));
        Duration time = t < 0 ? Duration.ZERO : Duration.parse("P" + iso.substring(t));
        return from.plus(date).plus(time);
    }

    private Deadline of(String task) {
        return deadlines.getOrDefault(task, deadlines.get("default"));
    }
}
