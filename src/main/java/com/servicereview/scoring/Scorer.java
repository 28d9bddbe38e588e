package com.servicereview.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a scheme and one employee's inputs into a total, a grade and the breakdown of R3.
 * Stateless and allocation-light: the rule texts are prepared when the scheme is parsed.
 */
public final class Scorer {

    private Scorer() {}

    public static ScoreResult score(Scheme scheme, ScoreInput in) {
        checkKeys(scheme, in);
        List<Indicator> indicators = scheme.indicators();
        int n = indicators.size();
        double[] linkedDeductions = new double[n];
        List<ScoreResult.Adjustment> adjustments = adjustments(scheme, in, linkedDeductions);

        List<ScoreResult.Line> lines = new ArrayList<>(n);
        double[] raterDelta = null; // per scheme rater: own view minus combined points, summed (R2)
        double sum = 0;
        for (int i = 0; i < n; i++) {
            Indicator ind = indicators.get(i);
            ScoreResult.Line line;
            switch (ind.kind()) {
                case RATED, MULTI_RATER_AVERAGE -> {
                    double[] raterPoints = new double[ind.raters().size()];
                    Map<String, Double> ratings = ratings(ind, in, raterPoints);
                    boolean rated = ind.kind() == IndicatorKind.RATED;
                    double points = rated ? weighted(ind, raterPoints) : average(raterPoints);
                    double deduction = penalty(ind, in);
                    line = line(ind, null, ratings, ind.ruleText(), deduction, points);
                    if (rated) {
                        if (raterDelta == null)
                            raterDelta = new double[scheme.raters().size()];
                        for (int r = 0; r < raterPoints.length; r++) {
                            raterDelta[ind.raterSlots()[r]] +=
                                    round2(Math.max(0, raterPoints[r] - deduction)) - line.points();
                        }
                    }
                }
                case EVENT_DEDUCTION ->
                    line = line(ind, null, null, ind.ruleText(), linkedDeductions[i], ind.maxPoints());
                default -> line = measured(scheme, ind, in);
            }
            lines.add(line);
            sum += line.points();
        }
        double adjustmentSum = 0;
        for (ScoreResult.Adjustment a : adjustments) {
            if (a.indicatorId() == null) adjustmentSum += a.points();
        }
        double uncapped = round2(sum + adjustmentSum);
        double total = clamp(uncapped, scheme.maxTotal());
        return new ScoreResult(
                scheme.id(),
                scheme.version(),
                total,
                scheme.gradeScale().gradeOf(total),
                lines,
                adjustments,
                raterTotals(scheme, uncapped, raterDelta),
                uncapped);
    }

    /**
     * The measured part of a scorecard — every indicator computed from data, not from raters — as
     * the data-collection step shows it before anyone has rated. Rated lines are left out.
     */
    public static List<ScoreResult.Line> measured(Scheme scheme, ScoreInput in) {
        List<Indicator> indicators = scheme.indicators();
        double[] linkedDeductions = new double[indicators.size()];
        adjustments(scheme, in, linkedDeductions);
        List<ScoreResult.Line> lines = new ArrayList<>();
        for (int i = 0; i < indicators.size(); i++) {
            Indicator ind = indicators.get(i);
            if (ind.kind().readsValue()) lines.add(measured(scheme, ind, in));
            else if (ind.kind() == IndicatorKind.EVENT_DEDUCTION) {
                lines.add(line(ind, null, null, ind.ruleText(), linkedDeductions[i], ind.maxPoints()));
            }
        }
        return lines;
    }

    /** Value keys the measured indicators need (penalty inputs included; optional flags not). */
    public static List<String> requiredInputs(Scheme scheme) {
        List<String> keys = new ArrayList<>();
        for (Indicator ind : scheme.indicators()) {
            if (ind.kind().readsValue()) keys.add(ind.id());
            if (ind.penalty() != null) keys.add(ind.penalty().input());
        }
        return keys;
    }

    /**
     * Scores a whole team at once, so that rank-relative indicators (好评数量 第一名 10) compare each
     * person with the team's best. Keys are employee ids; the order of the map is kept.
     */
    public static Map<String, ScoreResult> scoreTeam(Scheme scheme, Map<String, ScoreInput> team) {
        Map<String, Double> best = new LinkedHashMap<>();
        for (Indicator ind : scheme.indicators()) {
            if (ind.kind() != IndicatorKind.RANK_RELATIVE) continue;
            double max = 0;
            for (Map.Entry<String, ScoreInput> member : team.entrySet()) {
                double v = value(ind.id(), ind.unit(), member.getValue(), "team[" + member.getKey() + "].values.");
                max = Math.max(max, v);
            }
            best.put(ind.id(), max);
        }
        Map<String, ScoreResult> results = new LinkedHashMap<>();
        for (Map.Entry<String, ScoreInput> member : team.entrySet()) {
            try {
                results.put(member.getKey(), score(scheme, member.getValue().withTeamBest(best)));
            } catch (ScoringException e) {
                throw new ScoringException("team[" + member.getKey() + "]." + e.field(), e.reason());
            }
        }
        return results;
    }

    private static ScoreResult.Line measured(Scheme scheme, Indicator ind, ScoreInput in) {
        double v = value(ind.id(), ind.unit(), in, "values.");
        double max = ind.maxPoints();
        double scale = max / ind.weight();
        String rule = ind.ruleText();
        double points;
        switch (ind.kind()) {
            case RATIO_TO_TARGET -> {
                if (ind.fullPointsWhen() != null && flag(ind.fullPointsWhen(), in)) {
                    points = max;
                    rule = "full points: " + ind.fullPointsWhen();
                } else {
                    points = max * Math.min(v / ind.target(), ind.cap());
                }
            }
            case RATE -> {
                if (ind.brackets() != null) {
                    Bracket b = bracket(ind, v);
                    points = b.amount() * scale;
                    rule = b.description();
                } else {
                    points = max * v / 100.0;
                }
            }
            case THRESHOLD -> points = ind.threshold().holds(v) ? max : ind.partial() * scale;
            case LOWER_IS_BETTER -> {
                if (ind.brackets() != null) {
                    Bracket b = bracket(ind, v);
                    points = b.amount() * scale;
                    rule = b.description();
                } else if (v <= ind.target()) {
                    points = max;
                } else {
                    points = max * Math.max(0, (ind.zeroAt() - v) / (ind.zeroAt() - ind.target()));
                }
            }
            case BRACKET_DEDUCTION, COUNT_BRACKET -> {
                Bracket b = bracket(ind, v);
                points = max - b.amount() * scale;
                rule = b.description();
            }
            case PER_OCCURRENCE_DEDUCTION -> points = max - v * ind.per() * scale;
            case RANK_RELATIVE -> {
                Double best = in.teamBest().get(ind.id());
                if (best == null) {
                    throw new ScoringException(
                            "teamBest." + ind.id(),
                            "rank-relative indicator needs the team's best value; give teamBest or score the team together");
                }
                if (v > best)
                    throw new ScoringException(
                            "values." + ind.id(), "is above the team's best value " + Numbers.plain(best));
                points = best == 0 ? 0 : max * v / best;
            }
            default -> throw new IllegalStateException(ind.kind().id());
        }
        return line(ind, v, null, rule, penalty(ind, in), points);
    }

    private static ScoreResult.Line line(
            Indicator ind, Double input, Map<String, Double> ratings, String rule, double deduction, double points) {
        String text = rule;
        if (deduction > 0 && ind.penalty() != null) {
            // The combined text is prepared once per scheme for the indicator's own rule; brackets vary.
            text = rule == ind.ruleText()
                    ? ind.penalty().ruleTextAfter()
                    : rule + "; " + ind.penalty().ruleText();
        }
        double p = round2(Math.min(ind.maxPoints() * ind.cap(), Math.max(0, points - deduction)));
        return new ScoreResult.Line(
                ind.id(),
                ind.nameZh(),
                ind.nameEn(),
                ind.categoryZh(),
                ind.kind().id(),
                ind.maxPoints(),
                input,
                ratings,
                text,
                round2(deduction),
                p);
    }

    private static Bracket bracket(Indicator ind, double v) {
        Bracket b = ind.brackets().find(v);
        if (b == null)
            throw new ScoringException("values." + ind.id(), "value " + Numbers.plain(v) + " is outside every bracket");
        return b;
    }

    private static double penalty(Indicator ind, ScoreInput in) {
        if (ind.penalty() == null) return 0;
        double count = value(ind.penalty().input(), Unit.COUNT, in, "values.");
        return ind.penalty().deduction(count) * ind.maxPoints() / ind.weight();
    }

    private static Map<String, Double> ratings(Indicator ind, ScoreInput in, double[] raterPoints) {
        List<String> raters = ind.raters();
        double[] raw = new double[raters.size()];
        for (int r = 0; r < raters.size(); r++) {
            String rater = raters.get(r);
            Map<String, Double> given = in.ratings().get(rater);
            Double s = given == null ? null : given.get(ind.id());
            String field = "ratings." + rater + "." + ind.id();
            if (s == null)
                throw new ScoringException(field, "is required (rated by " + String.join(", ", raters) + ")");
            if (!Double.isFinite(s)) throw new ScoringException(field, "must be a finite number");
            if (s < ind.scaleMin() || s > ind.scaleMax()) {
                throw new ScoringException(
                        field,
                        "must be between " + Numbers.plain(ind.scaleMin()) + " and " + Numbers.plain(ind.scaleMax()));
            }
            raw[r] = s;
            raterPoints[r] = ind.maxPoints() * (s - ind.scaleMin()) / (ind.scaleMax() - ind.scaleMin());
        }
        return new RaterScores(raters, raw);
    }

    /** R1: rated indicators combine their raters' points by the scheme's rater weights. */
    private static double weighted(Indicator ind, double[] raterPoints) {
        double sum = 0;
        double weights = 0;
        for (int r = 0; r < raterPoints.length; r++) {
            double w = ind.raterWeights()[r];
            sum += w * raterPoints[r];
            weights += w;
        }
        return sum / weights;
    }

    private static double average(double[] raterPoints) {
        double sum = 0;
        for (double p : raterPoints) sum += p;
        return sum / raterPoints.length;
    }

    private static Map<String, Double> raterTotals(Scheme scheme, double uncapped, double[] raterDelta) {
        double[] totals = new double[scheme.raters().size()];
        for (int slot = 0; slot < totals.length; slot++) {
            double t = raterDelta == null ? uncapped : uncapped + raterDelta[slot];
            totals[slot] = clamp(round2(t), scheme.maxTotal());
        }
        return new RaterScores(scheme.raters(), totals);
    }

    private static List<ScoreResult.Adjustment> adjustments(Scheme scheme, ScoreInput in, double[] linkedDeductions) {
        if (in.events().isEmpty()) return List.of();
        List<ScoreResult.Adjustment> result = new ArrayList<>(in.events().size());
        for (int i = 0; i < in.events().size(); i++) {
            ScoreInput.EventOccurrence e = in.events().get(i);
            String field = "events[" + i + "]";
            if (e == null || e.type() == null) throw new ScoringException(field + ".type", "is required");
            EventType type = scheme.events().get(e.type());
            if (type == null) {
                throw new ScoringException(
                        field + ".type",
                        "unknown event '" + e.type() + "'; known: "
                                + String.join(", ", scheme.events().keySet()));
            }
            if (e.count() < 1) throw new ScoringException(field + ".count", "must be at least 1");
            if (e.pointsEach() != null && !Double.isFinite(e.pointsEach()))
                throw new ScoringException(field + ".points", "must be a finite number");
            double each;
            if (type.fixed()) {
                if (e.pointsEach() != null && e.pointsEach() != type.minPoints()) {
                    throw new ScoringException(
                            field + ".points",
                            "event '" + type.id() + "' is always " + Numbers.plain(type.minPoints()) + " points");
                }
                each = type.minPoints();
            } else {
                if (e.pointsEach() == null) {
                    throw new ScoringException(
                            field + ".points",
                            "event '" + type.id() + "' needs the points decided for it, between "
                                    + Numbers.plain(type.minPoints()) + " and " + Numbers.plain(type.maxPoints()));
                }
                each = e.pointsEach();
                if (each < type.minPoints() || each > type.maxPoints()) {
                    throw new ScoringException(
                            field + ".points",
                            "must be between " + Numbers.plain(type.minPoints()) + " and "
                                    + Numbers.plain(type.maxPoints()));
                }
            }
            double points = each * e.count();
            if (type.indicatorId() != null) {
                List<Indicator> indicators = scheme.indicators();
                for (int k = 0; k < indicators.size(); k++) {
                    if (indicators.get(k).id().equals(type.indicatorId())) linkedDeductions[k] -= points;
                }
            }
            result.add(new ScoreResult.Adjustment(
                    type.id(), type.nameZh(), type.nameEn(), e.count(), each, points, type.indicatorId()));
        }
        return result;
    }

    private static void checkKeys(Scheme scheme, ScoreInput in) {
        for (String key : in.values().keySet()) {
            if (!scheme.valueKeys().contains(key)) {
                throw new ScoringException(
                        "values." + key,
                        "is not an input of scheme '" + scheme.id() + "'; inputs: "
                                + String.join(", ", scheme.valueKeys()));
            }
        }
        for (Map.Entry<String, Map<String, Double>> rater : in.ratings().entrySet()) {
            if (rater.getValue() == null)
                throw new ScoringException("ratings." + rater.getKey(), "must map indicator ids to scores");
            for (String indicatorId : rater.getValue().keySet()) {
                Indicator ind = scheme.indicator(indicatorId);
                if (ind == null || ind.raters() == null || !ind.raters().contains(rater.getKey())) {
                    throw new ScoringException(
                            "ratings." + rater.getKey() + "." + indicatorId,
                            "'" + rater.getKey() + "' does not rate '" + indicatorId + "' in scheme '" + scheme.id()
                                    + "'");
                }
            }
        }
        // A given best is trusted as the team's: it must be a legal value, or every share of it is nonsense (x / NaN).
        for (Map.Entry<String, Double> best : in.teamBest().entrySet()) {
            String field = "teamBest." + best.getKey();
            Indicator ind = scheme.indicator(best.getKey());
            if (ind == null || ind.kind() != IndicatorKind.RANK_RELATIVE) {
                List<String> rankRelative = scheme.indicators().stream()
                        .filter(i -> i.kind() == IndicatorKind.RANK_RELATIVE)
                        .map(Indicator::id)
                        .toList();
                throw new ScoringException(
                        field,
                        "is not a rank-relative indicator of scheme '" + scheme.id() + "'; rank-relative: "
                                + (rankRelative.isEmpty() ? "none" : String.join(", ", rankRelative)));
            }
            String problem = best.getValue() == null ? null : ind.unit().problemWith(best.getValue());
            if (problem != null) throw new ScoringException(field, problem);
        }
    }

    private static double value(String key, Unit unit, ScoreInput in, String prefix) {
        Double v = in.values().get(key);
        if (v == null) throw new ScoringException(prefix + key, "is required");
        String problem = unit.problemWith(v);
        if (problem != null) throw new ScoringException(prefix + key, problem);
        return v;
    }

    private static boolean flag(String key, ScoreInput in) {
        Double v = in.values().get(key);
        if (v == null) return false;
        String problem = Unit.FLAG.problemWith(v);
        if (problem != null) throw new ScoringException("values." + key, problem);
        return v == 1;
    }

    static double round2(double x) {
        return Math.round(x * 100 + (x >= 0 ? 1e-7 : -1e-7)) / 100.0;
    }

    private static double clamp(double total, double max) {
        return Math.max(0, Math.min(max, total));
    }
}
