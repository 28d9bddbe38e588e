package com.servicereview.scoring;

import java.util.Locale;

/** How numbers are written for people, everywhere: in rules, breakdowns, forms, reports and exports. */
public final class Numbers {

    private Numbers() {}

    /** The shortest exact form: 30, 0.4, 12.5; infinite bounds as inf / -inf. */
    public static String plain(double v) {
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A fixed number of decimals with a decimal point, whatever the server's locale: 85.0, 1000.00. */
    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
