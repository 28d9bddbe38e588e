package com.servicereview.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.servicereview.review.EmployeeReviewProcess.Activity;
import com.servicereview.review.ReviewProcessTestSupport;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications end to end: the real process on the shared context, the outbox, the scheduled sender and a
 * real SMTP server (GreenMail, {@link TestSmtpServer}). Each test finds its own mails by recipient, subject and
 * the link to its task, so mails of other tests in the same server do not matter.
 */
class NotificationsTest extends ReviewProcessTestSupport {

    private static final String TASKLIST = "http://localhost:8080/camunda/app/tasklist/default/#/?task=";

    @Autowired
    private NotificationSender sender;

    @Autowired
    private DailyDigest digest;

    @Autowired
    private Outbox outbox;

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private PlatformTransactionManager transactionManager;

    private ProcessInstance startRated(String employee, String period) {
        kpis(employee, period);
        ProcessInstance pi = start(employee, period);
        runJob(pi, Activity.COLLECT_DATA);
        return pi;
    }

    @Test
    void theAssigneeOfEveryNewTaskIsMailedWithTheLinkToIt() throws Exception {
        ProcessInstance pi = startRated("zhangwei", "2015-01");
        Task self = task(pi, Activity.SELF_REVIEW);

        MimeMessage mail = mailTo("zhangwei@example.com", self.getId());
        assertThat(mail.getSubject()).isEqualTo("新任务 / New task: 自评 / Self-review — 2015-01 — 张伟 Zhang Wei");
        assertThat(text(mail))
                .startsWith("张伟，您好：")
                .contains("您有一项新任务", "Hello Zhang Wei,", "You have a new task", TASKLIST + self.getId());
        for (Task group : tasks(pi, Activity.GROUP_REVIEW)) {
            assertThat(mailTo(group.getAssignee() + "@example.com", group.getId())
                            .getSubject())
                    .startsWith("新任务 / New task: 小组评价");
        }
        // create and assignment both fired for the self-review: one mail
        assertThat(count("select count(*) from review.notification where task_id = ?", self.getId()))
                .isEqualTo(1);
    }

    @Test
    void aGroupTaskGoesToEveryMemberAndAClaimByOneselfToNobody() throws Exception {
        kpis("huangqiang", "2015-02");
        jdbc.sql(
                        "delete from review.kpi_value where employee_id = 'huangqiang' and period = '2015-02' and input_key = 'revisit-completion'")
                .update();
        ProcessInstance pi = start("huangqiang", "2015-02");
        runJob(pi, Activity.COLLECT_DATA);
        Task supply = task(pi, Activity.SUPPLY_DATA);

        MimeMessage mail = mailTo("zhaomin@example.com", supply.getId());
        assertThat(mail.getSubject()).startsWith("待认领任务 / Task for your group: 补录考核数据");
        assertThat(text(mail)).contains("我的组任务", "My group tasks", TASKLIST + supply.getId());
        assertThat(jdbc.sql("select recipient from review.notification where task_id = ?")
                        .param(supply.getId())
                        .query(String.class)
                        .list())
                .containsExactly("zhaomin");

        engine.getIdentityService().setAuthentication("zhaomin", List.of("hr"));
        try {
            engine.getTaskService().claim(supply.getId(), "zhaomin");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(count(
                        "select count(*) from review.notification where task_id = ? and kind = 'TASK_ASSIGNED'",
                        supply.getId()))
                .isZero();
    }

    @Test
    void theReminderIsMailedAndTheEscalatedTaskSaysSo() throws Exception {
        ProcessInstance pi = startRated("zhangwei", "2015-03");
        Task self = task(pi, Activity.SELF_REVIEW);
        runReminder(self);
        MimeMessage reminder =
                mailTo("zhangwei@example.com", self.getId(), m -> subject(m).startsWith("提醒 / Reminder"));
        assertThat(text(reminder)).contains("请在", "Please complete by", TASKLIST + self.getId());
        // the comment in Tasklist stays
        assertThat(engine.getTaskService().getTaskComments(self.getId())).isNotEmpty();

        runEscalation(self);
        Task escalated = task(pi, Activity.SELF_REVIEW);
        MimeMessage mail = mailTo("lina@example.com", escalated.getId());
        assertThat(mail.getSubject()).startsWith("逾期任务已升级给您 / Overdue task escalated to you: 自评 / Self-review");
        assertThat(text(mail)).contains("原负责人：张伟 Zhang Wei", "escalated to you", TASKLIST + escalated.getId());
        // the reassignment is the escalation: one mail, not a second one for the assignment
        assertThat(jdbc.sql("select kind from review.notification where task_id = ? and recipient = 'lina'")
                        .param(escalated.getId())
                        .query(String.class)
                        .list())
                .containsExactly("TASK_ESCALATED");
    }

    @Test
    void anOverdueGroupTaskGoesToTheHrCommitteeInOneMailEach() throws Exception {
        kpis("huangqiang", "2015-08");
        jdbc.sql(
                        "delete from review.kpi_value where employee_id = 'huangqiang' and period = '2015-08' and input_key = 'revisit-completion'")
                .update();
        ProcessInstance pi = start("huangqiang", "2015-08");
        runJob(pi, Activity.COLLECT_DATA);
        Task supply = task(pi, Activity.SUPPLY_DATA);
        engine.getIdentityService().setAuthentication("zhaomin", List.of("hr"));
        try {
            engine.getTaskService().claim(supply.getId(), "zhaomin");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        runEscalation(supply);
        // the same task, now offered to the committee and no longer held by the HR member who claimed it
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .taskId(supply.getId())
                        .singleResult()
                        .getAssignee())
                .isNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(supply.getId()))
                .extracting(IdentityLink::getGroupId)
                .containsExactly("hr-committee");
        MimeMessage mail =
                mailTo("zhaomin@example.com", supply.getId(), m -> subject(m).startsWith("逾期任务已升级给您"));
        assertThat(text(mail)).contains("原负责人：hr", TASKLIST + supply.getId());
        assertThat(jdbc.sql(
                                "select kind from review.notification where task_id = ? and recipient = 'zhaomin' order by id")
                        .param(supply.getId())
                        .query(String.class)
                        .list())
                .containsExactly("TASK_OFFERED", "TASK_ESCALATED");
    }

    @Test
    void theEmployeeHearsOfTheirResultAndOfTheAppealDecisionWithTheNewScore() throws Exception {
        String reviewId = "zhangwei:2015-04:cs-staff-monthly";
        ProcessInstance pi = startRated("zhangwei", "2015-04");
        rate(pi, 24, 24, 24);
        approve(pi);
        Task ack = task(pi, Activity.ACKNOWLEDGE_RESULT);
        MimeMessage result = mailTo("zhangwei@example.com", ack.getId());
        assertThat(result.getSubject()).isEqualTo("考核结果已出 / Your review result is ready: 2015-04");
        assertThat(text(result)).contains("总分 90.00，等级 优秀", "total 90.00, grade Excellent", TASKLIST + ack.getId());

        complete(ack, "ackDecision", "appeal", "appealFacts", "投诉为客户误投 / the complaint was misfiled");
        // as in Tasklist: the department head, who may not see the HR group, creates HR's task
        engine.getIdentityService().setAuthentication("wangjianguo", List.of("employees", "department-heads"));
        try {
            complete(
                    task(pi, Activity.COORDINATE_APPEAL),
                    "coordinationOutcome",
                    "escalate",
                    "coordinationNote",
                    "员工仍有异议");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        Task decide = task(pi, Activity.DECIDE_APPEAL);
        assertThat(mailTo("zhaomin@example.com", decide.getId()).getSubject())
                .startsWith("待认领任务 / Task for your group: 裁决申诉");
        engine.getTaskService().claim(decide.getId(), "zhaomin");
        complete(
                decide,
                "appealDecision",
                "uphold",
                "appealDecisionReason",
                "投诉系误投，已核实 / misfiled, verified",
                "corrected" + slot(decide, "correction", "complaint-rate"),
                0);
        runJob(pi, Activity.RESCORE_APPEAL);
        runJob(pi, Activity.ARCHIVE);

        MimeMessage decided = mailTo("zhangwei@example.com", "/api/reviews/" + reviewId);
        assertThat(decided.getSubject()).isEqualTo("申诉结果 / Appeal decided: " + reviewId);
        assertThat(text(decided))
                .contains(
                        "您的申诉已被采纳（赵敏 Zhao Min）",
                        "投诉系误投，已核实",
                        "90.00 → 92.00",
                        "Your appeal was upheld",
                        "http://localhost:8080/api/reviews/" + reviewId);
    }

    @Test
    void aDailyDigestUserGetsOneMailWithEverythingInstead() throws Exception {
        assertThat(preference("wangfang", "weekly").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(preference("wangfang", "daily-digest").getBody()).containsEntry("mode", "daily-digest");
        assertThat(rest.withBasicAuth("wangfang", "demo").getForObject("/api/me/notifications", Map.class))
                .containsEntry("userId", "wangfang")
                .containsEntry("mode", "daily-digest");
        try {
            ProcessInstance pi = startRated("wangfang", "2015-05");
            Task self = task(pi, Activity.SELF_REVIEW);
            runReminder(self);
            sender.sendDue();
            assertThat(jdbc.sql("select status from review.notification where task_id = ? and recipient = 'wangfang'")
                            .param(self.getId())
                            .query(String.class)
                            .list())
                    .containsExactly("PENDING", "PENDING");

            digest.compose();
            MimeMessage mail =
                    mailTo("wangfang@example.com", self.getId(), m -> subject(m).startsWith("每日汇总 / Daily digest"));
            assertThat(text(mail))
                    .contains("新任务 / New task: 自评 / Self-review — 2015-05", "提醒 / Reminder: 自评", "notifications today");
            assertThat(jdbc.sql("select status from review.notification where task_id = ? and recipient = 'wangfang'")
                            .param(self.getId())
                            .query(String.class)
                            .list())
                    .containsExactly("DIGESTED", "DIGESTED");
            assertThat(mailsTo("wangfang@example.com", m -> text(m).contains(self.getId())))
                    .hasSize(1);
        } finally {
            assertThat(preference("wangfang", "immediate").getBody()).containsEntry("mode", "immediate");
        }
    }

    @Test
    void nothingIsQueuedByATransactionThatRollsBack() {
        ProcessInstance pi = start("zhangwei", "2015-06");
        kpis("zhangwei", "2015-06");
        String taskId = new TransactionTemplate(transactionManager).execute(status -> {
            runJob(pi, Activity.COLLECT_DATA);
            String id = task(pi, Activity.SELF_REVIEW).getId();
            assertThat(count("select count(*) from review.notification where task_id = ?", id))
                    .isEqualTo(1);
            status.setRollbackOnly();
            return id;
        });
        assertThat(count("select count(*) from review.notification where task_id = ?", taskId))
                .isZero();
        assertThat(tasks(pi, Activity.SELF_REVIEW)).isEmpty();
    }

    @Test
    void aFailedMailIsRetriedUntilTheServerIsBack() throws Exception {
        String subject = "retry " + UUID.randomUUID();
        TestSmtpServer.stop();
        try {
            outbox.add(new Notification("zhaolei", Kind.TASK_ASSIGNED, null, subject, "内容", "content", "http://x"));
            sender.sendDue();
            // this run or the scheduled one, whichever locked it first, failed and left it for later
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql(
                                    "select status || ' ' || (attempts > 0) || ' ' || (last_error is not null) from review.notification where subject = ?")
                            .param(subject)
                            .query(String.class)
                            .single()
                            .equals("PENDING true true"));
        } finally {
            TestSmtpServer.restart();
        }
        assertThat(mailTo("zhaolei@example.com", subject).getSubject()).isEqualTo(subject);
        assertThat(jdbc.sql("select status from review.notification where subject = ?")
                        .param(subject)
                        .query(String.class)
                        .single())
                .isEqualTo("SENT");
    }

    @Test
    void sendersRunningAtOnceSendEachMailOnce() throws Exception {
        String batch = "once " + UUID.randomUUID();
        for (int i = 0; i < 30; i++) {
            outbox.add(new Notification(
                    "zhouting", Kind.TASK_ASSIGNED, null, batch + " #" + i, "内容", "content", "http://x"));
        }
        // two more senders beside the scheduled one, as on three nodes
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = List.of(nodes.submit(sender::sendDue), nodes.submit(sender::sendDue));
            for (Future<?> run : runs) run.get(30, TimeUnit.SECONDS);
        } finally {
            nodes.shutdown();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "select count(*) from review.notification where subject like ? and status = 'SENT'",
                                batch + " #%")
                        == 30);
        assertThat(mailsTo("zhouting@example.com", m -> subject(m).startsWith(batch + " #")))
                .extracting(NotificationsTest::subject)
                .doesNotHaveDuplicates()
                .hasSize(30);
    }

    @Test
    void someoneWithoutAnAddressIsSkipped() {
        String subject = "nobody " + UUID.randomUUID();
        outbox.add(new Notification(
                "nobody-" + UUID.randomUUID(), Kind.TASK_ASSIGNED, null, subject, "内容", "content", "http://x"));
        sender.sendDue();
        assertThat(jdbc.sql("select status || ' ' || last_error from review.notification where subject = ?")
                        .param(subject)
                        .query(String.class)
                        .single())
                .isEqualTo("SKIPPED no e-mail address");
    }

    @SuppressWarnings("unchecked")
    private ResponseEntity<Map<String, Object>> preference(String user, String mode) {
        ResponseEntity<?> response = rest.withBasicAuth(user, "demo")
                .exchange("/api/me/notifications", HttpMethod.PUT, new HttpEntity<>(Map.of("mode", mode)), Map.class);
        return (ResponseEntity<Map<String, Object>>) response;
    }

    /** The one mail to this address whose text contains {@code marker} (a task id or a link), waiting for it. */
    private MimeMessage mailTo(String address, String marker) {
        return mailTo(address, marker, m -> true);
    }

    private MimeMessage mailTo(String address, String marker, Predicate<MimeMessage> also) {
        Predicate<MimeMessage> matches =
                m -> (text(m).contains(marker) || subject(m).equals(marker)) && also.test(m);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !mailsTo(address, matches).isEmpty());
        List<MimeMessage> found = mailsTo(address, matches);
        assertThat(found).as("mails to " + address + " about " + marker).hasSize(1);
        return found.get(0);
    }

    private static List<MimeMessage> mailsTo(String address, Predicate<MimeMessage> matches) {
        return Arrays.stream(TestSmtpServer.server().getReceivedMessages())
                .filter(m -> recipients(m).contains(address))
                .filter(matches)
                .toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null
                    ? List.of()
                    : Arrays.stream(to).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
