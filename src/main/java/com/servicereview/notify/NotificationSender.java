package com.servicereview.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the queued mails that are due, on every node: each run locks its rows with {@code for update skip
 * locked}, so a mail goes out once however many nodes run. A failed mail is tried again later (the wait
 * doubles, {@code retry-backoff} up to {@code max-retry-backoff}) and given up after {@code max-attempts};
 * a person without an e-mail address is skipped. Every outcome but success is logged. A node that dies after
 * sending and before its commit sends that mail again: at least once, never lost.
 */
@Component
@WhenMailConfigured
class NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final Outbox outbox;
    private final JavaMailSender mail;
    private final People people;
    private final NotificationProperties properties;
    private final TransactionTemplate transactions;

    NotificationSender(
            Outbox outbox,
            JavaMailSender mail,
            People people,
            NotificationProperties properties,
            PlatformTransactionManager transactions) {
        this.outbox = outbox;
        this.mail = mail;
        this.people = people;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${service-review.notifications.send-interval:PT10S}")
    void sendDue() {
        try {
            int sent;
            do {
                sent = transactions.execute(status -> sendBatch());
            } while (sent == properties.batchSize());
        } catch (RuntimeException e) {
            log.warn("Notification sender run failed, next run retries: {}", e.toString());
        }
    }

    private int sendBatch() {
        List<Outbox.Queued> due = outbox.lockDue(properties.batchSize());
        due.forEach(this::deliver);
        return due.size();
    }

    private void deliver(Outbox.Queued n) {
        Optional<People.Person> person = people.withAddress(n.recipient());
        if (person.isEmpty()) {
            log.info("Notification {} ({}) to {} skipped: no e-mail address", n.id(), n.kind(), n.recipient());
            outbox.skipped(n.id(), "no e-mail address");
            return;
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(person.get().email());
            helper.setSubject(n.subject());
            helper.setText(person.get().nameZh() + "，您好：\n\n" + n.bodyZh()
                    + "\n\n————————————————\n\n"
                    + "Hello " + person.get().nameEn() + ",\n\n" + n.bodyEn() + "\n\n-- \n绩效考核系统 / Service Review\n");
            mail.send(message);
            outbox.sent(n.id());
        } catch (MessagingException | MailException e) {
            int attempts = n.attempts() + 1;
            if (attempts >= properties.maxAttempts()) {
                log.error(
                        "Notification {} ({}) to {} given up after {} attempts: {}",
                        n.id(),
                        n.kind(),
                        n.recipient(),
                        attempts,
                        e.toString());
                outbox.failed(n.id(), e.toString());
            } else {
                log.warn(
                        "Notification {} ({}) to {} failed (attempt {}), retried in {}: {}",
                        n.id(),
                        n.kind(),
                        n.recipient(),
                        attempts,
                        properties.backoff(attempts),
                        e.toString());
                outbox.retryLater(n.id(), properties.backoff(attempts), e.toString());
            }
        }
    }
}
