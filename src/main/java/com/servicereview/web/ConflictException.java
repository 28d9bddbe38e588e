package com.servicereview.web;

/** The request clashes with what exists (e.g. the review was already started); answered with 409. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String describe() {
        return field == null ? getMessage() : field + ": " + getMessage();
    }
}
