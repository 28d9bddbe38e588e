package com.servicereview.review;

import com.servicereview.web.BadRequestException;

/**
 * A person's input to a review step is not acceptable. Thrown with "field: reason"; the field is
 * what answers name (ApiErrors, the engine's REST API through the submission guard).
 */
public class ReviewInputException extends BadRequestException {

    public ReviewInputException(String message) {
        super(fieldOf(message), reasonOf(message));
    }

    private static String fieldOf(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 || message.substring(0, colon).contains(" ") ? null : message.substring(0, colon);
    }

    private static String reasonOf(String message) {
        return fieldOf(message) == null ? message : message.substring(message.indexOf(": ") + 2);
    }
}
