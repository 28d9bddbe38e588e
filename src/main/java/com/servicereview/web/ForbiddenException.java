package com.servicereview.web;

/** The caller may not see or do this; answered with 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
