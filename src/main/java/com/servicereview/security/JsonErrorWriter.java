package com.servicereview.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Writes the JSON error body our filters answer with: {@code {"error": "...", "message": "..."}}. */
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
        json.writeValue(response.getOutputStream(), new ErrorBody(error, message));
    }

    record ErrorBody(String error, String message) {
    }
}
