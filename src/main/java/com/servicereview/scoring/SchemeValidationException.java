package com.servicereview.scoring;

import java.util.List;
import java.util.stream.Collectors;

/** A scheme that cannot be used; lists every problem found, not only the first. */
public class SchemeValidationException extends RuntimeException {

    private final List<Problem> problems;

    public SchemeValidationException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * @param scheme    the scheme id (or the file name when the id itself is missing)
     * @param indicator the indicator id, or null for scheme-level problems
     * @param field     the field at fault, e.g. {@code params.brackets[2].range}
     */
    public record Problem(String scheme, String indicator, String field, String message) {
        @Override
        public String toString() {
            return "scheme '" + scheme + "'" + (indicator == null ? "" : ", indicator '" + indicator + "'")
                    + (field == null ? "" : ", " + field) + ": " + message;
        }
    }
}
