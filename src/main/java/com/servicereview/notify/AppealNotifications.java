package com.servicereview.notify;

import com.servicereview.review.ReviewArchived;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The employee hears how their appeal ended: decision, reason and, when upheld, the new score. Sent when the
 * review is archived (in that transaction), because an upheld appeal is re-scored by Task_RescoreAppeal after
 * Task_DecideAppeal, and the archive is where every appeal path ends with its final score.
 */
@Component
@WhenMailConfigured
class AppealNotifications {

    private static final Set<String> DECIDED = Set.of("RESCORED", "UPHELD", "REJECTED", "RESOLVED_BY_DEPARTMENT");

    private final Outbox outbox;
    private final Mails mails;
    private final JdbcClient jdbc;
    private final People people;

    AppealNotifications(Outbox outbox, Mails mails, JdbcClient jdbc, People people) {
        this.outbox = outbox;
        this.mails = mails;
        this.jdbc = jdbc;
        this.people = people;
    }

    @EventListener
    void on(ReviewArchived archived) {
        outbox.guarded("the appeal of " + archived.reviewId(), () -> queue(archived.reviewId()));
    }

    private void queue(String reviewId) {
        record Appeal(String employee, String status, String decidedBy, String reason, String grade) {}
        Optional<Appeal> found = jdbc.sql("""
                select r.employee_id, a.status,
                       coalesce(a.decided_by, a.coordinated_by), coalesce(a.decision_reason, a.coordination_note),
                       r.final_grade
                  from review.appeal a join review.review r on r.id = a.review_id
                 where a.review_id = ?""")
                .param(reviewId)
                .query((rs, n) ->
                        new Appeal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
        if (found.isEmpty() || !DECIDED.contains(found.get().status())) return;
        Appeal appeal = found.get();
        List<BigDecimal> totals = jdbc.sql("select total from review.score where review_id = ? order by version")
                .param(reviewId)
                .query(BigDecimal.class)
                .list();
        BigDecimal last = totals.get(totals.size() - 1);
        BigDecimal before = totals.size() > 1 ? totals.get(totals.size() - 2) : last;
        outbox.add(mails.appealDecided(
                appeal.employee(),
                new Mails.AppealOutcome(
                        reviewId,
                        appeal.status(),
                        people.name(appeal.decidedBy()),
                        appeal.reason(),
                        before,
                        last,
                        appeal.grade())));
    }
}
