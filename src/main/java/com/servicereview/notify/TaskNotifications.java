package com.servicereview.notify;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Added by {@link NotificationEnginePlugin} to every user task, for {@code create} and {@code assignment}:
 * the assignee, or every member of each candidate group, is told of the task, and the employee's
 * Task_AcknowledgeResult is their result. A claim by oneself tells nobody. An escalation is told by
 * {@link DeadlineNotifications}; the reassignment it makes is not told a second time.
 */
@Component
@WhenMailConfigured
class TaskNotifications implements TaskListener {

    private static final String ACKNOWLEDGE_RESULT = "Task_AcknowledgeResult";

    private final Outbox outbox;
    private final Mails mails;
    private final JdbcClient jdbc;
    private final People people;

    TaskNotifications(Outbox outbox, Mails mails, JdbcClient jdbc, People people) {
        this.outbox = outbox;
        this.mails = mails;
        this.jdbc = jdbc;
        this.people = people;
    }

    @Override
    public void notify(DelegateTask task) {
        boolean create = EVENTNAME_CREATE.equals(task.getEventName());
        if (!create && (task.getAssignee() == null || task.getAssignee().equals(currentUser()))) return;
        outbox.guarded("task " + task.getId(), () -> {
            if (!create && escalatedInThisTransaction(task)) return;
            queue(task, kindOf(task), null);
        });
    }

    /** The reminder of a task: to the same people the task itself was for. */
    void remind(DelegateTask task) {
        outbox.guarded("the reminder of task " + task.getId(), () -> queue(task, Kind.REMINDER, null));
    }

    /** An escalated task, to its new owners, naming whom it was taken from (user or group ids, comma-separated). */
    void escalated(DelegateTask task, String from) {
        outbox.guarded(
                "the escalation of task " + task.getId(),
                () -> queue(
                        task,
                        Kind.TASK_ESCALATED,
                        Arrays.stream(from.split(",")).map(people::name).collect(Collectors.joining(", "))));
    }

    private void queue(DelegateTask task, Kind kind, String escalatedFrom) {
        Mails.TaskFacts facts = new Mails.TaskFacts(task.getId(), task.getName(), task.getDueDate(), escalatedFrom);
        for (String recipient : recipients(task)) {
            outbox.add(kind == Kind.RESULT_READY ? result(recipient, task, facts) : mails.task(kind, recipient, facts));
        }
    }

    private static Kind kindOf(DelegateTask task) {
        if (ACKNOWLEDGE_RESULT.equals(task.getTaskDefinitionKey())) return Kind.RESULT_READY;
        return task.getAssignee() != null ? Kind.TASK_ASSIGNED : Kind.TASK_OFFERED;
    }

    /**
     * The escalation audits {@code task.escalated} with the task id and reassigns the task in the same transaction;
     * PostgreSQL's {@code transaction_timestamp()} tells that row from earlier escalations of the task.
     */
    private boolean escalatedInThisTransaction(DelegateTask task) {
        String subject =
                task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
        if (subject == null) return false;
        return jdbc.sql("""
                select count(*) from review.audit_event
                 where subject = ? and occurred_at = transaction_timestamp()
                   and action = 'task.escalated' and detail ->> 'taskId' = ?""").params(subject, task.getId()).query(Integer.class).single() > 0;
    }

    private Notification result(String recipient, DelegateTask task, Mails.TaskFacts facts) {
        record Result(String period, BigDecimal total, String grade) {}
        Result result = jdbc.sql(
                        "select period, final_total, final_grade from review.review where process_instance_id = ?")
                .param(task.getProcessInstanceId())
                .query((rs, n) -> new Result(rs.getString(1), rs.getBigDecimal(2), rs.getString(3)))
                .single();
        return mails.resultReady(recipient, facts, result.period(), result.total(), result.grade());
    }

    /** The assignee; for a group task every candidate user and every member of every candidate group. */
    private static Set<String> recipients(DelegateTask task) {
        Set<String> recipients = new LinkedHashSet<>();
        if (task.getAssignee() != null) {
            recipients.add(task.getAssignee());
            return recipients;
        }
        IdentityService identity = task.getProcessEngineServices().getIdentityService();
        for (IdentityLink candidate : task.getCandidates()) {
            if (candidate.getUserId() != null) recipients.add(candidate.getUserId());
            if (candidate.getGroupId() != null) {
                // The engine's own work, not the caller's: whoever completed the previous step may not see the group.
                Context.getCommandContext()
                        .runWithoutAuthorization(() -> identity.createUserQuery()
                                .memberOfGroup(candidate.getGroupId())
                                .list())
                        .stream()
                        .map(User::getId)
                        .forEach(recipients::add);
            }
        }
        return recipients;
    }

    private static String currentUser() {
        Authentication authentication = Context.getCommandContext().getAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
