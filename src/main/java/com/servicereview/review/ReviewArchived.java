package com.servicereview.review;

/** A review was archived; {@code cycleId} is null for a review started on its own. */
public record ReviewArchived(String reviewId, String cycleId) {}
