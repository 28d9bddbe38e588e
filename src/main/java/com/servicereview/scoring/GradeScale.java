package com.servicereview.scoring;

import java.util.EnumMap;
import java.util.Map;

/**
 * Maps a final total onto a grade by lower bounds (G1: 95 / 85 / 70 / 50). Totals are rounded to
 * two decimals before grading, so 84.995 counts as 85.00 and 84.99 stays EXCELLENT's neighbour.
 */
public final class GradeScale {

    public static final GradeScale G1 = new GradeScale(95, 85, 70, 50);

    private final double outstanding;
    private final double excellent;
    private final double medium;
    private final double needsImprovement;

    public GradeScale(double outstanding, double excellent, double medium, double needsImprovement) {
        if (!(outstanding > excellent && excellent > medium && medium > needsImprovement && needsImprovement > 0)) {
            throw new IllegalArgumentException("grade lower bounds must strictly decrease and stay above 0");
        }
        this.outstanding = outstanding;
        this.excellent = excellent;
        this.medium = medium;
        this.needsImprovement = needsImprovement;
    }

    public Grade gradeOf(double total) {
        if (total >= outstanding) return Grade.OUTSTANDING;
        if (total >= excellent) return Grade.EXCELLENT;
        if (total >= medium) return Grade.MEDIUM;
        if (total >= needsImprovement) return Grade.NEEDS_IMPROVEMENT;
        return Grade.URGENT_IMPROVEMENT;
    }

    /** Lower bound of each grade; URGENT_IMPROVEMENT starts at 0. */
    public Map<Grade, Double> lowerBounds() {
        Map<Grade, Double> bounds = new EnumMap<>(Grade.class);
        bounds.put(Grade.OUTSTANDING, outstanding);
        bounds.put(Grade.EXCELLENT, excellent);
        bounds.put(Grade.MEDIUM, medium);
        bounds.put(Grade.NEEDS_IMPROVEMENT, needsImprovement);
        bounds.put(Grade.URGENT_IMPROVEMENT, 0.0);
        return bounds;
    }
}
