package com.servicereview.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.servicereview.scoring.ScoringException;
import com.servicereview.submission.SubmissionRefused;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Every API error names what is wrong and where: a problem detail with {@code error}, {@code field} and {@code message}. */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(ScoringException.class)
    ResponseEntity<ProblemDetail> invalidInput(ScoringException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", e.field(), e.reason());
    }

    /** The engine's submission guard refused a start or completion (400, or 409 for a duplicate). */
    @ExceptionHandler(SubmissionRefused.class)
    ResponseEntity<ProblemDetail> refusedSubmission(SubmissionRefused e) {
        HttpStatus status = HttpStatus.valueOf(e.getStatus().getStatusCode());
        return problem(status, status == HttpStatus.CONFLICT ? "conflict" : "invalid-input", e.field(), e.reason());
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", e.field(), e.getMessage());
    }

    /** Bean Validation of a request body: the first field that breaks its constraint. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        FieldError error = e.getBindingResult().getFieldError();
        if (error == null)
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "invalid-input",
                    null,
                    e.getBindingResult().toString());
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", error.getField(), error.getDefaultMessage());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
        return problem(
                HttpStatus.BAD_REQUEST, "invalid-input", e.getRequestPartName(), "is required (multipart form field)");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return problem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "too-large",
                "file",
                "the upload is larger than spring.servlet.multipart.max-file-size allows");
    }

    /** A process start listener refused the request: answer with the reason it gave. */
    @ExceptionHandler(ProcessEngineException.class)
    ResponseEntity<ProblemDetail> refusedByProcess(ProcessEngineException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BadRequestException input) return badRequest(input);
            if (cause instanceof ConflictException conflict) return conflict(conflict);
        }
        throw e;
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", e.field(), e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", null, e.getMessage());
    }

    /** The engine refused the caller (Camunda authorizations). */
    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<ProblemDetail> notAuthorized(AuthorizationException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", null, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "conflict", e.field(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "invalid-input",
                    field,
                    "has the wrong type: " + mapping.getOriginalMessage());
        }
        return problem(HttpStatus.BAD_REQUEST, "invalid-json", null, "the request body is not valid JSON");
    }

    /**
     * An RFC 9457 problem detail ({@code application/problem+json}: type, title, status, detail) that
     * keeps the members our clients read: {@code error}, {@code field}, {@code message}.
     */
    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String error, String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setProperty("error", error);
        problem.setProperty("field", field);
        problem.setProperty("message", message);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
