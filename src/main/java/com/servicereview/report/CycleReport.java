package com.servicereview.report;

import com.servicereview.scoring.Grade;
import java.util.List;
import java.util.Map;

/**
 * Everything the cycle report shows, read once from our tables; the JSON answer, the HTML page
 * and the workbook are three renderings of this one value.
 *
 * @param cycle        the cycle and its unit
 * @param headcount    the employees calibrated (or proposed) in the cycle
 * @param calibrated   true once HR has decided every row (final grades), false while only proposals exist
 * @param distribution one row per grade, best first
 * @param ranking      the calibration rows by rank
 * @param indicators   the columns of the breakdown, in scheme order as first met
 * @param breakdown    one row per employee with a score, in ranking order
 * @param trend        the periods of the last twelve months that have scored reviews of the unit and scheme
 */
public record CycleReport(
        Cycle cycle,
        int headcount,
        boolean calibrated,
        List<GradeRow> distribution,
        List<RankRow> ranking,
        List<IndicatorColumn> indicators,
        List<BreakdownRow> breakdown,
        TrendWindow trend) {

    public record Cycle(
            String id,
            String unitId,
            String unitNameZh,
            String unitNameEn,
            String period,
            String schemeId,
            String schemeNameZh,
            String schemeNameEn,
            String status) {}

    /**
     * @param quotaPercent  the scheme's G2 share for the grade
     * @param seats         floor(quota × headcount) for the capped grades, null for the two uncapped ones
     * @param actualPercent count / headcount × 100, one decimal; 0 when nobody is calibrated
     */
    public record GradeRow(
            Grade grade,
            String labelZh,
            String labelEn,
            double quotaPercent,
            Integer seats,
            int count,
            double actualPercent) {}

    public record Employee(String id, String nameZh, String nameEn) {}

    /**
     * @param grade      the final grade when calibrated, else the proposed one
     * @param overridden HR chose a grade other than the proposed one (with a written reason)
     */
    public record RankRow(
            int rank,
            Employee employee,
            double total,
            Grade naturalGrade,
            Grade proposedGrade,
            Grade grade,
            boolean overridden,
            String overrideReason) {}

    public record IndicatorColumn(String indicatorId, String nameZh, String nameEn, double maxPoints) {}

    /** One indicator of one employee's latest score version. */
    public record Line(
            String indicatorId,
            String nameZh,
            String nameEn,
            double points,
            double maxPoints,
            String rule,
            Double input) {}

    public record BreakdownRow(
            Employee employee, String reviewId, int scoreVersion, double total, Grade grade, List<Line> lines) {

        /** This row's line of the indicator, or null when its score has none (a breakdown column of another scheme version). */
        public Line line(String indicatorId) {
            for (Line line : lines) {
                if (line.indicatorId().equals(indicatorId)) return line;
            }
            return null;
        }
    }

    /**
     * @param averageTotal mean final total of the period's scored reviews, two decimals
     * @param grades       final grade → number of reviews, every grade present (0 included)
     */
    public record TrendPoint(String period, int reviews, double averageTotal, Map<Grade, Integer> grades) {}

    /** The twelve months ending with the cycle's period, and those of them that have reviews. */
    public record TrendWindow(String from, String to, List<TrendPoint> periods) {}
}
