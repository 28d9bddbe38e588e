package com.servicereview.metrics;

import java.time.YearMonth;

/**
 * How a column's staged text is parsed in SQL and why it may be refused. {@code parse} is written
 * over {@code %s}, the staged text (trimmed; empty cells are null); {@code invalid} and
 * {@code reason} over {@code %1$s}, the text, and {@code %2$s}, the parsed value (null when the
 * text does not parse); {@code cast} over {@code %s}, a plainly spelt text ({@link #plain}), only for the types that
 * have a parser to save. The parsers are the {@code review.try_*} functions of V3__metrics.sql (made cheaper by V22).
 * Each value is parsed once per import; the reasons are only evaluated for refused values.
 */
enum ColumnType {

    /** Identifiers and free text. */
    TEXT("%s", null, "length(%1$s) > 100", "'超过 100 个字符 / is longer than 100 characters'"),
    /** A login id that must exist in review.employee (joined as {@code emp}): imports never create employees. */
    EMPLOYEE(
            "emp.id",
            null,
            "%2$s is null",
            "'不是已知的员工（导入不会新建员工） / is not a known employee (an import never creates employees)'"),
    TIMESTAMP(
            "review.try_timestamp(%s)",
            "%s::timestamp",
            "%2$s is null",
            "'不是日期时间（YYYY-MM-DD HH:MM:SS） / is not a date-time (YYYY-MM-DD HH:MM:SS)'"),
    DATE("review.try_date(%s)", "%s::date", "%2$s is null", "'不是日期（YYYY-MM-DD） / is not a date (YYYY-MM-DD)'"),
    PERIOD(
            "case when %1$s ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' then %1$s end",
            null, "%2$s is null", "'不是月份（YYYY-MM） / is not a period (YYYY-MM)'"),
    /** A whole number of occurrences, 0 or more. */
    COUNT(
            "review.try_count(%s)",
            "%s::int",
            "%2$s is null",
            "case when review.try_numeric(%1$s) < 0 then '不能为负数 / must not be negative'"
                    + " when review.try_numeric(%1$s) is not null then '不是整数 / is not a whole number'"
                    + " else '不是数字 / is not a number' end"),
    /** A quantity of 0 or more: seconds, yuan, scores. */
    AMOUNT(
            "review.try_numeric(%s)",
            "%s::numeric",
            "%2$s is null or %2$s < 0",
            "case when review.try_numeric(%1$s) < 0 then '不能为负数 / must not be negative' else '不是数字 / is not a number' end"),
    /** Points of an event, positive or negative. */
    POINTS("review.try_numeric(%s)", "%s::numeric", "%2$s is null", "'不是数字 / is not a number'"),
    BOOLEAN(
            "review.try_boolean(%s)",
            null,
            "%2$s is null",
            "'不是“是”或“否”（yes/no、true/false、1/0、是/否） / is not yes or no (yes/no, true/false, 1/0, 是/否)'"),
    /** One of a fixed list of lower-case words, given in any case; the column lists them and parses it. */
    CHOICE(null, null, null, null);

    private final String parse;
    private final String cast;
    private final String invalid;
    private final String reason;

    ColumnType(String parse, String cast, String invalid, String reason) {
        this.parse = parse;
        this.cast = cast;
        this.invalid = invalid;
        this.reason = reason;
    }

    /** SQL: the typed value of the staged text {@code raw}, or null when it does not parse. */
    String parse(String raw) {
        return parse.formatted(raw);
    }

    /** SQL: the typed value of the plainly spelt text {@code raw}: a cast, a third of the lenient parser's cost. */
    String cast(String raw) {
        return cast.formatted(raw);
    }

    /**
     * Whether the staged text is in the one spelling a plain {@link #cast} reads as the lenient parser does, and
     * never fails on: {@code 2030-01-31 08:05[:09]}, {@code 2030-01-31}, digits with at most one point (a leading
     * minus for points). A column whose every value is plain is parsed by the cast, which costs a third of the
     * parser (StagingTable). False for the types without a parser to save (text, choices, yes/no…).
     */
    boolean plain(String text) {
        return switch (this) {
            case TIMESTAMP -> plainDate(text) && plainTime(text);
            case DATE -> text.length() == 10 && plainDate(text);
            case COUNT -> text.length() <= 9 && digits(text, 0, text.length());
            case AMOUNT -> plainDecimal(text, 0);
            case POINTS -> plainDecimal(text, text.startsWith("-") ? 1 : 0);
            default -> false;
        };
    }

    /** Whether {@link #plain} can ever be true: the types whose parser a cast can stand in for. */
    boolean hasPlainSpelling() {
        return cast != null;
    }

    /** yyyy-MM-dd at the start, a real day of the years 1000 to 2999. */
    private static boolean plainDate(String t) {
        if (t.length() < 10 || t.charAt(4) != '-' || t.charAt(7) != '-') return false;
        if (!digits(t, 0, 4) || !digits(t, 5, 7) || !digits(t, 8, 10) || t.charAt(0) < '1' || t.charAt(0) > '2')
            return false;
        int year = Integer.parseInt(t, 0, 4, 10);
        int month = Integer.parseInt(t, 5, 7, 10);
        int day = Integer.parseInt(t, 8, 10, 10);
        return month >= 1
                && month <= 12
                && day >= 1
                && day <= YearMonth.of(year, month).lengthOfMonth();
    }

    /** " HH:mm" or " HH:mm:ss" after the date, up to 23:59:59. */
    private static boolean plainTime(String t) {
        if ((t.length() != 16 && t.length() != 19) || t.charAt(10) != ' ' || t.charAt(13) != ':') return false;
        if (!digits(t, 11, 13) || !digits(t, 14, 16)) return false;
        if (Integer.parseInt(t, 11, 13, 10) > 23 || Integer.parseInt(t, 14, 16, 10) > 59) return false;
        return t.length() == 16 || (t.charAt(16) == ':' && digits(t, 17, 19) && Integer.parseInt(t, 17, 19, 10) <= 59);
    }

    /** Digits from {@code from}, with at most one point between digits; at most 30 characters. */
    private static boolean plainDecimal(String t, int from) {
        if (t.length() > 30 || t.length() == from) return false;
        int point = t.indexOf('.', from);
        if (point < 0) return digits(t, from, t.length());
        return point > from && point < t.length() - 1 && digits(t, from, point) && digits(t, point + 1, t.length());
    }

    private static boolean digits(String t, int from, int to) {
        if (from >= to) return false;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** SQL condition, true when the non-null text {@code raw}, parsed to {@code typed}, is not a legal value. */
    String invalid(String raw, String typed) {
        return invalid.formatted(raw, typed);
    }

    /** SQL text expression: why the text {@code raw} is refused. */
    String reason(String raw) {
        return reason.formatted(raw);
    }
}
