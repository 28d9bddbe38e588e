package com.servicereview.schemes;

import com.servicereview.scoring.EventType;
import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Indicator;
import com.servicereview.scoring.IndicatorKind;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A scheme as the API shows it: what HR reads, without the compiled rule objects. */
public record SchemeView(
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
        Map<String, Double> raters,
        List<IndicatorView> indicators,
        List<EventView> events,
        Map<Grade, Double> gradeLowerBounds,
        Map<Grade, Double> quotaPercent,
        String contentHash) {

    /**
     * @param inputs what a what-if request must give in {@code values} for this indicator
     * @param raters who scores it (rated and multi-rater indicators), each on {@code scale}
     */
    public record IndicatorView(
            String id,
            String nameZh,
            String nameEn,
            String category,
            String categoryEn,
            double weight,
            double maxPoints,
            String kind,
            String unit,
            String rule,
            Map<String, Object> parameters,
            String seed,
            List<InputView> inputs,
            List<String> raters,
            ScaleView scale) {}

    /** One value an indicator reads: its key in {@code values}, names, unit and allowed range ({@code max} null: unbounded). */
    public record InputView(
            String id,
            String nameZh,
            String nameEn,
            String unit,
            double min,
            Double max,
            boolean wholeNumber,
            boolean required) {}

    public record ScaleView(double min, double max) {}

    public record EventView(
            String id,
            String nameZh,
            String nameEn,
            double minPoints,
            double maxPoints,
            String indicator,
            String seed) {}

    public static SchemeView of(Scheme s) {
        List<IndicatorView> indicators =
                s.indicators().stream().map(SchemeView::indicator).toList();
        List<EventView> events =
                s.events().values().stream().map(SchemeView::event).toList();
        return new SchemeView(
                s.id(),
                s.version(),
                s.nameZh(),
                s.nameEn(),
                s.source(),
                s.description(),
                s.notes(),
                s.declaredWeightSum(),
                s.normalised(),
                s.bonusCap(),
                s.raterWeights(),
                indicators,
                events,
                s.gradeScale().lowerBounds(),
                s.quota().percent(),
                s.contentHash());
    }

    private static IndicatorView indicator(Indicator i) {
        List<InputView> inputs = new ArrayList<>();
        if (i.kind().readsValue()) inputs.add(input(i.id(), i.nameZh(), i.nameEn(), i.unit()));
        if (i.penalty() != null)
            inputs.add(
                    input(i.penalty().input(), i.penalty().nameZh(), i.penalty().nameEn(), Unit.COUNT));
        boolean rated = i.kind() == IndicatorKind.RATED || i.kind() == IndicatorKind.MULTI_RATER_AVERAGE;
        return new IndicatorView(
                i.id(),
                i.nameZh(),
                i.nameEn(),
                i.categoryZh(),
                i.categoryEn(),
                i.weight(),
                i.maxPoints(),
                i.kind().id(),
                i.unit().id(),
                i.ruleText(),
                i.params(),
                i.seed(),
                inputs,
                rated ? i.raters() : List.of(),
                rated ? new ScaleView(i.scaleMin(), i.scaleMax()) : null);
    }

    private static InputView input(String id, String nameZh, String nameEn, Unit unit) {
        return new InputView(
                id,
                nameZh,
                nameEn,
                unit.id(),
                unit.min(),
                Double.isInfinite(unit.max()) ? null : unit.max(),
                unit.whole(),
                true);
    }

    private static EventView event(EventType e) {
        return new EventView(e.id(), e.nameZh(), e.nameEn(), e.minPoints(), e.maxPoints(), e.indicatorId(), e.seed());
    }
}
