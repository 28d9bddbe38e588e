package com.servicereview.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The spellings a plain cast may read instead of the lenient parser: only those PostgreSQL's cast reads as the parser
 * does and never refuses. Anything else keeps the column on the parser, which finds and explains the bad values.
 */
class PlainSpellingTest {

    @Test
    void dateTimesAreTheIsoSpellingOfARealMoment() {
        assertThat(ColumnType.TIMESTAMP.plain("2030-01-31 08:05:09")).isTrue();
        assertThat(ColumnType.TIMESTAMP.plain("2030-01-31 08:05")).isTrue();
        assertThat(ColumnType.TIMESTAMP.plain("2028-02-29 23:59:59")).isTrue();
        // Not a real moment, or a spelling only the parser reads (or refuses with its reason).
        assertThat(ColumnType.TIMESTAMP.plain("2030-02-29 08:00")).isFalse();
        assertThat(ColumnType.TIMESTAMP.plain("2030-13-01 08:00")).isFalse();
        assertThat(ColumnType.TIMESTAMP.plain("2030-01-01 24:00:00")).isFalse();
        assertThat(ColumnType.TIMESTAMP.plain("2030-01-01 08:60")).isFalse();
        assertThat(ColumnType.TIMESTAMP.plain("2030/1/6 08:00")).isFalse();
        assertThat(ColumnType.TIMESTAMP.plain("2030-01-01T08:00")).isFalse();
        assertThat(ColumnType.TIMESTAMP.plain("2030-01-01 08:00+02")).isFalse();
        assertThat(ColumnType.TIMESTAMP.plain("0000-01-01 08:00")).isFalse();
        assertThat(ColumnType.TIMESTAMP.plain("2030-01-01")).isFalse();
        assertThat(ColumnType.TIMESTAMP.plain("now")).isFalse();
    }

    @Test
    void datesCountsAndAmountsAreDigits() {
        assertThat(ColumnType.DATE.plain("2030-01-31")).isTrue();
        assertThat(ColumnType.DATE.plain("2030-04-31")).isFalse();
        assertThat(ColumnType.DATE.plain("2030-01-31 08:00")).isFalse();
        assertThat(ColumnType.COUNT.plain("12")).isTrue();
        assertThat(ColumnType.COUNT.plain("999999999")).isTrue();
        assertThat(ColumnType.COUNT.plain("9999999999")).isFalse(); // beyond an int: the parser says why
        assertThat(ColumnType.COUNT.plain("-2")).isFalse();
        assertThat(ColumnType.COUNT.plain("1.5")).isFalse();
        assertThat(ColumnType.AMOUNT.plain("20.50")).isTrue();
        assertThat(ColumnType.AMOUNT.plain("0")).isTrue();
        assertThat(ColumnType.AMOUNT.plain("-1")).isFalse();
        assertThat(ColumnType.AMOUNT.plain(".5")).isFalse();
        assertThat(ColumnType.AMOUNT.plain("5.")).isFalse();
        assertThat(ColumnType.AMOUNT.plain("1e3")).isFalse();
        assertThat(ColumnType.AMOUNT.plain("NaN")).isFalse();
        assertThat(ColumnType.AMOUNT.plain("1.2.3")).isFalse();
        assertThat(ColumnType.POINTS.plain("-4")).isTrue();
        assertThat(ColumnType.POINTS.plain("-")).isFalse();
        assertThat(ColumnType.POINTS.plain("--4")).isFalse();
    }

    @Test
    void typesWithoutAParserToSaveAreNeverPlain() {
        assertThat(ColumnType.BOOLEAN.plain("yes")).isFalse();
        assertThat(ColumnType.TEXT.plain("S1")).isFalse();
        assertThat(ColumnType.PERIOD.plain("2030-01")).isFalse();
        assertThat(ColumnType.CHOICE.hasPlainSpelling()).isFalse();
    }
}
