package com.servicereview.metrics;

import com.servicereview.schemes.SchemeRegistry;
import com.servicereview.scoring.EventType;
import com.servicereview.scoring.Indicator;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The event types and KPI input keys that the published schemes know (every version of every scheme),
 * for checking imported events and KPI inputs. A key used by several schemes must suit every one of them
 * (the strictest unit wins: 120 is refused for a key that any scheme reads as a percent). Read afresh for
 * each import, so a version HR publishes on any node is known at once.
 */
@Component
class SchemeVocabulary {

    /** An event type's points per occurrence: fixed when min == max. */
    record EventPoints(String type, double min, double max) {
        boolean fixed() {
            return min == max;
        }
    }

    /** What a KPI input must be: at most {@code max} (in {@code unit}), and whole when {@code whole}. */
    record InputRule(String key, double max, String unit, boolean whole) {}

    private final SchemeRegistry schemes;

    SchemeVocabulary(SchemeRegistry schemes) {
        this.schemes = schemes;
    }

    private record Terms(Map<String, EventPoints> events, Map<String, InputRule> inputs) {}

    private Terms terms() {
        Map<String, EventPoints> events = new TreeMap<>();
        Map<String, InputRule> inputs = new TreeMap<>();
        for (Scheme scheme : schemes.all()) {
            for (EventType e : scheme.events().values()) {
                events.merge(
                        e.id(),
                        new EventPoints(e.id(), e.minPoints(), e.maxPoints()),
                        (a, b) -> new EventPoints(a.type(), Math.max(a.min(), b.min()), Math.min(a.max(), b.max())));
            }
            for (String key : scheme.valueKeys()) {
                Unit unit = unitOf(scheme, key);
                inputs.merge(key, new InputRule(key, unit.max(), unit.id(), unit.whole()), SchemeVocabulary::stricter);
            }
        }
        return new Terms(events, inputs);
    }

    /** An indicator's own unit; otherwise the key is a penalty count or a full-points flag. */
    private static Unit unitOf(Scheme scheme, String key) {
        Indicator indicator = scheme.indicator(key);
        if (indicator != null && indicator.unit() != null) return indicator.unit();
        boolean flag = scheme.indicators().stream().anyMatch(i -> key.equals(i.fullPointsWhen()));
        return flag ? Unit.FLAG : Unit.COUNT;
    }

    private static InputRule stricter(InputRule a, InputRule b) {
        InputRule lower = a.max() <= b.max() ? a : b;
        return new InputRule(a.key(), lower.max(), lower.unit(), a.whole() || b.whole());
    }

    List<String> eventTypes() {
        return List.copyOf(terms().events().keySet());
    }

    List<EventPoints> eventPoints() {
        return List.copyOf(terms().events().values());
    }

    List<String> inputKeys() {
        return List.copyOf(terms().inputs().keySet());
    }

    List<InputRule> inputRules() {
        return new ArrayList<>(terms().inputs().values());
    }

    /** SQL list of string literals: {@code 'a', 'b'}. Scheme ids are validated kebab-case. */
    static String literals(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }
}
