package com.servicereview.scoring;

import java.util.EnumMap;
import java.util.Map;

/**
 * G2: share of the headcount per grade, in percent. The top three grades are upper bounds; the
 * bottom two are targets that the report compares with, never forced upward.
 */
public record Quota(Map<Grade, Double> percent) {

    public static final Quota G2 = new Quota(Map.of(
            Grade.OUTSTANDING, 10.0,
            Grade.EXCELLENT, 15.0,
            Grade.MEDIUM, 65.0,
            Grade.NEEDS_IMPROVEMENT, 10.0,
            Grade.URGENT_IMPROVEMENT, 10.0));

    public Quota {
        percent = new EnumMap<>(percent);
    }

    public static boolean capped(Grade grade) {
        return grade.ordinal() <= Grade.MEDIUM.ordinal();
    }

    /** Seats for a capped grade: floor(percent × headcount / 100), so the bound is never exceeded. */
    public int seats(Grade grade, int headcount) {
        if (!capped(grade)) return Integer.MAX_VALUE;
        // The epsilon keeps 10% of 30 at 3 seats despite binary floating point.
        return (int) Math.floor(percent.get(grade) * headcount / 100.0 + 1e-9);
    }
}
