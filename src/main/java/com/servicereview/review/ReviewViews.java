package com.servicereview.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.org.OrgRepository;
import com.servicereview.scoring.Indicator;
import com.servicereview.scoring.IndicatorKind;
import com.servicereview.scoring.Numbers;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.ScoreInput;
import com.servicereview.scoring.ScoreResult;
import com.servicereview.scoring.Scorer;
import com.servicereview.scoring.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the review's forms show people, built from the review's data: the score explained line by
 * line, deductions with their counts, inputs with their names, units and ranges, and people's names.
 * The rules themselves stay in the review's services (Ratings, KpiSnapshots, …).
 */
@Component
public class ReviewViews {

    private final ReviewService service;
    private final Ratings ratings;
    private final ReviewRepository repository;
    private final OrgRepository org;
    private final ObjectMapper json;

    ReviewViews(
            ReviewService service, Ratings ratings, ReviewRepository repository, OrgRepository org, ObjectMapper json) {
        this.service = service;
        this.ratings = ratings;
        this.repository = repository;
        this.org = org;
        this.json = json;
    }

    /** The raters as people read them on the forms. */
    public static final Map<String, String> RATER_LABELS =
            Map.of("self", "自评 Self", "supervisor", "主管 Supervisor", "group", "小组 Group");

    /** A person as the forms name them: "王建国 Wang Jianguo", or the user id of someone outside the org model. */
    public String personName(String userId) {
        return org.findEmployee(userId).map(e -> e.nameZh() + " " + e.nameEn()).orElse(userId);
    }

    /**
     * The combined score line by line, rated items explained: each rater's score with its weight,
     * and the deduction with its count (抽查不合格 1 次 −2), so that nobody wonders where points went.
     */
    public List<Map<String, Object>> explainedBreakdown(String reviewId) {
        Scheme scheme = service.schemeOf(reviewId);
        ScoreInput input = ratings.input(reviewId, scheme, repository.ratings(reviewId), null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ScoreResult.Line line : Scorer.score(scheme, input).breakdown()) {
            Indicator ind = scheme.indicator(line.indicatorId());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("indicator", line.nameZh() + " " + line.nameEn());
            row.put("ratings", line.ratings() == null ? "—" : ratingsText(ind, line.ratings()));
            row.put("deduction", deductionNote(ind, input.values()).orElse("—"));
            row.put("points", line.points());
            row.put("max", line.maxPoints());
            rows.add(row);
        }
        return rows;
    }

    private static String ratingsText(Indicator ind, Map<String, Double> ratings) {
        List<String> parts = new ArrayList<>();
        double weights = 0;
        for (double w : ind.raterWeights()) weights += w;
        for (int r = 0; r < ind.raters().size(); r++) {
            String rater = ind.raters().get(r);
            Double score = ratings.get(rater);
            if (score == null) continue;
            // Weights are relative (R1 names them 15/60/25): shown as the rater's share.
            String weight = ind.kind() == IndicatorKind.RATED
                    ? "（" + Math.round(ind.raterWeights()[r] / weights * 100) + "%）"
                    : "";
            parts.add(RATER_LABELS.getOrDefault(rater, rater) + " " + Numbers.plain(score) + weight);
        }
        return String.join(" · ", parts);
    }

    /** A penalty on a rated item, said with its count: "抽查不合格 1 次 → −2 / failed spot checks 1 → −2". */
    public static Optional<String> deductionNote(Indicator ind, Map<String, Double> values) {
        if (ind == null || ind.penalty() == null) return Optional.empty();
        Indicator.Penalty penalty = ind.penalty();
        double count = values.getOrDefault(penalty.input(), 0.0);
        if (count <= 0) return Optional.of(penalty.nameZh() + " 0 次 / " + penalty.nameEn() + " 0 → 0");
        String minus = "−" + Numbers.plain(penalty.deduction(count));
        return Optional.of(penalty.nameZh() + " " + Numbers.plain(count) + " 次 → " + minus + " / " + penalty.nameEn()
                + " " + Numbers.plain(count) + " → " + minus);
    }

    /** The frozen KPI inputs of a review (for what its forms say about deductions). */
    public Map<String, Double> frozenValues(String reviewId) {
        Scheme scheme = service.schemeOf(reviewId);
        return ratings.input(reviewId, scheme, List.of(), null).values();
    }

    /** A value key's bilingual name: the indicator's, or the penalty input's (its unit is shown apart). */
    static String inputLabel(Scheme scheme, String key) {
        for (Indicator ind : scheme.indicators()) {
            if (ind.id().equals(key)) return ind.nameZh() + " " + ind.nameEn();
            if (ind.penalty() != null && ind.penalty().input().equals(key))
                return ind.penalty().nameZh() + " " + ind.penalty().nameEn();
        }
        return key;
    }

    /** Penalty inputs count occurrences; every other input has its indicator's unit. */
    static Unit unitOf(Scheme scheme, String key) {
        Indicator indicator = scheme.indicator(key);
        return indicator == null ? Unit.COUNT : indicator.unit();
    }

    /** A unit with its range, as HR reads it on the data form: "%，0–100 / percent, 0–100". */
    static String unitLabel(Unit unit) {
        return switch (unit) {
            case PERCENT -> "%，0–100 / percent, 0–100";
            case PERCENT_OF_TARGET -> "目标完成 % / % of target";
            case COUNT -> "次数，整数 / count, whole number";
            case SECONDS -> "秒 / seconds";
            case HOURS -> "小时 / hours";
            case YUAN -> "元 / yuan";
            case SCORE -> "分 / points";
            case FLAG -> "0 或 1 / 0 or 1";
        };
    }

    /** The measured inputs with their frozen values, for HR to correct when upholding an appeal. */
    public List<Map<String, Object>> correctionItems(String reviewId) {
        Scheme scheme = service.schemeOf(reviewId);
        List<Map<String, Object>> rows = new ArrayList<>();
        JsonNode values = repository
                .snapshotInputs(reviewId)
                .map(inputs -> inputs.path("values"))
                .orElse(json.createObjectNode());
        // In the order of the KPI table: the scheme's indicators, each followed by its penalty input.
        for (Indicator ind : scheme.indicators()) {
            for (String key : ind.penalty() == null
                    ? List.of(ind.id())
                    : List.of(ind.id(), ind.penalty().input())) {
                if (!values.has(key) || rows.stream().anyMatch(r -> r.get("key").equals(key))) continue;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", key);
                row.put("label", inputLabel(scheme, key) + "（" + unitLabel(unitOf(scheme, key)) + "）");
                row.put("current", values.get(key).asDouble());
                row.put("corrected", null);
                rows.add(row);
            }
        }
        return rows;
    }

    /** Rows for the HR form that asks for the inputs the data step could not find. */
    public List<Map<String, Object>> missingItems(KpiSnapshots.Collected collected) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : collected.missing()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("label", inputLabel(collected.scheme(), key));
            row.put("unit", unitLabel(unitOf(collected.scheme(), key)));
            row.put("value", null);
            rows.add(row);
        }
        return rows;
    }
}
