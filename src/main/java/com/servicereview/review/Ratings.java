package com.servicereview.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Indicator;
import com.servicereview.scoring.IndicatorKind;
import com.servicereview.scoring.Numbers;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.ScoreInput;
import com.servicereview.scoring.ScoreResult;
import com.servicereview.scoring.Scorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Every rater's scores and the views computed from them: the items a role rates, recording a
 * submission, the P7 gap, the combined and per-rater totals, and the approved result.
 */
@Service
public class Ratings {

    private final ReviewService reviewService;
    private final ReviewRepository reviews;
    private final double gapPoints;

    Ratings(
            ReviewService reviewService,
            ReviewRepository reviews,
            @Value("${service-review.review.gap-points:10}") double gapPoints) {
        this.reviewService = reviewService;
        this.reviews = reviews;
        this.gapPoints = gapPoints;
    }

    /** Multi-rater indicators are entered by the supervisor, one score per named rater: {@code skill-test@warehouse}. */
    static final String RATER_SEPARATOR = "@";

    /** The rated items a role scores in this scheme: {@code indicator} or {@code indicator@rater} for multi-rater ones. */
    public List<RatingItem> ratingItems(Scheme scheme, String role) {
        List<RatingItem> items = new ArrayList<>();
        for (Indicator ind : scheme.indicators()) {
            String label = ind.nameZh() + " " + ind.nameEn();
            if (ind.kind() == IndicatorKind.RATED && ind.raters().contains(role)) {
                items.add(new RatingItem(ind.id(), label, ind.scaleMin(), ind.scaleMax(), ind.seed()));
            } else if (ind.kind() == IndicatorKind.MULTI_RATER_AVERAGE && role.equals("supervisor")) {
                for (String rater : ind.raters()) {
                    items.add(new RatingItem(
                            ind.id() + RATER_SEPARATOR + rater,
                            label + " — " + rater,
                            ind.scaleMin(),
                            ind.scaleMax(),
                            ind.seed()));
                }
            }
        }
        return items;
    }

    public record RatingItem(String id, String label, double min, double max, String hint) {}

    /**
     * Records one rater's submission. Every item of the role must be scored within its range, and a
     * comment is required — at the latest when a score is at either end of its range.
     */
    public void recordRating(
            String reviewId,
            String role,
            String raterId,
            int round,
            Map<String, Double> scores,
            String comment,
            String explanation) {
        ReviewRepository.Review review = reviewService.review(reviewId);
        Scheme scheme = reviewService.scheme(review.schemeId(), review.schemeVersion());
        boolean extreme = false;
        for (RatingItem item : ratingItems(scheme, role)) {
            Double score = scores.get(item.id());
            if (score == null || score.isNaN())
                throw new ReviewInputException("ratingItems." + item.id() + ": 请为「" + item.label()
                        + "」打分 / a score is required (" + item.label() + ")");
            if (score < item.min() || score > item.max()) {
                throw new ReviewInputException("ratingItems." + item.id() + ": 须在 " + Numbers.plain(item.min()) + " 至 "
                        + Numbers.plain(item.max()) + " 之间 / must be between " + Numbers.plain(item.min()) + " and "
                        + Numbers.plain(item.max()));
            }
            extreme |= score == item.min() || score == item.max();
        }
        if (extreme && (comment == null || comment.isBlank())) {
            throw new ReviewInputException(
                    "comment: 打出最高分或最低分时须填写评语 / a comment is required when a score is at the end of its range");
        }
        Map<String, Double> kept = new LinkedHashMap<>();
        ratingItems(scheme, role).forEach(item -> kept.put(item.id(), scores.get(item.id())));
        reviews.saveRating(
                reviewId, new ReviewRepository.Rating(role, raterId, round, kept, comment, explanation, null, null));
    }

    /** A role's latest submission (the latest round of its latest rater). */
    public Optional<ReviewRepository.Rating> latestRating(String reviewId, String role) {
        return latest(reviews.ratings(reviewId), role);
    }

    /** The scores a rater gave in their latest round, to prefill a re-evaluation. */
    public Map<String, Double> lastScores(String reviewId, String role, String raterId) {
        return reviews.ratings(reviewId).stream()
                .filter(r -> r.role().equals(role) && r.raterId().equals(raterId))
                .reduce((a, b) -> b.round() >= a.round() ? b : a)
                .map(ReviewRepository.Rating::scores)
                .orElse(Map.of());
    }

    /** The next round number for a rater: 1 for the first submission, 2 for a re-evaluation, … */
    public int nextRound(String reviewId, String role, String raterId) {
        return reviews.ratingRounds(reviewId, role, raterId) + 1;
    }

    public record Gap(
            double selfTotal, Grade selfGrade, double supervisorTotal, Grade supervisorGrade, boolean differ) {}

    /**
     * P7: the self view and the supervisor view of the total, and whether they differ in grade or by
     * more than the gap. Records each view's total on its rating, for the archive.
     */
    public Gap recordGap(String reviewId) {
        ReviewRepository.Review review = reviewService.review(reviewId);
        Scheme scheme = reviewService.scheme(review.schemeId(), review.schemeVersion());
        List<ReviewRepository.Rating> ratings = reviews.ratings(reviewId);
        ScoreResult self = Scorer.score(scheme, input(reviewId, scheme, ratings, "self"));
        ScoreResult supervisor = Scorer.score(scheme, input(reviewId, scheme, ratings, "supervisor"));
        latest(ratings, "self")
                .ifPresent(r -> reviews.updateViewTotal(
                        reviewId,
                        r.role(),
                        r.raterId(),
                        r.round(),
                        self.total(),
                        self.grade().name()));
        latest(ratings, "supervisor")
                .ifPresent(r -> reviews.updateViewTotal(
                        reviewId,
                        r.role(),
                        r.raterId(),
                        r.round(),
                        supervisor.total(),
                        supervisor.grade().name()));
        boolean differ = self.grade() != supervisor.grade() || Math.abs(self.total() - supervisor.total()) > gapPoints;
        return new Gap(self.total(), self.grade(), supervisor.total(), supervisor.grade(), differ);
    }

    /** The combined score as it stands, without recording it (what the indirect supervisor is asked to approve). */
    public ScoreResult preview(String reviewId) {
        ReviewRepository.Review review = reviewService.review(reviewId);
        Scheme scheme = reviewService.scheme(review.schemeId(), review.schemeVersion());
        return Scorer.score(scheme, input(reviewId, scheme, reviews.ratings(reviewId), null));
    }

    /**
     * The self view of the total right after the self-review — only where the self-review alone
     * defines it (every rated indicator is rated by self, no multi-rater indicator).
     */
    public Optional<ScoreResult> selfView(String reviewId) {
        Scheme scheme = reviewService.schemeOf(reviewId);
        boolean selfDefines = scheme.indicators().stream().allMatch(i -> switch (i.kind()) {
            case RATED -> i.raters().contains("self");
            case MULTI_RATER_AVERAGE -> false;
            default -> true;
        });
        if (!selfDefines) return Optional.empty();
        return Optional.of(Scorer.score(scheme, input(reviewId, scheme, reviews.ratings(reviewId), "self")));
    }

    /** Every rater's own view of the total, for the indirect supervisor's summary. */
    public Map<String, ScoreResult> raterViews(String reviewId) {
        ReviewRepository.Review review = reviewService.review(reviewId);
        Scheme scheme = reviewService.scheme(review.schemeId(), review.schemeVersion());
        List<ReviewRepository.Rating> ratings = reviews.ratings(reviewId);
        Map<String, ScoreResult> views = new LinkedHashMap<>();
        for (String role : List.of("self", "supervisor", "group")) {
            if (ratings.stream().anyMatch(r -> r.role().equals(role))) {
                views.put(role, Scorer.score(scheme, input(reviewId, scheme, ratings, role)));
            }
        }
        return views;
    }

    /** The approved result (score version 1): every rater combined by the scheme's rater weights (R1). */
    public ScoreResult finalise(String reviewId, String approvedBy) {
        ReviewRepository.Review review = reviewService.review(reviewId);
        Scheme scheme = reviewService.scheme(review.schemeId(), review.schemeVersion());
        ScoreResult result = Scorer.score(scheme, input(reviewId, scheme, reviews.ratings(reviewId), null));
        reviews.saveScore(
                reviewId, 1, result.total(), result.grade().name(), result, "approved by " + approvedBy, approvedBy);
        reviews.setFinal(reviewId, result.total(), result.grade().name());
        return result;
    }

    /**
     * The scorecard's input from the frozen snapshot and the latest round of every rater. With
     * {@code viewOf} set, that rater's scores stand for every rater of the indicators it rates (its
     * own view of the total, R2); missing group ratings fall back to the supervisor's.
     */
    ScoreInput input(String reviewId, Scheme scheme, List<ReviewRepository.Rating> ratings, String viewOf) {
        JsonNode snapshot = reviews.snapshotInputs(reviewId)
                .orElseThrow(() -> new IllegalStateException("review " + reviewId + " has no KPI snapshot"));
        Map<String, Double> values = new LinkedHashMap<>();
        snapshot.path("values")
                .fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
        Map<String, Double> teamBest = new LinkedHashMap<>();
        snapshot.path("teamBest")
                .fields()
                .forEachRemaining(e -> teamBest.put(e.getKey(), e.getValue().asDouble()));
        List<ScoreInput.EventOccurrence> events = new ArrayList<>();
        snapshot.path("events")
                .forEach(e -> events.add(new ScoreInput.EventOccurrence(
                        e.path("type").asText(),
                        e.path("count").asInt(1),
                        e.path("pointsEach").isNumber() ? e.path("pointsEach").asDouble() : null)));

        Map<String, Map<String, Double>> byRole = new LinkedHashMap<>();
        latest(ratings, "self").ifPresent(r -> byRole.put("self", r.scores()));
        latest(ratings, "supervisor").ifPresent(r -> byRole.put("supervisor", r.scores()));
        Map<String, Double> group = groupMean(ratings);
        if (!group.isEmpty()) byRole.put("group", group);

        Map<String, Map<String, Double>> scorecard = new LinkedHashMap<>();
        for (Indicator ind : scheme.indicators()) {
            if (ind.kind() == IndicatorKind.RATED) {
                for (String rater : ind.raters()) {
                    String source = viewOf != null && ind.raters().contains(viewOf) ? viewOf : rater;
                    Double score = score(byRole, source, ind.id());
                    if (score == null && rater.equals("group")) score = score(byRole, "supervisor", ind.id());
                    if (score != null)
                        scorecard
                                .computeIfAbsent(rater, k -> new LinkedHashMap<>())
                                .put(ind.id(), score);
                }
            } else if (ind.kind() == IndicatorKind.MULTI_RATER_AVERAGE) {
                for (String rater : ind.raters()) {
                    Double score = score(byRole, "supervisor", ind.id() + RATER_SEPARATOR + rater);
                    if (score != null)
                        scorecard
                                .computeIfAbsent(rater, k -> new LinkedHashMap<>())
                                .put(ind.id(), score);
                }
            }
        }
        return new ScoreInput(values, events, scorecard, teamBest);
    }

    private static Double score(Map<String, Map<String, Double>> byRole, String role, String key) {
        Map<String, Double> scores = byRole.get(role);
        return scores == null ? null : scores.get(key);
    }

    private static Optional<ReviewRepository.Rating> latest(List<ReviewRepository.Rating> ratings, String role) {
        return ratings.stream().filter(r -> r.role().equals(role)).reduce((a, b) -> b.round() >= a.round() ? b : a);
    }

    /** The group's score per item: the mean of each group reviewer's latest round. */
    private static Map<String, Double> groupMean(List<ReviewRepository.Rating> ratings) {
        Map<String, ReviewRepository.Rating> latestByReviewer = new LinkedHashMap<>();
        ratings.stream()
                .filter(r -> r.role().equals("group"))
                .forEach(r -> latestByReviewer.merge(r.raterId(), r, (a, b) -> b.round() >= a.round() ? b : a));
        Map<String, double[]> sums = new LinkedHashMap<>();
        latestByReviewer
                .values()
                .forEach(r -> r.scores().forEach((k, v) -> {
                    double[] s = sums.computeIfAbsent(k, x -> new double[2]);
                    s[0] += v;
                    s[1]++;
                }));
        Map<String, Double> mean = new LinkedHashMap<>();
        sums.forEach((k, s) -> mean.put(k, s[0] / s[1]));
        return mean;
    }
}
