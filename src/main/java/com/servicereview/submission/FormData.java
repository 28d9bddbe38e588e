package com.servicereview.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.web.BadRequestException;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Reads what a Camunda Form submitted and prepares what it shows. Lists and objects travel as
 * JSON variables, which Tasklist's form-js viewer reads and writes as they are.
 */
public final class FormData {

    private FormData() {}

    public static TypedValue json(ObjectMapper mapper, Object value) {
        try {
            return SpinValues.jsonValue(mapper.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A submitted JSON variable (Spin JSON, a JSON string or plain Java collections) as a tree. */
    public static JsonNode tree(ObjectMapper mapper, Object raw) {
        if (raw == null) return mapper.nullNode();
        try {
            if (raw instanceof String text) return mapper.readTree(text);
            if (raw instanceof Map<?, ?> || raw instanceof Iterable<?>) return mapper.valueToTree(raw);
            return mapper.readTree(raw.toString());
        } catch (JsonProcessingException e) {
            throw new BadRequestException(null, "the form sent data that is not JSON: " + e.getOriginalMessage());
        }
    }

    public static String text(Object raw) {
        return raw == null ? null : raw.toString().trim();
    }
}
