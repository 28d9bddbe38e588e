package com.servicereview.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code review.notification}: mails are queued in the transaction of the event that causes them (a task
 * created, a reminder, an archive), so they exist exactly when that transaction commits, and nothing is lost
 * when a node dies before sending. {@link NotificationSender} sends them later.
 */
@Repository
@WhenMailConfigured
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** Advisory-lock key of the digest run, so that only one node composes the digests (0x6e6f74696679 = "notify"). */
    private static final long DIGEST_LOCK = 0x6e6f74696679L;

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;

    Outbox(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Runs {@code work} in a savepoint of the caller's transaction. A failure is undone and logged, and the
     * caller's step (a task, a reminder, an archive) goes on as if there were no notifications.
     */
    void guarded(String what, Runnable work) {
        try {
            savepoint.executeWithoutResult(status -> work.run());
        } catch (RuntimeException e) {
            log.warn("No notification queued for {}: {}", what, e.toString(), e);
        }
    }

    void add(Notification n) {
        // A task's create and assignment events ask for the same mail; the later one has the final task name.
        jdbc.sql("""
                insert into review.notification (recipient, kind, task_id, subject, body_zh, body_en, link)
                values (:recipient, :kind, :taskId, :subject, :bodyZh, :bodyEn, :link)
                on conflict (task_id, recipient, kind) where task_id is not null do update
                   set subject = excluded.subject, body_zh = excluded.body_zh, body_en = excluded.body_en
                 where review.notification.status = 'PENDING'""")
                .param("recipient", n.recipient())
                .param("kind", n.kind().name())
                .param("taskId", n.taskId())
                .param("subject", n.subject())
                .param("bodyZh", n.bodyZh())
                .param("bodyEn", n.bodyEn())
                .param("link", n.link())
                .update();
    }

    record Queued(
            long id,
            String recipient,
            Kind kind,
            String subject,
            String bodyZh,
            String bodyEn,
            String link,
            int attempts) {}

    /**
     * Locks the mails due now: those of immediate-mode recipients and the composed digests. Rows another node
     * has locked are skipped, so several nodes never send the same mail.
     */
    List<Queued> lockDue(int limit) {
        return jdbc.sql("""
                select n.id, n.recipient, n.kind, n.subject, n.body_zh, n.body_en, n.link, n.attempts
                  from review.notification n
                  left join review.notification_preference p on p.user_id = n.recipient
                 where n.status = 'PENDING' and n.next_attempt_at <= now()
                   and (n.kind = 'DIGEST' or coalesce(p.mode, 'immediate') = 'immediate')
                 order by n.id
                 limit :limit
                 for update of n skip locked""").param("limit", limit).query(Outbox::queued).list();
    }

    void sent(long id) {
        jdbc.sql(
                        "update review.notification set status = 'SENT', sent_at = now(), attempts = attempts + 1 where id = ?")
                .param(id)
                .update();
    }

    void skipped(long id, String reason) {
        jdbc.sql("update review.notification set status = 'SKIPPED', last_error = ? where id = ?")
                .params(reason, id)
                .update();
    }

    void retryLater(long id, Duration wait, String error) {
        jdbc.sql("""
                update review.notification
                   set attempts = attempts + 1, last_error = ?, next_attempt_at = now() + make_interval(secs => ?)
                 where id = ?""").params(error, wait.toMillis() / 1000.0, id).update();
    }

    void failed(long id, String error) {
        jdbc.sql(
                        "update review.notification set status = 'FAILED', attempts = attempts + 1, last_error = ? where id = ?")
                .params(error, id)
                .update();
    }

    /** True for the one node that composes digests now; held until its transaction ends. */
    boolean lockDigestRun() {
        return jdbc.sql("select pg_try_advisory_xact_lock(?)")
                .param(DIGEST_LOCK)
                .query(Boolean.class)
                .single();
    }

    /** Daily-digest users with something waiting for them. */
    List<String> digestRecipients() {
        return jdbc.sql("""
                select distinct n.recipient
                  from review.notification n
                  join review.notification_preference p on p.user_id = n.recipient and p.mode = 'daily-digest'
                 where n.status = 'PENDING' and n.kind <> 'DIGEST'
                 order by n.recipient""").query(String.class).list();
    }

    List<Queued> waitingFor(String recipient) {
        return jdbc.sql("""
                select id, recipient, kind, subject, body_zh, body_en, link, attempts
                  from review.notification
                 where recipient = ? and status = 'PENDING' and kind <> 'DIGEST'
                 order by id
                 for update skip locked""").param(recipient).query(Outbox::queued).list();
    }

    /** Queues the digest and marks what it contains as passed on to it. */
    void addDigest(Notification digest, List<Queued> items) {
        long digestId = jdbc.sql("""
                insert into review.notification (recipient, kind, subject, body_zh, body_en, link)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        digest.recipient(),
                        digest.kind().name(),
                        digest.subject(),
                        digest.bodyZh(),
                        digest.bodyEn(),
                        digest.link())
                .query(Long.class)
                .single();
        jdbc.sql("update review.notification set status = 'DIGESTED', digest_id = :digest where id in (:ids)")
                .param("digest", digestId)
                .param("ids", items.stream().map(Queued::id).toList())
                .update();
    }

    private static Queued queued(ResultSet rs, int row) throws SQLException {
        return new Queued(
                rs.getLong("id"),
                rs.getString("recipient"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("subject"),
                rs.getString("body_zh"),
                rs.getString("body_en"),
                rs.getString("link"),
                rs.getInt("attempts"));
    }
}
