package com.servicereview.scoring;

/** A bad input to a scorecard: names the offending field, e.g. {@code values.complaint-rate}. */
public class ScoringException extends RuntimeException {

    private final String field;

    public ScoringException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
