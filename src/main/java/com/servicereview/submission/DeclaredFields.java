package com.servicereview.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The input fields a task's (or a start event's) deployed Camunda Form declares: what a
 * submission may set. Read from the form deployed with the process version, so an older running
 * version keeps the fields of its own form. Deployed resources never change, so they are cached.
 */
final class DeclaredFields {

    /** form-js components that submit a value under their key; text, tables and groups do not. */
    private static final Set<String> INPUT_TYPES = Set.of(
            "textfield", "textarea", "number", "checkbox", "checklist", "radio", "select", "taglist", "datetime");

    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentHashMap<String, Map<String, String>> cache = new ConcurrentHashMap<>();

    /** The task form's input fields: key → label ("自评说明 / Self-review comment"; null where the label is a template). */
    Map<String, String> ofTask(CommandContext context, TaskEntity task) {
        if (task.getProcessDefinitionId() == null) return Map.of();
        return cache.computeIfAbsent(
                task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
                key -> read(context, () -> new GetDeployedTaskFormCmd(task.getId()).execute(context)));
    }

    Map<String, String> ofStart(CommandContext context, String processDefinitionId) {
        return cache.computeIfAbsent(
                processDefinitionId + "#start",
                key -> read(context, () -> new GetDeployedStartFormCmd(processDefinitionId).execute(context)));
    }

    /** A task or start event without a deployed form declares nothing. */
    private Map<String, String> read(CommandContext context, Supplier<InputStream> form) {
        InputStream stream;
        try {
            stream = context.runWithoutAuthorization(form::get);
        } catch (RuntimeException noForm) {
            return Map.of();
        }
        try (InputStream in = stream) {
            Map<String, String> fields = new HashMap<>();
            collect(json.readTree(in).path("components"), fields);
            return Collections.unmodifiableMap(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode components, Map<String, String> fields) {
        for (JsonNode component : components) {
            if (INPUT_TYPES.contains(component.path("type").asText())
                    && component.hasNonNull("key")
                    && !component.path("disabled").asBoolean(false)) {
                String label = component
                        .path("label")
                        .asText(component.path("dateLabel").asText(null));
                fields.put(component.path("key").asText(), label == null || label.contains("{{") ? null : label);
            }
            collect(component.path("components"), fields);
        }
    }
}
