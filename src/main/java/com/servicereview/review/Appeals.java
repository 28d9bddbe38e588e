package com.servicereview.review;

import com.servicereview.audit.AuditLog;
import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.ScoreInput;
import com.servicereview.scoring.ScoreResult;
import com.servicereview.scoring.Scorer;
import com.servicereview.scoring.ScoringException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** P9: an employee's appeal, the department head's coordination, HR's decision and the re-score. */
@Service
public class Appeals {

    private final ReviewService reviewService;
    private final Ratings ratings;
    private final ReviewRepository reviews;
    private final AuditLog audit;

    Appeals(ReviewService reviewService, Ratings ratings, ReviewRepository reviews, AuditLog audit) {
        this.reviewService = reviewService;
        this.ratings = ratings;
        this.reviews = reviews;
        this.audit = audit;
    }

    public Optional<ReviewRepository.Appeal> appeal(String reviewId) {
        return reviews.findAppeal(reviewId);
    }

    public record Rescore(double oldTotal, Grade oldGrade, double newTotal, Grade newGrade, int version) {}

    /** P9: an upheld appeal re-scores with corrected inputs, keeping the old score as a version of its own. */
    public Rescore rescore(String reviewId, Map<String, Double> corrections, String decidedBy, String reason) {
        ReviewRepository.Review review = reviewService.review(reviewId);
        Scheme scheme = reviewService.scheme(review.schemeId(), review.schemeVersion());
        int version = reviews.latestScoreVersion(reviewId);
        ScoreInput input = ratings.input(reviewId, scheme, reviews.ratings(reviewId), null);
        Map<String, Double> values = new LinkedHashMap<>(input.values());
        corrections.forEach((key, value) -> {
            if (!values.containsKey(key))
                throw new ReviewInputException("correctionItems." + key + ": not an input of this review");
        });
        values.putAll(corrections);
        ScoreResult result;
        try {
            result = Scorer.score(scheme, new ScoreInput(values, input.events(), input.ratings(), input.teamBest()));
        } catch (ScoringException e) {
            throw new ReviewInputException("correctionItems." + e.field().replace("values.", "") + ": " + e.reason());
        }
        double oldTotal = review.finalTotal().doubleValue();
        Grade oldGrade = Grade.valueOf(review.finalGrade());
        reviews.saveScore(
                reviewId,
                version + 1,
                result.total(),
                result.grade().name(),
                Map.of("result", result, "corrections", corrections),
                "appeal upheld: " + reason,
                decidedBy);
        reviews.setFinal(reviewId, result.total(), result.grade().name());
        audit.record(
                decidedBy,
                "review.rescored",
                reviewId,
                Map.of(
                        "oldTotal",
                        oldTotal,
                        "oldGrade",
                        oldGrade,
                        "newTotal",
                        result.total(),
                        "newGrade",
                        result.grade(),
                        "corrections",
                        corrections,
                        "reason",
                        reason));
        return new Rescore(oldTotal, oldGrade, result.total(), result.grade(), version + 1);
    }

    public void fileAppeal(String reviewId, String facts, String employeeId) {
        reviews.fileAppeal(reviewId, facts, employeeId);
        reviews.recordDecision(reviewId, "Task_AcknowledgeResult", employeeId, "appeal", facts);
        audit.record(employeeId, "review.appeal-filed", reviewId, Map.of("facts", facts));
    }

    public void coordinateAppeal(String reviewId, String head, String outcome, String note) {
        reviews.coordinateAppeal(reviewId, head, outcome, note);
        reviewService.recordDecision(reviewId, "Task_CoordinateAppeal", head, outcome, note);
    }

    public void decideAppeal(
            String reviewId, String hrUser, String decision, String reason, Map<String, Double> corrections) {
        ReviewRepository.Review review = reviewService.review(reviewId);
        Scheme scheme = reviewService.scheme(review.schemeId(), review.schemeVersion());
        corrections.forEach((key, value) -> {
            if (!scheme.valueKeys().contains(key))
                throw new ReviewInputException("correctionItems." + key + ": not an input of " + scheme.id());
            if (value.isNaN() || value < 0)
                throw new ReviewInputException("correctionItems." + key + ": 须为不小于 0 的数 / a number ≥ 0 is required");
        });
        reviews.decideAppeal(reviewId, hrUser, decision, reason, corrections);
        reviewService.recordDecision(reviewId, "Task_DecideAppeal", hrUser, decision, reason);
    }
}
