package com.servicereview.scoring;

/**
 * Units of input values (U1): rates are percentages in 0..100, durations seconds, amounts yuan.
 * Each unit knows which values are legal so that a bad input is an error, never a silent 0.
 */
public enum Unit {
    /** A rate in 0..100 (0.5 means 0.5%). */
    PERCENT("percent", 0, 100, false),
    /** A completion percentage that may exceed 100 (120 = 20% over plan). */
    PERCENT_OF_TARGET("percent-of-target", 0, Double.POSITIVE_INFINITY, false),
    COUNT("count", 0, Double.POSITIVE_INFINITY, true),
    SECONDS("seconds", 0, Double.POSITIVE_INFINITY, false),
    HOURS("hours", 0, Double.POSITIVE_INFINITY, false),
    YUAN("yuan", 0, Double.POSITIVE_INFINITY, false),
    /** A score on a survey or rating scale; bounds come from the indicator. */
    SCORE("score", 0, Double.POSITIVE_INFINITY, false),
    /** 0 or 1. */
    FLAG("flag", 0, 1, true);

    private final String id;
    private final double min;
    private final double max;
    private final boolean whole;

    Unit(String id, double min, double max, boolean whole) {
        this.id = id;
        this.min = min;
        this.max = max;
        this.whole = whole;
    }

    public String id() {
        return id;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Counts and flags are whole numbers; bracket coverage is then checked on integers. */
    public boolean whole() {
        return whole;
    }

    public static Unit fromId(String id) {
        for (Unit unit : values()) {
            if (unit.id.equals(id)) return unit;
        }
        return null;
    }

    /** Null when the value is legal, otherwise why it is not. */
    public String problemWith(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return "must be a finite number";
        if (value < min) return "must not be negative";
        if (value > max) return "must be at most " + Numbers.plain(max) + " (" + id + ")";
        if (whole && value != Math.rint(value)) return "must be a whole number (" + id + ")";
        return null;
    }
}
