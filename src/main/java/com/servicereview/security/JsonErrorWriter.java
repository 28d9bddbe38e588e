package com.servicereview.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Writes the JSON error body our filters answer with: the members of an RFC 9457 problem detail
 * ({@code type}, {@code title}, {@code status}, {@code detail}) and the ones every API error has
 * ({@code error}, {@code field}, {@code message}, as in {@code web.ApiErrors}). Filters answer before
 * Spring MVC; the media type stays {@code application/json}, which clients of these answers already read.
 */
@Component
class JsonErrorWriter {

    private final ObjectMapper json;

    JsonErrorWriter(ObjectMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, HttpStatus status, String error, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(
                response.getOutputStream(),
                new ErrorBody("about:blank", status.getReasonPhrase(), status.value(), message, error, null, message));
    }

    record ErrorBody(
            String type, String title, int status, String detail, String error, String field, String message) {}
}
