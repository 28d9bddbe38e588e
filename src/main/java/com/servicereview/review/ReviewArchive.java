package com.servicereview.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.servicereview.audit.AuditLog;
import com.servicereview.scoring.ContentHash;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** P6: the immutable archive of a finished review. */
@Service
public class ReviewArchive {

    private final ReviewService reviewService;
    private final ReviewRepository reviews;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    ReviewArchive(
            ReviewService reviewService, ReviewRepository reviews, AuditLog audit, ApplicationEventPublisher events) {
        this.reviewService = reviewService;
        this.reviews = reviews;
        this.audit = audit;
        this.events = events;
    }

    /** P6: the immutable archive document and its SHA-256; archiving twice stores it once. */
    public String archive(String reviewId) {
        reviews.setStatus(reviewId, "ARCHIVED");
        JsonNode dossier = reviews.dossier(reviewId);
        String canonical = CanonicalJson.text(dossier);
        String hash = reviews.archive(reviewId, canonical, ContentHash.sha256(canonical));
        audit.record("system", "review.archived", reviewId, Map.of("contentHash", hash));
        ReviewRepository.Review review = reviewService.review(reviewId);
        // Listeners run in this transaction: a cycle notices its last review here.
        events.publishEvent(new ReviewArchived(reviewId, review.cycleId()));
        return hash;
    }

    /** Recomputes the hash of a stored archive: true when the document is as it was archived. */
    public boolean verifyArchive(ReviewRepository.Archive archive) {
        return ContentHash.sha256(CanonicalJson.text(archive.document())).equals(archive.contentHash());
    }
}
