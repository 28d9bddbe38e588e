package com.servicereview.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The archive's canonical text: the document with object keys sorted at every level, so that its
 * SHA-256 is the same for the same content, whatever order PostgreSQL's jsonb returns it in.
 */
final class CanonicalJson {

    private static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CanonicalJson() {}

    static String text(JsonNode node) {
        try {
            return SORTED.writeValueAsString(SORTED.convertValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
