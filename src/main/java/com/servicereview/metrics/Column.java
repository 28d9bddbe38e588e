package com.servicereview.metrics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One column of a record type: its name in files (header) and in the table, its type, whether a
 * value is required, and the SQL default for an optional one that is left empty. In the parsed
 * staging table a column has its text under its own name and its typed value as {@code v_<name>}.
 */
record Column(String name, ColumnType type, boolean required, String defaultSql, List<String> choices) {

    static Column required(String name, ColumnType type) {
        return new Column(name, type, true, null, List.of());
    }

    static Column optional(String name, ColumnType type, String defaultSql) {
        return new Column(name, type, false, defaultSql, List.of());
    }

    static Column choice(String name, boolean required, String defaultValue, String... choices) {
        return new Column(
                name,
                ColumnType.CHOICE,
                required,
                defaultValue == null ? null : "'" + defaultValue + "'",
                List.of(choices));
    }

    /**
     * SQL: the typed value of this column's text in staging row {@code stage}; by a plain cast when every staged value
     * of the column is {@link ColumnType#plain}.
     */
    String parse(String stage, boolean plain) {
        String raw = stage + "." + name;
        // A choice spelled as listed (the usual case) needs no lower(), which is costly on a million rows.
        if (type == ColumnType.CHOICE)
            return "case when " + raw + " in (" + listed() + ") then " + raw + " else lower(" + raw + ") end";
        return plain ? type.cast(raw) : type.parse(raw);
    }

    /** SQL: the value to store from parsed row {@code parsed} of an accepted row, the default filling an empty cell. */
    String storedFromParsed(String parsed) {
        return defaultSql == null ? typed(parsed) : "coalesce(" + typed(parsed) + ", " + defaultSql + ")";
    }

    private String listed() {
        return choices.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
    }

    /** SQL: the typed value in parsed row {@code parsed}, without the default. */
    String typed(String parsed) {
        return parsed + ".v_" + name;
    }

    /** SQL text expression over parsed row {@code parsed}: null when the value is fine, otherwise why not. */
    String problem(String parsed) {
        String raw = parsed + "." + name;
        String missing = required ? "'必填 / is required'" : "null";
        if (type == ColumnType.CHOICE) {
            return "case when " + raw + " is null then " + missing + " when " + typed(parsed) + " not in (" + listed()
                    + ") then '不是以下之一：" + String.join("、", choices) + " / is not one of " + String.join(", ", choices)
                    + "' end";
        }
        return "case when " + raw + " is null then " + missing + " when " + type.invalid(raw, typed(parsed)) + " then "
                + type.reason(raw) + " end";
    }
}
