package com.servicereview.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.security.Actors;
import com.servicereview.web.BadRequestException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A user task's Camunda Form on the server side, for every process: on {@code create} it names the
 * task and prepares the task-local variables the form shows; on {@code complete} it checks what
 * was submitted ({@link Submitted}) and writes it to our tables. A refusal (a
 * {@link BadRequestException} naming the field) keeps the task open; the submission guard answers
 * it with a 400 and Tasklist shows the message.
 */
public abstract class TaskForm implements TaskListener {

    protected final ObjectMapper json;

    protected TaskForm(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public final void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            describe(task);
            onCreate(task);
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            onComplete(task);
        }
    }

    /** What Tasklist's list shows for the task: its name and description. */
    protected void describe(DelegateTask task) {}

    protected void onCreate(DelegateTask task) {}

    protected abstract void onComplete(DelegateTask task);

    protected static String actor(DelegateTask task) {
        return Actors.of(task);
    }

    /** What the completion submitted for a form field, else the value the task was created with. */
    protected static Object submitted(DelegateTask task, String field) {
        return Submitted.value(task, field);
    }

    /** A submitted text, trimmed; null when empty. */
    protected static String text(DelegateTask task, String field) {
        Object value = submitted(task, field);
        return value == null || value.toString().isBlank()
                ? null
                : value.toString().trim();
    }

    protected static String required(DelegateTask task, String field, String what) {
        String value = text(task, field);
        // The submission guard puts the form's label in front ("「自评说明 / Self-review comment」").
        if (value == null) throw new BadRequestException(field, "请填写 / " + what + " is required");
        return value;
    }

    protected static Double number(Object value, String field) {
        if (value == null) return null;
        if (value instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(field, "'" + value + "' is not a number");
        }
    }

    protected void setJsonLocal(DelegateTask task, String name, Object value) {
        task.setVariableLocal(name, FormData.json(json, value));
    }

    /**
     * A person's text shown on another's form. Camunda keeps a String variable in a 4,000-character
     * column; as a JSON string it goes to the byte-array table, so a long comment shows in full.
     */
    protected void setTextLocal(DelegateTask task, String name, String text) {
        task.setVariableLocal(name, text == null ? null : FormData.json(json, text));
    }

    /**
     * Tasklist cannot complete a form-js form with a dynamic list (it counts the list's empty error
     * entries as errors), so lists are shown as fixed slots: {@code <prefix>1..n} describe a row,
     * the form hides the slots that are absent.
     */
    protected void setSlots(DelegateTask task, String prefix, List<? extends Map<String, Object>> rows, int slots) {
        if (rows.size() > slots) {
            throw new IllegalStateException(
                    task.getTaskDefinitionKey() + ": " + rows.size() + " rows, the form has " + slots + " slots");
        }
        for (int k = 1; k <= rows.size(); k++) setJsonLocal(task, prefix + k, rows.get(k - 1));
    }
}
