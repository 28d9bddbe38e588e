package com.servicereview.schemes;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.servicereview.scoring.ScoringException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Every API error is JSON naming what is wrong and where: {@code {"error", "field", "message"}}. */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(ScoringException.class)
    ResponseEntity<Map<String, Object>> invalidInput(ScoringException e) {
        return body(HttpStatus.BAD_REQUEST, "invalid-input", e.field(), e.reason());
    }

    @ExceptionHandler(SchemeNotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(SchemeNotFoundException e) {
        return body(HttpStatus.NOT_FOUND, "not-found", "id", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return body(HttpStatus.BAD_REQUEST, "invalid-input", field, "has the wrong type: " + mapping.getOriginalMessage());
        }
        return body(HttpStatus.BAD_REQUEST, "invalid-json", null, "the request body is not valid JSON");
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String error, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("field", field);
        body.put("message", message);
        return ResponseEntity.status(status).body(body);
    }
}
