package com.servicereview.notify;

import com.servicereview.audit.AuditRecorded;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A task's deadlines, mailed in their own transaction: the reminder (audited as {@code review.reminder} with the
 * task id) to the people the task is for, the escalation ({@code task.escalated}, audited after the task was
 * handed on) to its new owners. An escalation to a group changes no assignee, so no task event would tell them.
 */
@Component
@WhenMailConfigured
class DeadlineNotifications {

    private static final Logger log = LoggerFactory.getLogger(DeadlineNotifications.class);

    private final TaskNotifications tasks;

    DeadlineNotifications(TaskNotifications tasks) {
        this.tasks = tasks;
    }

    @EventListener(condition = "#event.action() == 'review.reminder'")
    void onReminder(AuditRecorded event) {
        TaskEntity task = task(event);
        if (task != null) tasks.remind(task);
    }

    @EventListener(condition = "#event.action() == 'task.escalated'")
    void onEscalation(AuditRecorded event) {
        TaskEntity task = task(event);
        if (task != null) tasks.escalated(task, String.valueOf(event.detail().get("from")));
    }

    /** The task as the engine holds it in this command: the same view of it as a task listener has. */
    private static TaskEntity task(AuditRecorded event) {
        Object taskId = event.detail().get("taskId");
        CommandContext command = Context.getCommandContext();
        if (taskId == null || command == null) {
            log.warn("{} on {} not mailed: no task id or not inside the engine", event.action(), event.subject());
            return null;
        }
        return command.getTaskManager().findTaskById(taskId.toString());
    }
}
