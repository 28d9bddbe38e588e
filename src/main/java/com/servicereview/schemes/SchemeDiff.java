package com.servicereview.schemes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed from one version of a scheme to another, as HR reads it before publishing or in an appeal: indicators added,
 * removed and changed (old and new weight, and every other field that differs: brackets, parameters, raters, …),
 * the events likewise, and the scheme's own settings (rater weights, bonus cap, grade bounds, quota).
 * Compared on {@link SchemeView}, the form the API shows, so every difference named is one a client can see.
 */
public record SchemeDiff(
        String schemeId,
        int from,
        int to,
        List<Change> scheme,
        List<Item> added,
        List<Item> removed,
        List<ChangedIndicator> changed,
        List<Item> eventsAdded,
        List<Item> eventsRemoved,
        List<ChangedItem> eventsChanged) {

    /** @param field a dotted path such as {@code parameters.brackets} or {@code raters.group}; from/to null when absent */
    public record Change(String field, Object from, Object to) {}

    /** @param weight an indicator's weight; null for an event */
    public record Item(String id, String nameZh, String nameEn, Double weight) {}

    public record ChangedIndicator(
            String id, String nameZh, String nameEn, double oldWeight, double newWeight, List<Change> changes) {}

    public record ChangedItem(String id, String nameZh, String nameEn, List<Change> changes) {}

    /** Fields that identify a version or that other fields already determine (inputs follow from unit and penalty). */
    private static final Set<String> NOT_COMPARED =
            Set.of("id", "version", "contentHash", "indicators", "events", "inputs");
    /** Maps compared key by key, so that a changed bracket or rater weight is named rather than the whole map. */
    private static final Set<String> BY_KEY = Set.of("parameters", "raters", "gradeLowerBounds", "quotaPercent");

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    public static SchemeDiff between(SchemeView a, SchemeView b, ObjectMapper json) {
        Map<String, SchemeView.IndicatorView> before = new LinkedHashMap<>();
        a.indicators().forEach(i -> before.put(i.id(), i));
        Map<String, SchemeView.IndicatorView> after = new LinkedHashMap<>();
        b.indicators().forEach(i -> after.put(i.id(), i));
        List<Item> added = new ArrayList<>();
        List<ChangedIndicator> changed = new ArrayList<>();
        for (SchemeView.IndicatorView now : after.values()) {
            SchemeView.IndicatorView then = before.get(now.id());
            if (then == null) {
                added.add(new Item(now.id(), now.nameZh(), now.nameEn(), now.weight()));
                continue;
            }
            List<Change> changes = changes(json.convertValue(then, MAP), json.convertValue(now, MAP));
            if (!changes.isEmpty())
                changed.add(new ChangedIndicator(
                        now.id(), now.nameZh(), now.nameEn(), then.weight(), now.weight(), changes));
        }
        List<Item> removed = before.values().stream()
                .filter(i -> !after.containsKey(i.id()))
                .map(i -> new Item(i.id(), i.nameZh(), i.nameEn(), i.weight()))
                .toList();

        Map<String, SchemeView.EventView> eventsBefore = new LinkedHashMap<>();
        a.events().forEach(e -> eventsBefore.put(e.id(), e));
        Map<String, SchemeView.EventView> eventsAfter = new LinkedHashMap<>();
        b.events().forEach(e -> eventsAfter.put(e.id(), e));
        List<Item> eventsAdded = new ArrayList<>();
        List<ChangedItem> eventsChanged = new ArrayList<>();
        for (SchemeView.EventView now : eventsAfter.values()) {
            SchemeView.EventView then = eventsBefore.get(now.id());
            if (then == null) {
                eventsAdded.add(new Item(now.id(), now.nameZh(), now.nameEn(), null));
                continue;
            }
            List<Change> changes = changes(json.convertValue(then, MAP), json.convertValue(now, MAP));
            if (!changes.isEmpty()) eventsChanged.add(new ChangedItem(now.id(), now.nameZh(), now.nameEn(), changes));
        }
        List<Item> eventsRemoved = eventsBefore.values().stream()
                .filter(e -> !eventsAfter.containsKey(e.id()))
                .map(e -> new Item(e.id(), e.nameZh(), e.nameEn(), null))
                .toList();

        return new SchemeDiff(
                b.id(),
                a.version(),
                b.version(),
                changes(json.convertValue(a, MAP), json.convertValue(b, MAP)),
                added,
                removed,
                changed,
                eventsAdded,
                eventsRemoved,
                eventsChanged);
    }

    private static List<Change> changes(Map<String, Object> then, Map<String, Object> now) {
        List<Change> changes = new ArrayList<>();
        for (Object key : union(then, now)) {
            String field = (String) key;
            if (NOT_COMPARED.contains(field)) continue;
            Object old = then.get(field);
            Object neu = now.get(field);
            if (BY_KEY.contains(field) && (old == null || old instanceof Map) && (neu == null || neu instanceof Map)) {
                Map<?, ?> oldMap = old == null ? Map.of() : (Map<?, ?>) old;
                Map<?, ?> newMap = neu == null ? Map.of() : (Map<?, ?>) neu;
                for (Object entry : union(oldMap, newMap)) {
                    if (!Objects.equals(oldMap.get(entry), newMap.get(entry))) {
                        changes.add(new Change(field + "." + entry, oldMap.get(entry), newMap.get(entry)));
                    }
                }
            } else if (!Objects.equals(old, neu)) {
                changes.add(new Change(field, old, neu));
            }
        }
        return changes;
    }

    /** The keys of both maps, the first map's order first. */
    private static List<Object> union(Map<?, ?> a, Map<?, ?> b) {
        List<Object> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        return keys;
    }
}
