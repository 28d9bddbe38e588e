package com.servicereview.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a scheme document (YAML, or JSON which YAML includes) and validates it completely: every
 * problem is reported with the scheme, the indicator and the field, and an invalid scheme is never
 * returned. The file format is described in README.md ("Scoring schemes").
 */
public final class SchemeParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> SCHEME_FIELDS = Set.of("id", "version", "nameZh", "nameEn", "source", "description",
            "notes", "normalise", "bonusCap", "raters", "grades", "quota", "indicators", "events");
    private static final Set<String> INDICATOR_FIELDS = Set.of("id", "nameZh", "nameEn", "category", "weight", "kind",
            "seed", "params");
    private static final Set<String> EVENT_FIELDS = Set.of("id", "nameZh", "nameEn", "points", "indicator", "seed");

    private final List<SchemeValidationException.Problem> problems = new ArrayList<>();
    private String schemeId;
    private String indicatorId;

    private SchemeParser(String fallbackName) {
        this.schemeId = fallbackName;
    }

    /**
     * @param document     the file's text
     * @param fallbackName what to call the scheme in messages when its id is missing (e.g. the file name)
     */
    public static Scheme parse(String document, String fallbackName) {
        return new SchemeParser(fallbackName).read(document);
    }

    /** All problems of a document, empty when it is a valid scheme. */
    public static List<SchemeValidationException.Problem> validate(String document, String fallbackName) {
        try {
            parse(document, fallbackName);
            return List.of();
        } catch (SchemeValidationException e) {
            return e.problems();
        }
    }

    private Scheme read(String document) {
        JsonNode root;
        try {
            root = document == null || document.isBlank() ? null : YAML.readTree(document);
        } catch (JsonProcessingException e) {
            problem(null, "not valid YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
            throw new SchemeValidationException(problems);
        }
        if (root == null || !root.isObject()) {
            problem(null, "the document must be a mapping with id, version, indicators, …");
            throw new SchemeValidationException(problems);
        }
        String id = requiredText(root, "id");
        if (id != null) {
            schemeId = id;
            if (!ID.matcher(id).matches()) problem("id", "must be kebab-case (a-z, 0-9, '-'), e.g. cs-staff-monthly");
        }
        unknownFields(root, SCHEME_FIELDS, "");
        int version = root.path("version").canConvertToInt() && root.path("version").isIntegralNumber()
                ? root.path("version").intValue() : -1;
        if (version < 1) problem("version", "is required: a whole number ≥ 1, raised on every published change");
        String nameZh = requiredText(root, "nameZh");
        String nameEn = requiredText(root, "nameEn");
        boolean normalise = root.path("normalise").asBoolean(false);
        double bonusCap = optionalNumber(root, "bonusCap", 0);
        if (bonusCap < 0) problem("bonusCap", "must not be negative");

        Map<String, Double> raters = raters(root.path("raters"));
        GradeScale grades = grades(root.path("grades"));
        Quota quota = quota(root.path("quota"));

        List<JsonNode> indicatorNodes = new ArrayList<>();
        root.path("indicators").forEach(indicatorNodes::add);
        if (indicatorNodes.isEmpty()) problem("indicators", "at least one indicator is required");
        double declaredSum = 0;
        for (JsonNode node : indicatorNodes) declaredSum += Math.max(0, node.path("weight").asDouble(0));
        double scale = 1;
        if (Math.abs(declaredSum - 100) > 1e-9 && !indicatorNodes.isEmpty()) {
            if (normalise && declaredSum > 0) {
                scale = 100 / declaredSum;
            } else {
                problem("indicators", "weights sum to " + Unit.format(round(declaredSum)) + ", not 100 (W1); fix the weights or declare normalise: true");
            }
        }

        List<Indicator> indicators = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> valueKeys = new LinkedHashSet<>();
        for (int i = 0; i < indicatorNodes.size(); i++) {
            JsonNode node = indicatorNodes.get(i);
            indicatorId = node.path("id").asText("indicators[" + i + "]");
            if (!ids.add(indicatorId)) problem("id", "duplicate indicator id");
            Indicator indicator = indicator(node, scale, raters);
            if (indicator != null) {
                indicators.add(indicator);
                if (indicator.kind().readsValue()) valueKeys.add(indicator.id());
                if (indicator.penalty() != null && !valueKeys.add(indicator.penalty().input())) {
                    problem("params.penalty.input", "'" + indicator.penalty().input() + "' is already an input of this scheme");
                }
                if (indicator.fullPointsWhen() != null) valueKeys.add(indicator.fullPointsWhen());
            }
            indicatorId = null;
        }
        Map<String, EventType> events = events(root.path("events"), indicators);

        if (!problems.isEmpty()) throw new SchemeValidationException(problems);
        List<String> notes = new ArrayList<>();
        root.path("notes").forEach(n -> notes.add(n.asText()));
        return new Scheme(id, version, nameZh, nameEn, root.path("source").asText(""), root.path("description").asText(""),
                List.copyOf(notes), round(declaredSum), scale != 1, bonusCap, raters, List.copyOf(raters.keySet()), List.copyOf(indicators), events,
                grades, quota, java.util.Collections.unmodifiableSet(valueKeys), document, ContentHash.sha256(document));
    }

    private Indicator indicator(JsonNode node, double scale, Map<String, Double> schemeRaters) {
        unknownFields(node, INDICATOR_FIELDS, "");
        String id = requiredText(node, "id");
        if (id != null && !ID.matcher(id).matches()) problem("id", "must be kebab-case (a-z, 0-9, '-')");
        String nameZh = requiredText(node, "nameZh");
        String nameEn = requiredText(node, "nameEn");
        JsonNode weightNode = node.path("weight");
        double weight = weightNode.asDouble(0);
        if (!weightNode.isNumber()) problem("weight", "is required: the indicator's points out of 100");
        else if (weight < 0) problem("weight", "must not be negative");
        else if (weight == 0) problem("weight", "must be above 0");
        String kindId = requiredText(node, "kind");
        IndicatorKind kind = kindId == null ? null : IndicatorKind.fromId(kindId);
        if (kindId != null && kind == null) problem("kind", "unknown kind '" + kindId + "'; known: " + kinds());
        JsonNode params = node.path("params");
        if (!params.isMissingNode() && !params.isObject()) problem("params", "must be a mapping");
        if (kind == null || id == null || weight <= 0 || nameZh == null || nameEn == null) return null;

        double max = weight * scale;
        KindParams p = new KindParams(params);
        Unit unit = p.unit(defaultUnit(kind));
        Double target = null;
        double cap = 1;
        Double zeroAt = null;
        Indicator.Threshold threshold = null;
        double partial = 0;
        double per = 0;
        BracketTable brackets = null;
        boolean deduct = false;
        List<String> raters = null;
        double scaleMin = 0;
        double scaleMax = weight;
        String fullPointsWhen = null;
        String rule;
        switch (kind) {
            case RATIO_TO_TARGET -> {
                target = p.positive("target");
                cap = p.optionalPositive("cap", 1);
                if (cap < 1) problem("params.cap", "must be at least 1 (1.2 lets 120% of target earn 1.2 × the weight)");
                fullPointsWhen = p.optionalId("fullPointsWhen");
                rule = "points = " + Unit.format(round(max)) + " × min(value / " + fmt(target) + ", " + Unit.format(cap) + ")";
            }
            case RATE -> {
                if (unit != Unit.PERCENT) problem("params.unit", "a rate is a percentage (U1): unit must be percent");
                if (p.has("brackets")) {
                    brackets = p.brackets(unit, false, weight);
                    rule = "bracket table";
                } else {
                    rule = "points = " + Unit.format(round(max)) + " × rate / 100";
                }
            }
            case THRESHOLD -> {
                threshold = p.condition("when");
                partial = p.optionalNumber("partial", 0);
                if (partial < 0 || partial > weight) problem("params.partial", "must be between 0 and the weight " + Unit.format(weight));
                rule = "full points when value " + threshold + ", else " + Unit.format(round(partial * scale));
            }
            case LOWER_IS_BETTER -> {
                target = p.nonNegative("target");
                if (p.has("brackets") == p.has("zeroAt")) {
                    problem("params", "lower-is-better needs exactly one of zeroAt (linear decay) or brackets");
                    rule = "";
                } else if (p.has("zeroAt")) {
                    zeroAt = p.positive("zeroAt");
                    if (target != null && zeroAt != null && zeroAt <= target) problem("params.zeroAt", "must be above target " + fmt(target));
                    rule = "full points at or below " + fmt(target) + " " + unit.id() + ", falling linearly to 0 at " + fmt(zeroAt);
                } else {
                    brackets = p.brackets(unit, false, weight);
                    rule = "bracket table";
                }
            }
            case BRACKET_DEDUCTION, COUNT_BRACKET -> {
                if (kind == IndicatorKind.COUNT_BRACKET && unit != Unit.COUNT) problem("params.unit", "a count bracket counts: unit must be count");
                brackets = p.brackets(unit, true, weight);
                deduct = true;
                rule = "bracket table";
            }
            case PER_OCCURRENCE_DEDUCTION -> {
                if (!unit.whole()) problem("params.unit", "occurrences are counted: unit must be count");
                per = p.positive("per") == null ? 0 : p.positive("per");
                rule = "points = max(0, " + Unit.format(round(max)) + " − " + Unit.format(round(per * scale)) + " × occurrences)";
            }
            case RANK_RELATIVE -> rule = "first place " + Unit.format(round(max)) + "; others " + Unit.format(round(max)) + " × value / best";
            case RATED -> {
                Set<String> weighted = new LinkedHashSet<>();
                schemeRaters.forEach((rater, w) -> {
                    if (w > 0) weighted.add(rater);
                });
                raters = p.raters(weighted, false);
                double raterWeight = 0;
                for (String rater : raters) {
                    if (!schemeRaters.containsKey(rater)) problem("params.raters", "rater '" + rater + "' has no weight in the scheme's raters");
                    else raterWeight += schemeRaters.get(rater);
                }
                if (raterWeight <= 0 && !raters.isEmpty()) problem("params.raters", "the raters' weights sum to 0 (R1)");
                double[] s = p.scale(weight);
                scaleMin = s[0];
                scaleMax = s[1];
                rule = "rated " + Unit.format(scaleMin) + "–" + Unit.format(scaleMax) + " by " + String.join(", ", raters) + ", combined by rater weights (R1)";
            }
            case MULTI_RATER_AVERAGE -> {
                raters = p.raters(Set.of(), true);
                double[] s = p.scale(weight);
                scaleMin = s[0];
                scaleMax = s[1];
                rule = "mean of " + String.join(", ", raters) + " (each " + Unit.format(scaleMin) + "–" + Unit.format(scaleMax) + ")";
            }
            case EVENT_DEDUCTION -> rule = "points = max(0, " + Unit.format(round(max)) + " − points of linked events)";
            default -> throw new IllegalStateException(kind.id());
        }
        Indicator.Penalty penalty = p.penalty(weight, scale);
        if (penalty != null) penalty = penalty.after(rule);
        p.rejectUnknown(kind);
        JsonNode category = node.path("category");
        int[] raterSlots = null;
        double[] raterWeights = null;
        if (kind == IndicatorKind.RATED) {
            List<String> schemeRaterNames = List.copyOf(schemeRaters.keySet());
            raterSlots = raters.stream().mapToInt(schemeRaterNames::indexOf).toArray();
            raterWeights = raters.stream().mapToDouble(r -> schemeRaters.getOrDefault(r, 0.0)).toArray();
        }
        return new Indicator(id, nameZh, nameEn, category.path("zh").asText(category.asText("")), category.path("en").asText(""),
                weight, max, kind, unit, node.path("seed").asText(""), p.asMap(), rule, target, cap, zeroAt, threshold,
                partial, per, brackets, deduct, raters, raterSlots, raterWeights, scaleMin, scaleMax, fullPointsWhen, penalty);
    }

    private static Unit defaultUnit(IndicatorKind kind) {
        return switch (kind) {
            case RATIO_TO_TARGET -> Unit.PERCENT_OF_TARGET;
            case LOWER_IS_BETTER -> Unit.SECONDS;
            case COUNT_BRACKET, PER_OCCURRENCE_DEDUCTION, RANK_RELATIVE -> Unit.COUNT;
            case RATED, MULTI_RATER_AVERAGE, EVENT_DEDUCTION -> Unit.SCORE;
            default -> Unit.PERCENT;
        };
    }

    /** Reads one indicator's params and reports each fault against the indicator. */
    private final class KindParams {
        private final JsonNode params;
        private final Set<String> used = new LinkedHashSet<>();

        KindParams(JsonNode params) {
            this.params = params.isObject() ? params : YAML.createObjectNode();
        }

        boolean has(String name) {
            return params.has(name);
        }

        JsonNode get(String name) {
            used.add(name);
            return params.path(name);
        }

        Unit unit(Unit fallback) {
            JsonNode node = get("unit");
            if (node.isMissingNode()) return fallback;
            Unit unit = Unit.fromId(node.asText());
            if (unit == null) {
                problem("params.unit", "unknown unit '" + node.asText() + "'");
                return fallback;
            }
            return unit;
        }

        Double positive(String name) {
            JsonNode node = get(name);
            if (!node.isNumber()) {
                problem("params." + name, "is required for this kind (a number above 0)");
                return null;
            }
            if (node.asDouble() <= 0) {
                problem("params." + name, "must be above 0");
                return null;
            }
            return node.asDouble();
        }

        Double nonNegative(String name) {
            JsonNode node = get(name);
            if (!node.isNumber()) {
                problem("params." + name, "is required for this kind (a number ≥ 0)");
                return null;
            }
            if (node.asDouble() < 0) problem("params." + name, "must not be negative");
            return node.asDouble();
        }

        double optionalPositive(String name, double fallback) {
            if (!has(name)) return fallback;
            Double v = positive(name);
            return v == null ? fallback : v;
        }

        double optionalNumber(String name, double fallback) {
            JsonNode node = get(name);
            if (node.isMissingNode()) return fallback;
            if (!node.isNumber()) {
                problem("params." + name, "must be a number");
                return fallback;
            }
            return node.asDouble();
        }

        String optionalId(String name) {
            JsonNode node = get(name);
            if (node.isMissingNode()) return null;
            if (!ID.matcher(node.asText()).matches()) problem("params." + name, "must be an input id in kebab-case");
            return node.asText();
        }

        Indicator.Threshold condition(String name) {
            JsonNode node = get(name);
            String text = node.asText("").trim();
            java.util.regex.Matcher m = Pattern.compile("(>=|<=|>|<)\\s*(-?[0-9.]+)").matcher(text);
            if (!m.matches()) {
                problem("params." + name, "is required: a condition such as '> 60' (operators >, >=, <, <=)");
                return new Indicator.Threshold(">", 0);
            }
            return new Indicator.Threshold(m.group(1), Double.parseDouble(m.group(2)));
        }

        List<String> raters(Set<String> fallback, boolean required) {
            JsonNode node = get("raters");
            List<String> raters = new ArrayList<>();
            node.forEach(r -> raters.add(r.asText()));
            if (node.isMissingNode() && !required) {
                raters.addAll(fallback);
            }
            if (raters.isEmpty()) problem("params.raters", "is required: the rater roles, e.g. [warehouse, operations, supervisor]");
            if (new LinkedHashSet<>(raters).size() != raters.size()) problem("params.raters", "names a rater twice");
            return List.copyOf(raters);
        }

        double[] scale(double weight) {
            JsonNode node = get("scale");
            if (node.isMissingNode()) return new double[]{0, weight};
            if (!node.isArray() || node.size() != 2 || !node.get(0).isNumber() || !node.get(1).isNumber()
                    || node.get(0).asDouble() >= node.get(1).asDouble()) {
                problem("params.scale", "must be [min, max] with min < max, e.g. [0, 10]");
                return new double[]{0, weight};
            }
            return new double[]{node.get(0).asDouble(), node.get(1).asDouble()};
        }

        BracketTable brackets(Unit unit, boolean deduction, double weight) {
            return readBrackets(get("brackets"), "params.brackets", unit, deduction, weight);
        }

        Indicator.Penalty penalty(double weight, double scale) {
            JsonNode node = get("penalty");
            if (node.isMissingNode()) return null;
            String input = node.path("input").asText(null);
            if (input == null || !ID.matcher(input).matches()) {
                problem("params.penalty.input", "is required: the id of the count input, e.g. failed-spot-checks");
                return null;
            }
            String zh = node.path("nameZh").asText(input);
            String en = node.path("nameEn").asText(input);
            if (node.has("per") == node.has("brackets")) {
                problem("params.penalty", "needs exactly one of per (points per occurrence) or brackets");
                return null;
            }
            if (node.has("per")) {
                double per = node.path("per").asDouble(-1);
                if (per <= 0) problem("params.penalty.per", "must be a number above 0");
                return new Indicator.Penalty(input, zh, en, per, null,
                        "−" + Unit.format(round(per * scale)) + " per " + en + " (" + zh + ")", null);
            }
            BracketTable table = readBrackets(node.path("brackets"), "params.penalty.brackets", Unit.COUNT, true, weight);
            return new Indicator.Penalty(input, zh, en, 0, table, "deduction by " + en + " (" + zh + ") brackets", null);
        }

        void rejectUnknown(IndicatorKind kind) {
            Iterator<String> names = params.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!used.contains(name)) problem("params." + name, "is not a parameter of kind " + kind.id());
            }
        }

        Map<String, Object> asMap() {
            return YAML.convertValue(params, Map.class);
        }
    }

    private BracketTable readBrackets(JsonNode node, String field, Unit unit, boolean deduction, double weight) {
        if (!node.isArray() || node.isEmpty()) {
            problem(field, "is required: a list of {range, " + (deduction ? "deduct" : "points") + ", seed}");
            return null;
        }
        String amountField = deduction ? "deduct" : "points";
        List<Bracket> rows = new ArrayList<>();
        boolean rowsOk = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode row = node.get(i);
            String rowField = field + "[" + i + "]";
            Interval range;
            try {
                range = Interval.parse(row.path("range").asText(""));
            } catch (IllegalArgumentException e) {
                problem(rowField + ".range", e.getMessage());
                rowsOk = false;
                continue;
            }
            JsonNode amount = row.path(amountField);
            if (!amount.isNumber()) {
                problem(rowField + "." + amountField, "is required (a number)");
                rowsOk = false;
            } else if (amount.asDouble() < 0 || amount.asDouble() > weight) {
                problem(rowField + "." + amountField, "must be between 0 and the weight " + Unit.format(weight));
                rowsOk = false;
            }
            rows.add(Bracket.of(range, amount.asDouble(), row.path("seed").asText(""), deduction));
        }
        if (!rowsOk) return null;
        List<String> faults = new ArrayList<>();
        BracketTable table = BracketTable.build(rows, unit, faults);
        for (String fault : faults) problem(field, fault + " (B2)");
        return table;
    }

    private Map<String, Double> raters(JsonNode node) {
        Map<String, Double> raters = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            raters.put("supervisor", 100.0);
            return raters;
        }
        if (!node.isObject() || node.isEmpty()) {
            problem("raters", "must map rater roles to weights, e.g. {self: 15, supervisor: 60, group: 25}");
            return raters;
        }
        double sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double w = e.getValue().asDouble(-1);
            if (!e.getValue().isNumber() || w < 0) problem("raters." + e.getKey(), "must be a weight ≥ 0");
            raters.put(e.getKey(), w);
            sum += w;
        }
        if (Math.abs(sum - 100) > 1e-9) problem("raters", "rater weights sum to " + Unit.format(round(sum)) + ", not 100 (R1)");
        return raters;
    }

    private GradeScale grades(JsonNode node) {
        if (node.isMissingNode()) return GradeScale.G1;
        try {
            return new GradeScale(node.path("outstanding").asDouble(95), node.path("excellent").asDouble(85),
                    node.path("medium").asDouble(70), node.path("needsImprovement").asDouble(50));
        } catch (IllegalArgumentException e) {
            problem("grades", e.getMessage());
            return GradeScale.G1;
        }
    }

    private Quota quota(JsonNode node) {
        if (node.isMissingNode()) return Quota.G2;
        Map<Grade, Double> percent = new LinkedHashMap<>(Quota.G2.percent());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                double p = e.getValue().asDouble(-1);
                if (p < 0 || p > 100) problem("quota." + e.getKey(), "must be a percentage in 0..100");
                percent.put(Grade.valueOf(e.getKey()), p);
            } catch (IllegalArgumentException ex) {
                problem("quota." + e.getKey(), "unknown grade; use OUTSTANDING, EXCELLENT, MEDIUM, NEEDS_IMPROVEMENT, URGENT_IMPROVEMENT");
            }
        }
        return new Quota(percent);
    }

    private Map<String, EventType> events(JsonNode node, List<Indicator> indicators) {
        Map<String, EventType> events = new LinkedHashMap<>();
        Set<String> linked = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String field = "events[" + i + "]";
            unknownFields(e, EVENT_FIELDS, field + ".");
            String id = e.path("id").asText(null);
            if (id == null || !ID.matcher(id).matches()) {
                problem(field + ".id", "is required, in kebab-case");
                continue;
            }
            if (events.containsKey(id)) problem(field + ".id", "duplicate event id '" + id + "'");
            JsonNode points = e.path("points");
            double min;
            double max;
            if (points.isNumber()) {
                min = max = points.asDouble();
            } else if (points.isArray() && points.size() == 2 && points.get(0).isNumber() && points.get(1).isNumber()
                    && points.get(0).asDouble() < points.get(1).asDouble()) {
                min = points.get(0).asDouble();
                max = points.get(1).asDouble();
            } else {
                problem(field + ".points", "is required: a number (+1, −3) or a range [min, max] decided per occurrence");
                continue;
            }
            if (min == 0 && max == 0) problem(field + ".points", "must not be 0");
            String indicator = e.path("indicator").asText(null);
            if (indicator != null) {
                Indicator target = indicators.stream().filter(ind -> ind.id().equals(indicator)).findFirst().orElse(null);
                if (target == null || target.kind() != IndicatorKind.EVENT_DEDUCTION) {
                    problem(field + ".indicator", "'" + indicator + "' is not an event-deduction indicator of this scheme");
                }
                if (max > 0) problem(field + ".points", "an event that deducts from an indicator must have negative points");
                linked.add(indicator);
            }
            events.put(id, new EventType(id, e.path("nameZh").asText(id), e.path("nameEn").asText(id), min, max, indicator,
                    e.path("seed").asText("")));
        }
        for (Indicator ind : indicators) {
            if (ind.kind() == IndicatorKind.EVENT_DEDUCTION && !linked.contains(ind.id())) {
                indicatorId = ind.id();
                problem("kind", "an event-deduction indicator needs at least one event with indicator: " + ind.id());
                indicatorId = null;
            }
        }
        return events;
    }

    private String requiredText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            problem(field, "is required");
            return null;
        }
        return value.asText();
    }

    private double optionalNumber(JsonNode node, String field, double fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) return fallback;
        if (!value.isNumber()) {
            problem(field, "must be a number");
            return fallback;
        }
        return value.asDouble();
    }

    private void unknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) problem(prefix + name, "unknown field");
        }
    }

    private void problem(String field, String message) {
        problems.add(new SchemeValidationException.Problem(schemeId, indicatorId, field, message));
    }

    private static String kinds() {
        StringBuilder sb = new StringBuilder();
        for (IndicatorKind k : IndicatorKind.values()) sb.append(sb.isEmpty() ? "" : ", ").append(k.id());
        return sb.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "?" : Unit.format(v);
    }

    private static double round(double v) {
        return Scorer.round2(v);
    }

}
