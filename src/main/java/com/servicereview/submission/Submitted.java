package com.servicereview.submission;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The values a completion submitted for its task's form fields. The submission guard holds them
 * here for the duration of the completion instead of letting the engine write them into process
 * variables, so a form value never becomes a variable that other participants (or the history)
 * could read, and never shadows routing or ids. The task's {@code complete} listener reads them.
 */
public final class Submitted {

    private static final ThreadLocal<Map<String, Map<String, Object>>> HELD = ThreadLocal.withInitial(HashMap::new);

    private Submitted() {}

    /**
     * The submitted value of a form field; where the completion did not send it, the task-local
     * value the task was created with (a prefilled score). Only our listeners write task-local
     * variables: participants cannot set variables at all.
     */
    public static Object value(DelegateTask task, String field) {
        Map<String, Object> values = HELD.get().getOrDefault(task.getId(), Map.of());
        return values.containsKey(field) ? values.get(field) : task.getVariableLocal(field);
    }

    /** Every value the completion sent (empty for a completion without variables). */
    public static Map<String, Object> all(DelegateTask task) {
        return Collections.unmodifiableMap(HELD.get().getOrDefault(task.getId(), Map.of()));
    }

    static void hold(String taskId, Map<String, Object> values) {
        HELD.get().put(taskId, values);
    }

    static void release(String taskId) {
        HELD.get().remove(taskId);
        if (HELD.get().isEmpty()) HELD.remove();
    }
}
