package com.servicereview.submission;

import jakarta.ws.rs.core.Response.Status;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;

/**
 * A submission to the engine is refused before anything is written. It is a REST exception so that
 * the engine's REST API (and the web apps' copy of it) answer with its status and message instead
 * of wrapping it into a 500; our own API maps it in ApiErrors.
 */
public class SubmissionRefused extends InvalidRequestException {

    private final String field;

    public SubmissionRefused(Status status, String field, String message) {
        super(status, field == null ? message : field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The reason without the field name in front. */
    public String reason() {
        return field == null ? getMessage() : getMessage().substring(field.length() + 2);
    }
}
