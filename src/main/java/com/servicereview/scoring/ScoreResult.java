package com.servicereview.scoring;

import java.util.List;
import java.util.Map;

/**
 * A scored scorecard with the breakdown R3 requires. Points are rounded to two decimals per line,
 * and the total is the sum of the rounded lines and adjustments, so the breakdown adds up exactly.
 *
 * @param raterTotals R2: per rater, the total as if that rater's scores stood for every rated indicator they rate
 */
public record ScoreResult(
        String schemeId,
        int schemeVersion,
        double total,
        Grade grade,
        List<Line> breakdown,
        List<Adjustment> adjustments,
        Map<String, Double> raterTotals,
        double uncappedTotal) {

    /**
     * @param input     the measured value, or null for rated indicators
     * @param ratings   rater → raw score, for rated and multi-rater indicators
     * @param deduction points taken by the indicator's penalty or linked events
     */
    public record Line(
            String indicatorId,
            String nameZh,
            String nameEn,
            String category,
            String kind,
            double maxPoints,
            Double input,
            Map<String, Double> ratings,
            String rule,
            double deduction,
            double points) {}

    public record Adjustment(
            String type,
            String nameZh,
            String nameEn,
            int count,
            double pointsEach,
            double points,
            String indicatorId) {}
}
