package com.servicereview.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule across columns of one row, reported against {@code column}. {@code conditionSql} (true = the
 * row is wrong) and {@code reasonSql} (SQL text) are written over the parsed staging row {@code p}:
 * {@code {column}} stands for a column's typed value, {@code p.column} for its text. A condition
 * that meets an unparsed value is null and does not fire: that column has its own error.
 */
record Check(String column, String conditionSql, String reasonSql) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    /** SQL condition over the parsed row {@code p}. */
    String condition() {
        return expand(conditionSql);
    }

    /** SQL text expression over the parsed row {@code p}. */
    String reason() {
        return expand(reasonSql);
    }

    private static String expand(String sql) {
        Matcher m = PLACEHOLDER.matcher(sql);
        return m.replaceAll(match -> "p.v_" + match.group(1));
    }
}
