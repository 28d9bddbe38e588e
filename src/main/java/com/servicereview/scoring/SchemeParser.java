package com.servicereview.scoring;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scheme document (YAML, or JSON which YAML includes) and validates it completely: every
 * problem is reported with the scheme, the indicator and the field, and an invalid scheme is never
 * returned. The file format is described in docs/scoring.md.
 */
public final class SchemeParser {

    /**
     * A key given twice would silently keep only its last value, and a second document in the same
     * text would be ignored: both make what HR reviewed differ from what is scored, so both are faults.
     */
    private static final ObjectMapper YAML = new ObjectMapper(
                    new InMemoryYamlFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature()))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern CONDITION = Pattern.compile("(>=|<=|>|<)\\s*(-?[0-9]+(\\.[0-9]+)?)");
    private static final String NOT_FINITE = "is not a finite number";
    private static final Set<String> GRADE_FIELDS = Set.of("outstanding", "excellent", "medium", "needsImprovement");
    private static final Set<String> SCHEME_FIELDS = Set.of(
            "id",
            "version",
            "nameZh",
            "nameEn",
            "source",
            "description",
            "notes",
            "normalise",
            "bonusCap",
            "raters",
            "grades",
            "quota",
            "indicators",
            "events");
    private static final Set<String> INDICATOR_FIELDS =
            Set.of("id", "nameZh", "nameEn", "category", "weight", "kind", "seed", "params");
    private static final Set<String> EVENT_FIELDS = Set.of("id", "nameZh", "nameEn", "points", "indicator", "seed");

    private final List<SchemeValidationException.Problem> problems = new ArrayList<>();
    /** Parallel to {@link #problems}: the document path of each (see {@link SchemeLocations}), or null when unknown. */
    private final List<String> paths = new ArrayList<>();

    private String schemeId;
    private String indicatorId;
    /** The position of the indicator being read in the document's list, -1 outside the loop. */
    private int indicatorIndex = -1;

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
            String line =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            JsonStreamContext duplicate = duplicateKey(e);
            if (duplicate != null) {
                problem(
                        path(duplicate),
                        "duplicate key '" + duplicate.getCurrentName() + "': each key may appear only once in a mapping"
                                + line);
            } else if (e instanceof MismatchedInputException && startsWith(e, "Trailing token")) {
                problem(null, "a second document ('---') follows the scheme: a file holds exactly one scheme" + line);
            } else {
                problem(null, "not valid YAML or JSON: " + e.getOriginalMessage() + line);
            }
            // The parser stopped where the fault is: that is its place, not the field's (a duplicate's first key).
            JsonLocation at = e.getLocation();
            boolean known = at != null && at.getLineNr() > 0;
            problems.set(
                    0, problems.get(0).at(known ? at.getLineNr() : null, known ? Math.max(1, at.getColumnNr()) : null));
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
        int version =
                root.path("version").canConvertToInt() && root.path("version").isIntegralNumber()
                        ? root.path("version").intValue()
                        : -1;
        if (version < 1) problem("version", "is required: a whole number ≥ 1, raised on every published change");
        String nameZh = requiredText(root, "nameZh");
        String nameEn = requiredText(root, "nameEn");
        boolean normalise = root.path("normalise").asBoolean(false);
        double bonusCap = optionalNumber(root, "bonusCap", 0);
        if (bonusCap < 0) problem("bonusCap", "must not be negative");

        Map<String, Double> raters = raters(root.path("raters"));
        GradeScale grades = grades(root.path("grades"));
        Quota quota = quota(root.path("quota"));

        JsonNode indicatorList = root.path("indicators");
        List<JsonNode> indicatorNodes = list(indicatorList, "indicators", "must be a list of indicators");
        if (indicatorNodes.isEmpty() && (indicatorList.isArray() || indicatorList.isMissingNode())) {
            problem("indicators", "at least one indicator is required");
        }
        double declaredSum = 0;
        for (JsonNode node : indicatorNodes) {
            JsonNode weight = node.path("weight");
            if (weight.isNumber() && Double.isFinite(weight.asDouble())) declaredSum += Math.max(0, weight.asDouble());
        }
        double scale = 1;
        if (Math.abs(declaredSum - 100) > 1e-9 && !indicatorNodes.isEmpty()) {
            if (normalise && declaredSum > 0) {
                scale = 100 / declaredSum;
            } else {
                problem(
                        "indicators",
                        "weights sum to " + Numbers.plain(round(declaredSum))
                                + ", not 100 (W1); fix the weights or declare normalise: true");
            }
        }

        List<Indicator> indicators = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> valueKeys = new LinkedHashSet<>();
        for (int i = 0; i < indicatorNodes.size(); i++) {
            JsonNode node = indicatorNodes.get(i);
            indicatorId = node.path("id").asText("indicators[" + i + "]");
            indicatorIndex = i;
            if (!ids.add(indicatorId)) problem("id", "duplicate indicator id");
            Indicator indicator = indicator(node, scale, raters);
            if (indicator != null) {
                indicators.add(indicator);
                if (indicator.kind().readsValue()) valueKeys.add(indicator.id());
                if (indicator.penalty() != null
                        && !valueKeys.add(indicator.penalty().input())) {
                    problem(
                            "params.penalty.input",
                            "'" + indicator.penalty().input() + "' is already an input of this scheme");
                }
                if (indicator.fullPointsWhen() != null) valueKeys.add(indicator.fullPointsWhen());
            }
            indicatorId = null;
            indicatorIndex = -1;
        }
        Map<String, EventType> events = events(root.path("events"), indicators);

        List<String> notes = notes(root.path("notes"));

        if (!problems.isEmpty()) throw new SchemeValidationException(located(document, indicatorNodes));
        return new Scheme(
                id,
                version,
                nameZh,
                nameEn,
                root.path("source").asText(""),
                root.path("description").asText(""),
                List.copyOf(notes),
                round(declaredSum),
                scale != 1,
                bonusCap,
                raters,
                List.copyOf(raters.keySet()),
                List.copyOf(indicators),
                events,
                grades,
                quota,
                Collections.unmodifiableSet(valueKeys),
                document,
                ContentHash.sha256(document));
    }

    private Indicator indicator(JsonNode node, double scale, Map<String, Double> schemeRaters) {
        unknownFields(node, INDICATOR_FIELDS, "");
        String id = requiredText(node, "id");
        if (id != null && !ID.matcher(id).matches()) problem("id", "must be kebab-case (a-z, 0-9, '-')");
        String nameZh = requiredText(node, "nameZh");
        String nameEn = requiredText(node, "nameEn");
        Double weightValue = number(node.path("weight"), "weight", "is required: the indicator's points out of 100");
        double weight = weightValue == null ? 0 : weightValue;
        if (weightValue != null && weight < 0) problem("weight", "must not be negative");
        else if (weightValue != null && weight == 0) problem("weight", "must be above 0");
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
                if (cap < 1)
                    problem("params.cap", "must be at least 1 (1.2 lets 120% of target earn 1.2 × the weight)");
                fullPointsWhen = p.optionalId("fullPointsWhen");
                rule = "points = " + Numbers.plain(round(max)) + " × min(value / " + fmt(target) + ", "
                        + Numbers.plain(cap) + ")";
            }
            case RATE -> {
                if (unit != Unit.PERCENT) problem("params.unit", "a rate is a percentage (U1): unit must be percent");
                if (p.has("brackets")) {
                    brackets = p.brackets(unit, false, weight);
                    rule = "bracket table";
                } else {
                    rule = "points = " + Numbers.plain(round(max)) + " × rate / 100";
                }
            }
            case THRESHOLD -> {
                threshold = p.condition("when");
                partial = p.optionalNumber("partial", 0);
                if (partial < 0 || partial > weight)
                    problem("params.partial", "must be between 0 and the weight " + Numbers.plain(weight));
                rule = "full points when value " + threshold + ", else " + Numbers.plain(round(partial * scale));
            }
            case LOWER_IS_BETTER -> {
                target = p.nonNegative("target");
                if (p.has("brackets") == p.has("zeroAt")) {
                    problem("params", "lower-is-better needs exactly one of zeroAt (linear decay) or brackets");
                    rule = "";
                } else if (p.has("zeroAt")) {
                    zeroAt = p.positive("zeroAt");
                    if (target != null && zeroAt != null && zeroAt <= target)
                        problem("params.zeroAt", "must be above target " + fmt(target));
                    rule = "full points at or below " + fmt(target) + " " + unit.id() + ", falling linearly to 0 at "
                            + fmt(zeroAt);
                } else {
                    brackets = p.brackets(unit, false, weight);
                    rule = "bracket table";
                }
            }
            case BRACKET_DEDUCTION, COUNT_BRACKET -> {
                if (kind == IndicatorKind.COUNT_BRACKET && unit != Unit.COUNT)
                    problem("params.unit", "a count bracket counts: unit must be count");
                brackets = p.brackets(unit, true, weight);
                deduct = true;
                rule = "bracket table";
            }
            case PER_OCCURRENCE_DEDUCTION -> {
                if (!unit.whole()) problem("params.unit", "occurrences are counted: unit must be count");
                per = p.positive("per") == null ? 0 : p.positive("per");
                rule = "points = max(0, " + Numbers.plain(round(max)) + " − " + Numbers.plain(round(per * scale))
                        + " × occurrences)";
            }
            case RANK_RELATIVE ->
                rule = "first place " + Numbers.plain(round(max)) + "; others " + Numbers.plain(round(max))
                        + " × value / best";
            case RATED -> {
                Set<String> weighted = new LinkedHashSet<>();
                schemeRaters.forEach((rater, w) -> {
                    if (w > 0) weighted.add(rater);
                });
                raters = p.raters(weighted, false);
                double raterWeight = 0;
                for (String rater : raters) {
                    if (!schemeRaters.containsKey(rater))
                        problem("params.raters", "rater '" + rater + "' has no weight in the scheme's raters");
                    else raterWeight += schemeRaters.get(rater);
                }
                if (raterWeight <= 0 && !raters.isEmpty())
                    problem("params.raters", "the raters' weights sum to 0 (R1)");
                double[] s = p.scale(weight);
                scaleMin = s[0];
                scaleMax = s[1];
                rule = "rated " + Numbers.plain(scaleMin) + "–" + Numbers.plain(scaleMax) + " by "
                        + String.join(", ", raters) + ", combined by rater weights (R1)";
            }
            case MULTI_RATER_AVERAGE -> {
                raters = p.raters(Set.of(), true);
                double[] s = p.scale(weight);
                scaleMin = s[0];
                scaleMax = s[1];
                rule = "mean of " + String.join(", ", raters) + " (each " + Numbers.plain(scaleMin) + "–"
                        + Numbers.plain(scaleMax) + ")";
            }
            case EVENT_DEDUCTION ->
                rule = "points = max(0, " + Numbers.plain(round(max)) + " − points of linked events)";
            default -> throw new IllegalStateException(kind.id());
        }
        Indicator.Penalty penalty = p.penalty(weight, scale);
        if (penalty != null) penalty = penalty.after(rule);
        p.rejectUnknown(kind);
        JsonNode category = node.path("category");
        if (!category.isMissingNode() && !category.isTextual() && !category.isObject())
            problem("category", "must be a text or {zh, en}");
        int[] raterSlots = null;
        double[] raterWeights = null;
        if (kind == IndicatorKind.RATED) {
            List<String> schemeRaterNames = List.copyOf(schemeRaters.keySet());
            raterSlots = raters.stream().mapToInt(schemeRaterNames::indexOf).toArray();
            raterWeights = raters.stream()
                    .mapToDouble(r -> schemeRaters.getOrDefault(r, 0.0))
                    .toArray();
        }
        return new Indicator(
                id,
                nameZh,
                nameEn,
                category.path("zh").asText(category.asText("")),
                category.path("en").asText(""),
                weight,
                max,
                kind,
                unit,
                node.path("seed").asText(""),
                p.asMap(),
                rule,
                target,
                cap,
                zeroAt,
                threshold,
                partial,
                per,
                brackets,
                deduct,
                raters,
                raterSlots,
                raterWeights,
                scaleMin,
                scaleMax,
                fullPointsWhen,
                penalty);
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
            Double v = number(get(name), "params." + name, "is required for this kind (a number above 0)");
            if (v != null && v <= 0) {
                problem("params." + name, "must be above 0");
                return null;
            }
            return v;
        }

        Double nonNegative(String name) {
            Double v = number(get(name), "params." + name, "is required for this kind (a number ≥ 0)");
            if (v != null && v < 0) problem("params." + name, "must not be negative");
            return v;
        }

        double optionalPositive(String name, double fallback) {
            if (!has(name)) return fallback;
            Double v = positive(name);
            return v == null ? fallback : v;
        }

        double optionalNumber(String name, double fallback) {
            JsonNode node = get(name);
            if (node.isMissingNode()) return fallback;
            Double v = number(node, "params." + name, "must be a number");
            return v == null ? fallback : v;
        }

        String optionalId(String name) {
            JsonNode node = get(name);
            if (node.isMissingNode()) return null;
            if (!ID.matcher(node.asText()).matches()) problem("params." + name, "must be an input id in kebab-case");
            return node.asText();
        }

        Indicator.Threshold condition(String name) {
            JsonNode node = get(name);
            Matcher m = CONDITION.matcher(node.asText("").trim());
            if (!m.matches()) {
                problem("params." + name, "is required: a condition such as '> 60' (operators >, >=, <, <=)");
                return new Indicator.Threshold(">", 0);
            }
            double bound = Double.parseDouble(m.group(2));
            if (!Double.isFinite(bound)) {
                problem("params." + name, NOT_FINITE);
                return new Indicator.Threshold(">", 0);
            }
            return new Indicator.Threshold(m.group(1), bound);
        }

        List<String> raters(Set<String> fallback, boolean required) {
            JsonNode node = get("raters");
            if (!node.isMissingNode() && !node.isArray()) {
                problem("params.raters", "must be a list of rater roles, e.g. [warehouse, operations, supervisor]");
                return List.of();
            }
            List<String> raters = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isTextual()) raters.add(node.get(i).asText());
                else problem("params.raters[" + i + "]", "must be a rater role");
            }
            if (node.isMissingNode() && !required) {
                raters.addAll(fallback);
            }
            if (raters.isEmpty() && node.isEmpty())
                problem("params.raters", "is required: the rater roles, e.g. [warehouse, operations, supervisor]");
            if (new LinkedHashSet<>(raters).size() != raters.size()) problem("params.raters", "names a rater twice");
            return List.copyOf(raters);
        }

        double[] scale(double weight) {
            JsonNode node = get("scale");
            if (node.isMissingNode()) return new double[] {0, weight};
            boolean pair = node.isArray() && node.size() == 2;
            Double min = pair ? number(node.get(0), "params.scale[0]", null) : null;
            Double max = pair ? number(node.get(1), "params.scale[1]", null) : null;
            if (min == null || max == null || min >= max) {
                if (!nonFinite(node.get(0)) && !nonFinite(node.get(1)))
                    problem("params.scale", "must be [min, max] with min < max, e.g. [0, 10]");
                return new double[] {0, weight};
            }
            return new double[] {min, max};
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
                Double perValue = number(node.path("per"), "params.penalty.per", "must be a number above 0");
                double per = perValue == null ? 0 : perValue;
                if (perValue != null && per <= 0) problem("params.penalty.per", "must be a number above 0");
                return new Indicator.Penalty(
                        input,
                        zh,
                        en,
                        per,
                        null,
                        "−" + Numbers.plain(round(per * scale)) + " per " + en + " (" + zh + ")",
                        null);
            }
            BracketTable table =
                    readBrackets(node.path("brackets"), "params.penalty.brackets", Unit.COUNT, true, weight);
            return new Indicator.Penalty(
                    input, zh, en, 0, table, "deduction by " + en + " (" + zh + ") brackets", null);
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
            Double amount = number(row.path(amountField), rowField + "." + amountField, "is required (a number)");
            if (amount == null) {
                rowsOk = false;
            } else if (amount < 0 || amount > weight) {
                problem(rowField + "." + amountField, "must be between 0 and the weight " + Numbers.plain(weight));
                rowsOk = false;
            } else {
                rows.add(Bracket.of(range, amount, row.path("seed").asText(""), deduction));
            }
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
            Double w = number(e.getValue(), "raters." + e.getKey(), "must be a weight ≥ 0");
            if (w != null && w < 0) problem("raters." + e.getKey(), "must be a weight ≥ 0");
            raters.put(e.getKey(), w == null ? 0 : w);
            sum += w == null ? 0 : w;
        }
        if (Math.abs(sum - 100) > 1e-9)
            problem("raters", "rater weights sum to " + Numbers.plain(round(sum)) + ", not 100 (R1)");
        return raters;
    }

    private GradeScale grades(JsonNode node) {
        if (node.isMissingNode()) return GradeScale.G1;
        if (!node.isObject()) {
            problem(
                    "grades",
                    "must map grades to lower bounds, e.g. {outstanding: 95, excellent: 85, medium: 70, needsImprovement: 50}");
            return GradeScale.G1;
        }
        unknownFields(node, GRADE_FIELDS, "grades.");
        Double outstanding = gradeBound(node, "outstanding", 95);
        Double excellent = gradeBound(node, "excellent", 85);
        Double medium = gradeBound(node, "medium", 70);
        Double needsImprovement = gradeBound(node, "needsImprovement", 50);
        if (outstanding == null || excellent == null || medium == null || needsImprovement == null)
            return GradeScale.G1;
        try {
            return new GradeScale(outstanding, excellent, medium, needsImprovement);
        } catch (IllegalArgumentException e) {
            problem("grades", e.getMessage());
            return GradeScale.G1;
        }
    }

    private Double gradeBound(JsonNode grades, String name, double fallback) {
        JsonNode bound = grades.path(name);
        if (bound.isMissingNode()) return fallback;
        return number(bound, "grades." + name, "must be a number");
    }

    private Quota quota(JsonNode node) {
        if (node.isMissingNode()) return Quota.G2;
        if (!node.isObject()) {
            problem("quota", "must map grades to percentages, e.g. {OUTSTANDING: 10, EXCELLENT: 15}");
            return Quota.G2;
        }
        Map<Grade, Double> percent = new LinkedHashMap<>(Quota.G2.percent());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                Grade grade = Grade.valueOf(e.getKey());
                Double p = number(e.getValue(), "quota." + e.getKey(), "must be a percentage in 0..100");
                if (p != null && (p < 0 || p > 100)) problem("quota." + e.getKey(), "must be a percentage in 0..100");
                if (p != null) percent.put(grade, p);
            } catch (IllegalArgumentException ex) {
                problem(
                        "quota." + e.getKey(),
                        "unknown grade; use OUTSTANDING, EXCELLENT, MEDIUM, NEEDS_IMPROVEMENT, URGENT_IMPROVEMENT");
            }
        }
        return new Quota(percent);
    }

    private Map<String, EventType> events(JsonNode node, List<Indicator> indicators) {
        Map<String, EventType> events = new LinkedHashMap<>();
        Set<String> linked = new LinkedHashSet<>();
        List<JsonNode> eventNodes = list(node, "events", "must be a list of {id, nameZh, nameEn, points}");
        // A lookup, not a search per event: a large hostile document must not cost events × indicators.
        Map<String, Indicator> byId = new LinkedHashMap<>();
        for (Indicator ind : indicators) byId.putIfAbsent(ind.id(), ind);
        for (int i = 0; i < eventNodes.size(); i++) {
            JsonNode e = eventNodes.get(i);
            String field = "events[" + i + "]";
            unknownFields(e, EVENT_FIELDS, field + ".");
            String id = e.path("id").asText(null);
            if (id == null || !ID.matcher(id).matches()) {
                problem(field + ".id", "is required, in kebab-case");
                continue;
            }
            if (events.containsKey(id)) problem(field + ".id", "duplicate event id '" + id + "'");
            JsonNode points = e.path("points");
            boolean range = points.isArray() && points.size() == 2;
            Double min =
                    range ? number(points.get(0), field + ".points[0]", null) : number(points, field + ".points", null);
            Double max = range ? number(points.get(1), field + ".points[1]", null) : min;
            if (min == null || max == null || (range && min >= max)) {
                boolean reported = range ? nonFinite(points.get(0)) || nonFinite(points.get(1)) : nonFinite(points);
                if (!reported)
                    problem(
                            field + ".points",
                            "is required: a number (+1, −3) or a range [min, max] decided per occurrence");
                continue;
            }
            if (min == 0 && max == 0) problem(field + ".points", "must not be 0");
            String indicator = e.path("indicator").asText(null);
            if (indicator != null) {
                Indicator target = byId.get(indicator);
                if (target == null || target.kind() != IndicatorKind.EVENT_DEDUCTION) {
                    problem(
                            field + ".indicator",
                            "'" + indicator + "' is not an event-deduction indicator of this scheme");
                }
                if (max > 0)
                    problem(field + ".points", "an event that deducts from an indicator must have negative points");
                linked.add(indicator);
            }
            events.put(
                    id,
                    new EventType(
                            id,
                            e.path("nameZh").asText(id),
                            e.path("nameEn").asText(id),
                            min,
                            max,
                            indicator,
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
        Double v = number(value, field, "must be a number");
        return v == null ? fallback : v;
    }

    /**
     * The value of a number node, or null with a problem: {@code expected} (unless null) when the node
     * is missing or not a number, {@link #NOT_FINITE} when it is NaN or overflowed to ±Infinity (1e400).
     */
    private Double number(JsonNode node, String field, String expected) {
        if (!node.isNumber()) {
            if (expected != null) problem(field, expected);
            return null;
        }
        double v = node.asDouble();
        if (!Double.isFinite(v)) {
            problem(field, NOT_FINITE);
            return null;
        }
        return v;
    }

    private static boolean nonFinite(JsonNode node) {
        return node != null && node.isNumber() && !Double.isFinite(node.asDouble());
    }

    /** The elements of a list node; none, with a problem, when it is present but not a list. */
    private List<JsonNode> list(JsonNode node, String field, String expected) {
        List<JsonNode> elements = new ArrayList<>();
        if (node.isArray()) node.forEach(elements::add);
        else if (!node.isMissingNode()) problem(field, expected);
        return elements;
    }

    private List<String> notes(JsonNode node) {
        List<String> notes = new ArrayList<>();
        List<JsonNode> elements = list(node, "notes", "must be a list of texts");
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i).isValueNode()) notes.add(elements.get(i).asText());
            else problem("notes[" + i + "]", "must be a text");
        }
        return List.copyOf(notes);
    }

    /**
     * The parser's context at a duplicate key (it stops there, its current name the key), or null
     * when the failure is another one; Jackson has no exception type of its own for it.
     */
    private static JsonStreamContext duplicateKey(JsonProcessingException e) {
        if (e instanceof StreamReadException read && read.getProcessor() != null && startsWith(e, "Duplicate field")) {
            return read.getProcessor().getParsingContext();
        }
        return null;
    }

    private static boolean startsWith(JsonProcessingException e, String prefix) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(prefix);
    }

    /** A parser context as a field path: {@code indicators[1].weight}. */
    private static String path(JsonStreamContext context) {
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            steps.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        StringBuilder path = new StringBuilder();
        for (String step : steps)
            path.append(path.isEmpty() || step.startsWith("[") ? "" : ".").append(step);
        return path.toString();
    }

    private void unknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) problem(prefix + name, "unknown field");
        }
    }

    private void problem(String field, String message) {
        problems.add(new SchemeValidationException.Problem(schemeId, indicatorId, field, message));
        String prefix = indicatorIndex >= 0 ? "indicators[" + indicatorIndex + "]" : null;
        paths.add(indicatorId == null ? field : prefix == null ? null : field == null ? prefix : prefix + "." + field);
    }

    /**
     * The problems with their line and column. A problem raised about an indicator after its loop (an event-deduction
     * line no event links to) is placed by the indicator's id, the first indicator of that id in the list.
     */
    private List<SchemeValidationException.Problem> located(String document, List<JsonNode> indicatorNodes) {
        Map<String, Integer> indexById = new LinkedHashMap<>();
        for (int i = 0; i < indicatorNodes.size(); i++)
            indexById.putIfAbsent(indicatorNodes.get(i).path("id").asText("indicators[" + i + "]"), i);
        SchemeLocations locations = SchemeLocations.of(document);
        List<SchemeValidationException.Problem> located = new ArrayList<>(problems.size());
        for (int i = 0; i < problems.size(); i++) {
            SchemeValidationException.Problem problem = problems.get(i);
            String path = paths.get(i);
            if (path == null && problem.indicator() != null && indexById.containsKey(problem.indicator())) {
                String prefix = "indicators[" + indexById.get(problem.indicator()) + "]";
                path = problem.field() == null ? prefix : prefix + "." + problem.field();
            }
            int[] at = locations.find(path);
            located.add(at == null ? problem : problem.at(at[0], at[1]));
        }
        return located;
    }

    private static String kinds() {
        StringBuilder sb = new StringBuilder();
        for (IndicatorKind k : IndicatorKind.values())
            sb.append(sb.isEmpty() ? "" : ", ").append(k.id());
        return sb.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "?" : Numbers.plain(v);
    }

    private static double round(double v) {
        return Scorer.round2(v);
    }
}
