package com.servicereview.scoring;

import java.util.List;
import java.util.Map;

/**
 * One line of a scorecard. {@code maxPoints} is the weight after any declared normalisation (W1).
 * Kind-specific settings are null where a kind does not use them; {@code params} keeps the file's
 * parameters as written, for display. For rated indicators, {@code raterSlots} gives each rater's
 * position in the scheme's raters and {@code raterWeights} its R1 weight, so scoring needs no lookups.
 */
public record Indicator(
        String id,
        String nameZh,
        String nameEn,
        String categoryZh,
        String categoryEn,
        double weight,
        double maxPoints,
        IndicatorKind kind,
        Unit unit,
        String seed,
        Map<String, Object> params,
        String ruleText,
        Double target,
        double cap,
        Double zeroAt,
        Threshold threshold,
        double partial,
        double per,
        BracketTable brackets,
        boolean bracketsDeduct,
        List<String> raters,
        int[] raterSlots,
        double[] raterWeights,
        double scaleMin,
        double scaleMax,
        String fullPointsWhen,
        Penalty penalty) {

    /** A condition such as {@code > 60}. */
    public record Threshold(String operator, double value) {
        boolean holds(double v) {
            return switch (operator) {
                case ">" -> v > value;
                case ">=" -> v >= value;
                case "<" -> v < value;
                case "<=" -> v <= value;
                default -> throw new IllegalStateException(operator);
            };
        }

        @Override
        public String toString() {
            return operator + " " + Numbers.plain(value);
        }
    }

    /**
     * A deduction on a second count input of the same indicator, e.g. 抽查每次不合格扣2分 on the rated
     * 专业技能/接听质量, or 未回复人数 brackets on 及时响应. Floors the indicator at 0.
     */
    public record Penalty(
            String input,
            String nameZh,
            String nameEn,
            double per,
            BracketTable brackets,
            String ruleText,
            String ruleTextAfter) {

        /** The same penalty, with the text it shows after the indicator's own rule. */
        Penalty after(String indicatorRule) {
            return new Penalty(input, nameZh, nameEn, per, brackets, ruleText, indicatorRule + "; " + ruleText);
        }

        /** Points taken for {@code count} occurrences (per occurrence, or from the bracket table). */
        public double deduction(double count) {
            return brackets == null ? count * per : brackets.find(count).amount();
        }
    }
}
