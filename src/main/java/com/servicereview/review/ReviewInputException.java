package com.servicereview.review;

/** A person's input to a review step is not acceptable; the message says which field and why. */
public class ReviewInputException extends RuntimeException {

    public ReviewInputException(String message) {
        super(message);
    }
}
