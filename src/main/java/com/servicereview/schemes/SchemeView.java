package com.servicereview.schemes;

import com.servicereview.scoring.EventType;
import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Indicator;
import com.servicereview.scoring.Scheme;

import java.util.List;
import java.util.Map;

/** A scheme as the API shows it: what HR reads, without the compiled rule objects. */
public record SchemeView(String id, int version, String nameZh, String nameEn, String source, String description,
                         List<String> notes, double declaredWeightSum, boolean normalised, double bonusCap,
                         Map<String, Double> raters, List<IndicatorView> indicators, List<EventView> events,
                         Map<Grade, Double> gradeLowerBounds, Map<Grade, Double> quotaPercent, String contentHash) {

    public record IndicatorView(String id, String nameZh, String nameEn, String category, String categoryEn,
                                double weight, double maxPoints, String kind, String unit, String rule,
                                Map<String, Object> parameters, String seed) {
    }

    public record EventView(String id, String nameZh, String nameEn, double minPoints, double maxPoints,
                            String indicator, String seed) {
    }

    static SchemeView of(Scheme s) {
        List<IndicatorView> indicators = s.indicators().stream().map(SchemeView::indicator).toList();
        List<EventView> events = s.events().values().stream().map(SchemeView::event).toList();
        return new SchemeView(s.id(), s.version(), s.nameZh(), s.nameEn(), s.source(), s.description(), s.notes(),
                s.declaredWeightSum(), s.normalised(), s.bonusCap(), s.raterWeights(), indicators, events,
                s.gradeScale().lowerBounds(), s.quota().percent(), s.contentHash());
    }

    private static IndicatorView indicator(Indicator i) {
        return new IndicatorView(i.id(), i.nameZh(), i.nameEn(), i.categoryZh(), i.categoryEn(), i.weight(), i.maxPoints(),
                i.kind().id(), i.unit().id(), i.ruleText(), i.params(), i.seed());
    }

    private static EventView event(EventType e) {
        return new EventView(e.id(), e.nameZh(), e.nameEn(), e.minPoints(), e.maxPoints(), e.indicatorId(), e.seed());
    }
}
