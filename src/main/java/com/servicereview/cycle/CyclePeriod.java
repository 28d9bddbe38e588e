package com.servicereview.cycle;

import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cycle's period: a month (2026-10), a quarter (2026-Q3), a half-year (2026-H1) or a year (2026).
 * All but months roll up their months' reviews instead of starting reviews of their own.
 */
public record CyclePeriod(String text, YearMonth first, YearMonth last) {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?");

    public static CyclePeriod parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "须为月份 YYYY-MM、季度 YYYY-Qn、半年 YYYY-Hn 或年度 YYYY，例如 2026-10"
                            + " / must be a month YYYY-MM, a quarter YYYY-Qn, a half-year YYYY-Hn or a year YYYY, e.g. 2026-10");
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(2)));
            return new CyclePeriod(text, month, month);
        }
        if (m.group(3) != null) {
            int quarter = Integer.parseInt(m.group(3));
            return new CyclePeriod(text, YearMonth.of(year, quarter * 3 - 2), YearMonth.of(year, quarter * 3));
        }
        if (m.group(4) != null) {
            int half = Integer.parseInt(m.group(4));
            return new CyclePeriod(text, YearMonth.of(year, half * 6 - 5), YearMonth.of(year, half * 6));
        }
        return new CyclePeriod(text, YearMonth.of(year, 1), YearMonth.of(year, 12));
    }

    /** A quarter or a year: the periods A1 awards are given for. */
    public boolean awardPeriod() {
        int months = (last.getYear() - first.getYear()) * 12 + last.getMonthValue() - first.getMonthValue() + 1;
        return months == 3 || months == 12;
    }

    /** The first half of a year: the mid-year of C3's follow-up. */
    public boolean midYear() {
        return first.getMonthValue() == 1 && last.getMonthValue() == 6;
    }

    public boolean monthly() {
        return first.equals(last);
    }

    public boolean annual() {
        return first.getMonthValue() == 1 && last.getMonthValue() == 12;
    }
}
