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
     * @param line      where in the document (1-based): the field's key, or the nearest enclosing entry when the field
     *                  is missing; null when the document gives no place (it is empty, or not YAML at all)
     * @param column    the column of {@code line} (1-based), null with it
     */
    public record Problem(String scheme, String indicator, String field, String message, Integer line, Integer column) {

        public Problem(String scheme, String indicator, String field, String message) {
            this(scheme, indicator, field, message, null, null);
        }

        Problem at(Integer atLine, Integer atColumn) {
            return new Problem(scheme, indicator, field, message, atLine, atColumn);
        }

        @Override
        public String toString() {
            return "scheme '" + scheme + "'" + (indicator == null ? "" : ", indicator '" + indicator + "'")
                    + (field == null ? "" : ", " + field) + ": " + message;
        }
    }
}
