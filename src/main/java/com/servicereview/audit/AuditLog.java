package com.servicereview.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Append-only record of who did what, kept in {@code review.audit_event}; each row is also published as {@link AuditRecorded}. */
@Repository
public class AuditLog {

    /** One row of {@link #recordAll}. */
    public record Entry(String action, String subject, Map<String, ?> detail) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    public AuditLog(JdbcClient jdbc, JdbcTemplate batch, ObjectMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.events = events;
    }

    public void record(String actor, String action, String subject, Map<String, ?> detail) {
        jdbc.sql("""
                insert into review.audit_event (actor, action, subject, detail)
                values (:actor, :action, :subject, cast(:detail as jsonb))
                """)
                .param("actor", actor)
                .param("action", action)
                .param("subject", subject)
                .param("detail", toJson(detail))
                .update();
        events.publishEvent(new AuditRecorded(actor, action, subject, detail));
    }

    /** Many rows by one actor at once (an organisation import writes one per changed person), in one batch. */
    public void recordAll(String actor, List<Entry> entries) {
        batch.batchUpdate(
                "insert into review.audit_event (actor, action, subject, detail) values (?, ?, ?, cast(? as jsonb))",
                entries.stream()
                        .map(e -> new Object[] {actor, e.action(), e.subject(), toJson(e.detail())})
                        .toList());
        entries.forEach(e -> events.publishEvent(new AuditRecorded(actor, e.action(), e.subject(), e.detail())));
    }

    private String toJson(Map<String, ?> detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit detail is not serialisable to JSON", e);
        }
    }
}
