package com.servicereview.cycle;

import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cycle's period: a month (2026-10), a quarter (2026-Q3) or a year (2026). Quarters and years
 * roll up their months' reviews instead of starting reviews of their own.
 */
public record CyclePeriod(String text, YearMonth first, YearMonth last) {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?");

    public static CyclePeriod parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("must be a month YYYY-MM, a quarter YYYY-Qn or a year YYYY, e.g. 2026-10");
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
        return new CyclePeriod(text, YearMonth.of(year, 1), YearMonth.of(year, 12));
    }

    public boolean monthly() {
        return first.equals(last);
    }

    public boolean annual() {
        return first.getMonthValue() == 1 && last.getMonthValue() == 12;
    }
}
