package com.servicereview.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The input fields a task's (or a start event's) deployed Camunda Form declares: what a
 * submission may set. Read from the form deployed with the process version, so an older running
 * version keeps the fields of its own form. Deployed resources never change, so they are cached.
 */
final class DeclaredFields {

    /** form-js components that submit a value under their key; text, tables and groups do not. */
    private static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "checkbox", "checklist",
            "radio", "select", "taglist", "datetime");

    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentHashMap<String, Set<String>> cache = new ConcurrentHashMap<>();

    Set<String> ofTask(CommandContext context, TaskEntity task) {
        if (task.getProcessDefinitionId() == null) return Set.of();
        return cache.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
                key -> read(context, () -> new GetDeployedTaskFormCmd(task.getId()).execute(context)));
    }

    Set<String> ofStart(CommandContext context, String processDefinitionId) {
        return cache.computeIfAbsent(processDefinitionId + "#start",
                key -> read(context, () -> new GetDeployedStartFormCmd(processDefinitionId).execute(context)));
    }

    /** A task or start event without a deployed form declares nothing. */
    private Set<String> read(CommandContext context, Supplier<InputStream> form) {
        InputStream stream;
        try {
            stream = context.runWithoutAuthorization(form::get);
        } catch (RuntimeException noForm) {
            return Set.of();
        }
        try (InputStream in = stream) {
            Set<String> keys = new TreeSet<>();
            collect(json.readTree(in).path("components"), keys);
            return Set.copyOf(keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode components, Set<String> keys) {
        for (JsonNode component : components) {
            if (INPUT_TYPES.contains(component.path("type").asText()) && component.hasNonNull("key")
                    && !component.path("disabled").asBoolean(false)) {
                keys.add(component.path("key").asText());
            }
            collect(component.path("components"), keys);
        }
    }
}
