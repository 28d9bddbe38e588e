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
 * A task's reminder (the delegate comments on the task and audits {@code review.reminder} with the task id)
 * is mailed to the people the task is for, in the reminder's own transaction.
 */
@Component
@WhenMailConfigured
class ReminderNotifications {

    private static final Logger log = LoggerFactory.getLogger(ReminderNotifications.class);

    private final TaskNotifications tasks;

    ReminderNotifications(TaskNotifications tasks) {
        this.tasks = tasks;
    }

    @EventListener(condition = "#event.action() == 'review.reminder'")
    void on(AuditRecorded event) {
        Object taskId = event.detail().get("taskId");
        CommandContext command = Context.getCommandContext();
        if (taskId == null || command == null) {
            log.warn("Reminder on {} not mailed: no task id or not inside the engine", event.subject());
            return;
        }
        // The task as the engine holds it in this command: the same view of it as a task listener has.
        TaskEntity task = command.getTaskManager().findTaskById(taskId.toString());
        if (task != null) tasks.remind(task);
    }
}
