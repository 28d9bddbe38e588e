package com.servicereview.web;

/** The request itself is wrong (a bad path value, a missing part); answered with 400 naming the field. */
public class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** "field: reason", as people read it in Tasklist and in REST answers. */
    public String describe() {
        return field == null ? getMessage() : field + ": " + getMessage();
    }
}
