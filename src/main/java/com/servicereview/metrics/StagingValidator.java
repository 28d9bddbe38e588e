package com.servicereview.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks every staged row of an import in one set-based query: each column's type (number, date,
 * choice…), required values, known employees, the record type's cross-column rules (one pass that
 * parses every value once) and keys repeated within the file (one grouping of the keys). Returns the
 * first errors in file order and counts them all.
 */
@Component
class StagingValidator {

    private final JdbcClient jdbc;
    private final SchemeVocabulary vocabulary;

    StagingValidator(JdbcClient jdbc, SchemeVocabulary vocabulary) {
        this.jdbc = jdbc;
        this.vocabulary = vocabulary;
    }

    /**
     * The row rules of one import, read once: its digests, its one-pass store and its validation judge by the same
     * vocabulary even when HR publishes a scheme meanwhile.
     */
    record Rules(RecordType type, List<Check> checks) {}

    Rules rules(RecordType type) {
        return new Rules(type, type.checks(vocabulary));
    }

    /**
     * Adds the rows' errors to {@code errors}; runs in the transaction that staged them. {@code plain}: the columns
     * whose staged values are all plainly spelt (StagingTable#plainColumns).
     */
    void validate(Rules rules, ImportErrors errors, Set<String> plain) {
        String file = errors.file();
        List<Long> total = new ArrayList<>(1);
        List<ImportError> shown = jdbc.sql(sql(rules, plain))
                .param("limit", errors.limit())
                .query((rs, n) -> {
                    if (total.isEmpty()) total.add(rs.getLong("total"));
                    return new ImportError(
                            file,
                            null,
                            rs.getLong("row_no"),
                            rs.getString("col"),
                            rs.getString("val"),
                            rs.getString("reason"));
                })
                .list();
        if (!shown.isEmpty()) errors.addCounted(shown, total.get(0));
    }

    /**
     * SQL: a subquery of the staged rows parsed as {@link StagingTable#parsed}, each with {@code refused}: whether it
     * breaks any of the row rules {@link #validate} applies (all but the repeated key). The store's one-pass insert
     * and merge read it, and give up on any refused row. {@code unlessStored}: only the rows whose digest no stored row
     * carries (StagingTable#parsedUnlessStored); the others were judged by these rules when they were stored.
     */
    static String judgedRows(Rules rules, Set<String> plain, boolean unlessStored) {
        RecordType type = rules.type();
        String parsed = unlessStored
                ? StagingTable.parsedUnlessStored(type.columns(), plain, type.table())
                : StagingTable.parsed(type.columns(), plain);
        return "(select p.*, " + anyReason(reasons(type, rules.checks())) + " is not null as refused from " + parsed
                + " p)";
    }

    /** SQL: each rule of a row as a text expression over parsed row {@code p}, null when the row keeps it. */
    private static List<String> reasons(RecordType type, List<Check> checks) {
        List<String> reasons = new ArrayList<>();
        for (Column column : type.columns()) reasons.add(column.problem("p"));
        for (Check check : checks) reasons.add("case when " + check.condition() + " then " + check.reason() + " end");
        return reasons;
    }

    private static String anyReason(List<String> reasons) {
        return "coalesce(" + String.join(", ", reasons) + ")";
    }

    private static String sql(Rules rules, Set<String> plain) {
        RecordType type = rules.type();
        List<Check> checks = rules.checks();
        List<String> reasons = reasons(type, checks);
        // The column each reason is about, in the order of reasons(): the columns, then the checks.
        List<String> entries = new ArrayList<>();
        for (Column column : type.columns())
            entries.add((type.columns().indexOf(column) + 1) + ", '" + column.name() + "', p." + column.name());
        for (Check check : checks)
            entries.add((type.columns().indexOf(type.column(check.column())) + 1) + ", '" + check.column() + "', p."
                    + check.column());
        List<String> selected = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < reasons.size(); i++) {
            selected.add(reasons.get(i) + " as r" + i);
            values.add("(" + entries.get(i) + ", p.r" + i + ")");
        }
        String anyReason = anyReason(reasons);
        List<String> keys = type.key().stream().map(k -> "v_" + k).toList();
        String keyed = StagingTable.parsed(type.key().stream().map(type::column).toList(), plain);
        // Every rule is evaluated once per row in one projection; only refused rows are unfolded into errors.
        return """
                with keyed as not materialized %1$s,
                problems as (
                    select p.row_no, e.ordinal, e.col, e.val, e.reason
                      from (select p.*, %2$s
                              from %10$s p
                             where %3$s is not null) p
                     cross join lateral (values
                           %4$s) e(ordinal, col, val, reason)
                     where e.reason is not null
                    union all
                    -- The same key twice in one file: the later rows are refused, naming the first.
                    select p.row_no, 0, '%5$s', concat_ws(' / ', %6$s), '与第 ' || d.first_row || ' 行的键重复 / repeats the key of row ' || d.first_row
                      from (select %7$s, min(row_no) as first_row
                              from keyed
                             where %8$s
                             group by %7$s
                            having count(*) > 1) d
                      join keyed p on %9$s and p.row_no > d.first_row
                )
                select row_no, col, val, reason, count(*) over () as total
                  from problems
                 order by row_no, ordinal
                 limit :limit
                """.formatted(
                        keyed,
                        String.join(", ", selected),
                        anyReason,
                        String.join(",\n                           ", values),
                        String.join(" + ", type.key()),
                        type.key().stream().map(k -> "p." + k).collect(Collectors.joining(", ")),
                        String.join(", ", keys),
                        keys.stream().map(k -> k + " is not null").collect(Collectors.joining(" and ")),
                        keys.stream().map(k -> "p." + k + " = d." + k).collect(Collectors.joining(" and ")),
                        StagingTable.parsed(type.columns(), plain));
    }
}
