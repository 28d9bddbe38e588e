package com.servicereview.notify;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Once a day ({@code digest-cron}, default 08:00 in {@code zone}) everything waiting for a daily-digest user
 * becomes one mail, queued like any other, so the sender's retries apply to it too. One node composes at a
 * time (a transaction-scoped advisory lock); the others find nothing left.
 */
@Component
@WhenMailConfigured
class DailyDigest {

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);

    private final Outbox outbox;
    private final Mails mails;
    private final TransactionTemplate transactions;

    DailyDigest(Outbox outbox, Mails mails, PlatformTransactionManager transactions) {
        this.outbox = outbox;
        this.mails = mails;
        this.transactions = new TransactionTemplate(transactions);
    }

    @Scheduled(
            cron = "${service-review.notifications.digest-cron:0 0 8 * * *}",
            zone = "${service-review.notifications.zone:}")
    void compose() {
        try {
            Integer digests = transactions.execute(status -> {
                if (!outbox.lockDigestRun()) return 0;
                int count = 0;
                for (String recipient : outbox.digestRecipients()) {
                    List<Outbox.Queued> items = outbox.waitingFor(recipient);
                    if (items.isEmpty()) continue;
                    outbox.addDigest(mails.digest(recipient, items), items);
                    count++;
                }
                return count;
            });
            log.info("Daily digest: {} digest mail(s) queued", digests);
        } catch (RuntimeException e) {
            log.warn("Daily digest failed, its notifications wait for the next run: {}", e.toString());
        }
    }
}
