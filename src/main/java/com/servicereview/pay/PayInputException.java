package com.servicereview.pay;

import java.util.List;

/** Pay inputs that are wrong; every fault names its field (e.g. {@code employees[1].postSalary}). Answered with 400. */
public class PayInputException extends RuntimeException {

    public record Fault(String field, String message) {}

    private final List<Fault> faults;

    public PayInputException(List<Fault> faults) {
        super(faults.get(0).field() + ": " + faults.get(0).message());
        this.faults = List.copyOf(faults);
    }

    public List<Fault> faults() {
        return faults;
    }
}
