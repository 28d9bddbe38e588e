package com.servicereview.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Finds JUEL expressions ({@code ${...}} or {@code #{...}}) in task-query input. Looks at every
 * string of the input, not only at known fields, so that nesting (e.g. {@code orQueries}) or a new
 * query field cannot hide one.
 */
final class ExpressionDetector {

    private static final JsonFactory JSON = new JsonFactory();

    private ExpressionDetector() {}

    static boolean isExpression(String text) {
        return text.contains("${") || text.contains("#{");
    }

    /**
     * Checks names and values after URL decoding, as the REST layer will see them.
     *
     * @throws IllegalArgumentException if the query string is not validly URL-encoded
     */
    static boolean inQueryString(String queryString) {
        if (queryString == null) {
            return false;
        }
        for (String parameter : queryString.split("&")) {
            if (isExpression(URLDecoder.decode(parameter, StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks every field name and string value, with JSON escapes such as {@code \u0024} resolved.
     * An empty body holds no expression.
     *
     * @throws IOException if the body is not well-formed JSON
     */
    static boolean inJson(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ((token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING)
                        && isExpression(parser.getText())) {
                    return true;
                }
            }
        }
        return false;
    }
}
