package com.servicereview.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.servicereview.scoring.ScoringException;
import com.servicereview.submission.SubmissionRefused;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

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

    /** The engine's submission guard refused a start or completion (400, or 409 for a duplicate). */
    @ExceptionHandler(SubmissionRefused.class)
    ResponseEntity<Map<String, Object>> refusedSubmission(SubmissionRefused e) {
        HttpStatus status = HttpStatus.valueOf(e.getStatus().getStatusCode());
        return body(status, status == HttpStatus.CONFLICT ? "conflict" : "invalid-input", e.field(), e.reason());
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Map<String, Object>> badRequest(BadRequestException e) {
        return body(HttpStatus.BAD_REQUEST, "invalid-input", e.field(), e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Map<String, Object>> missingPart(MissingServletRequestPartException e) {
        return body(HttpStatus.BAD_REQUEST, "invalid-input", e.getRequestPartName(), "is required (multipart form field)");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return body(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "file", "the upload is larger than spring.servlet.multipart.max-file-size allows");
    }

    /** A process start listener refused the request: answer with the reason it gave. */
    @ExceptionHandler(ProcessEngineException.class)
    ResponseEntity<Map<String, Object>> refusedByProcess(ProcessEngineException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BadRequestException input) return badRequest(input);
            if (cause instanceof ConflictException conflict) return conflict(conflict);
        }
        throw e;
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return body(HttpStatus.NOT_FOUND, "not-found", e.field(), e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Map<String, Object>> forbidden(ForbiddenException e) {
        return body(HttpStatus.FORBIDDEN, "forbidden", null, e.getMessage());
    }

    /** The engine refused the caller (Camunda authorizations). */
    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<Map<String, Object>> notAuthorized(AuthorizationException e) {
        return body(HttpStatus.FORBIDDEN, "forbidden", null, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(ConflictException e) {
        return body(HttpStatus.CONFLICT, "conflict", e.field(), e.getMessage());
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
