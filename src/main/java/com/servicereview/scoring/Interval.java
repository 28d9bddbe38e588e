package com.servicereview.scoring;

/**
 * A range written in interval notation, e.g. {@code (0, 0.4]}, {@code [95, 100)}, {@code (5, inf)}.
 * Scheme files state each bracket's bounds this way so that B1's loose seed wording is settled once,
 * in the file, and B2 (no gap, no overlap) can be checked mechanically.
 */
public record Interval(double lower, boolean lowerInclusive, double upper, boolean upperInclusive) {

    public static Interval parse(String text) {
        String s = text.trim();
        char open = s.isEmpty() ? ' ' : s.charAt(0);
        char close = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        if (s.length() < 5 || (open != '(' && open != '[') || (close != ')' && close != ']')) {
            throw new IllegalArgumentException("'" + text + "' is not an interval like (0, 0.4] or [95, 100)");
        }
        String[] parts = s.substring(1, s.length() - 1).split(",");
        if (parts.length != 2)
            throw new IllegalArgumentException("'" + text + "' must have two bounds separated by a comma");
        double lower = bound(parts[0], text);
        double upper = bound(parts[1], text);
        boolean lowerInclusive = open == '[';
        boolean upperInclusive = close == ']';
        if (lower > upper || (lower == upper && !(lowerInclusive && upperInclusive))) {
            throw new IllegalArgumentException("'" + text + "' is empty");
        }
        if ((Double.isInfinite(lower) && lowerInclusive) || (Double.isInfinite(upper) && upperInclusive)) {
            throw new IllegalArgumentException("'" + text + "': an infinite bound must be open");
        }
        return new Interval(lower, lowerInclusive, upper, upperInclusive);
    }

    private static double bound(String part, String text) {
        String p = part.trim().toLowerCase();
        if (p.equals("inf") || p.equals("+inf")) return Double.POSITIVE_INFINITY;
        if (p.equals("-inf")) return Double.NEGATIVE_INFINITY;
        double bound;
        try {
            bound = Double.parseDouble(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': '" + part.trim() + "' is not a number");
        }
        // Only inf may mean infinity: a bound that overflows (1e400) is a typo, not an open end.
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException(
                    "'" + text + "': '" + part.trim() + "' is not a finite number (an open end is written inf)");
        }
        return bound;
    }

    public boolean contains(double v) {
        boolean aboveLower = lowerInclusive ? v >= lower : v > lower;
        boolean belowUpper = upperInclusive ? v <= upper : v < upper;
        return aboveLower && belowUpper;
    }

    /** For whole-number domains: the smallest integer inside. */
    long firstWhole() {
        double f = Math.ceil(lower);
        return (long) (f == lower && !lowerInclusive ? f + 1 : f);
    }

    /** For whole-number domains: the largest integer inside, or Long.MAX_VALUE when unbounded. */
    long lastWhole() {
        if (Double.isInfinite(upper)) return Long.MAX_VALUE;
        double f = Math.floor(upper);
        return (long) (f == upper && !upperInclusive ? f - 1 : f);
    }

    /**
     * The interval in words, Chinese then English, because "[95, 100) (95%以下)" read as "below 95%"
     * for 98: "95 至 100（不含 100）/ from 95 to under 100".
     */
    public String words() {
        String a = Numbers.plain(lower);
        String b = Numbers.plain(upper);
        if (Double.isInfinite(upper)) {
            return lowerInclusive ? a + " 及以上 / " + a + " or more" : "高于 " + a + " / over " + a;
        }
        if (lower == upper) return "等于 " + a + " / exactly " + a;
        String zh = (lowerInclusive ? a : "高于 " + a) + " 至 " + b + (upperInclusive ? "" : "（不含 " + b + "）");
        String en = (lowerInclusive ? "from " + a : "over " + a) + (upperInclusive ? " to " + b : " to under " + b);
        return zh + " / " + en;
    }

    @Override
    public String toString() {
        return (lowerInclusive ? "[" : "(") + Numbers.plain(lower) + ", " + Numbers.plain(upper)
                + (upperInclusive ? "]" : ")");
    }
}
