package com.servicereview.deadline;

import com.servicereview.audit.AuditLog;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A task's reminder ({@link DeadlineListeners}): a comment on the task (visible in Tasklist) and an audit row,
 * which the notifier mails to the people the task is for. The audit subject is the instance's business key: the
 * review id or the cycle id.
 */
@Component("sendReminderListener")
class SendReminder implements TaskListener {

    private final AuditLog audit;

    SendReminder(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void notify(DelegateTask task) {
        String who = task.getAssignee() != null ? task.getAssignee() : "group";
        task.getProcessEngineServices()
                .getTaskService()
                .createComment(
                        task.getId(),
                        task.getProcessInstanceId(),
                        "提醒 / Reminder: 请在 " + task.getDueDate() + " 前完成 / please complete by the due date");
        audit.record(
                "system",
                "review.reminder",
                task.getExecution().getProcessBusinessKey(),
                Map.of("task", task.getTaskDefinitionKey(), "taskId", task.getId(), "to", who));
    }
}
