package com.servicereview.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.audit.AuditLog;
import com.servicereview.schemes.SchemeRegistry;
import com.servicereview.scoring.Scheme;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What every part of a review needs: its id, finding it and its scheme version, and recording a
 * decision or an interview. Starting ({@link ReviewStarts}), the KPI snapshot ({@link KpiSnapshots}),
 * ratings ({@link Ratings}), appeals ({@link Appeals}) and the archive ({@link ReviewArchive}) build on
 * it. None of them knows Camunda: the delegates and task listeners of employee-review call them.
 */
@Service
public class ReviewService {

    private final SchemeRegistry schemes;
    private final ReviewRepository reviews;
    private final AuditLog audit;
    private final ObjectMapper json;

    public ReviewService(SchemeRegistry schemes, ReviewRepository reviews, AuditLog audit, ObjectMapper json) {
        this.schemes = schemes;
        this.reviews = reviews;
        this.audit = audit;
        this.json = json;
    }

    public static String reviewId(String employeeId, String period, String schemeId) {
        return employeeId + ":" + period + ":" + schemeId;
    }

    public Optional<ReviewRepository.Decision> latestDecision(String reviewId, String step) {
        return reviews.latestDecision(reviewId, step);
    }

    public void recordDecision(String reviewId, String step, String decidedBy, String outcome, String reason) {
        reviews.recordDecision(reviewId, step, decidedBy, outcome, reason);
        audit.record(
                decidedBy,
                "review.decision",
                reviewId,
                reason == null
                        ? Map.of("step", step, "outcome", outcome)
                        : Map.of("step", step, "outcome", outcome, "reason", reason));
    }

    public void saveInterview(String reviewId, String heldBy, Map<String, Object> record) {
        reviews.saveInterview(reviewId, heldBy, record);
        audit.record(heldBy, "review.interview", reviewId, Map.of());
    }

    public String reviewIdOfInstance(String processInstanceId) {
        return ReviewStarts.launchedInstance(processInstanceId)
                .or(() -> reviews.reviewIdOfInstance(processInstanceId))
                .orElseThrow(() ->
                        new IllegalStateException("process instance " + processInstanceId + " belongs to no review"));
    }

    public ReviewRepository.Review review(String reviewId) {
        return reviews.find(reviewId)
                .orElseThrow(() -> new ReviewInputException("reviewId: unknown review '" + reviewId + "'"));
    }

    /** The scheme version a review was started with. */
    public Scheme schemeOf(String reviewId) {
        ReviewRepository.Review review = review(reviewId);
        return scheme(review.schemeId(), review.schemeVersion());
    }

    /** A new review uses its cycle's version, else the version in force for its period (SchemeRegistry.versionFor). */
    public Scheme schemeForNewReview(String schemeId, String period, String cycleId) {
        return schemes.versionFor(schemeId, period, cycleId)
                .orElseThrow(() -> new ReviewInputException("schemeId: 未知考核方案，或其版本均不适用于 " + period
                        + " / unknown scheme '" + schemeId + "', or none of its versions is in force for " + period));
    }

    public Scheme scheme(String schemeId, Integer version) {
        return schemes.find(schemeId, version)
                .orElseThrow(() -> new ReviewInputException("schemeId: 未知考核方案 / unknown scheme '" + schemeId + "'"
                        + (version == null ? "" : " v" + version)));
    }

    public ObjectMapper json() {
        return json;
    }
}
