package com.servicereview.scoring;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated, versioned scoring scheme (考核方案). Built only by {@link SchemeParser}, so every
 * instance satisfies W1 and B2.
 *
 * @param raterWeights R1: rater role → weight in percent, e.g. self 15, supervisor 60, group 25
 * @param raters       the keys of raterWeights, in order
 * @param bonusCap     the total is clamped to [0, 100 + bonusCap] after adjustment events
 * @param normalised   W1: weights were scaled by 100 / declared sum
 * @param valueKeys    every key {@code values} may hold: measured indicators, penalty and flag inputs
 */
public record Scheme(
        String id,
        int version,
        String nameZh,
        String nameEn,
        String source,
        String description,
        List<String> notes,
        double declaredWeightSum,
        boolean normalised,
        double bonusCap,
        Map<String, Double> raterWeights,
        List<String> raters,
        List<Indicator> indicators,
        Map<String, EventType> events,
        GradeScale gradeScale,
        Quota quota,
        Set<String> valueKeys,
        String document,
        String contentHash) {

    public Indicator indicator(String indicatorId) {
        for (Indicator indicator : indicators) {
            if (indicator.id().equals(indicatorId)) return indicator;
        }
        return null;
    }

    public double maxTotal() {
        return 100 + bonusCap;
    }
}
