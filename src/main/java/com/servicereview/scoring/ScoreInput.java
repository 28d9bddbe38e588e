package com.servicereview.scoring;

import java.util.List;
import java.util.Map;

/**
 * What one employee's scorecard is computed from.
 *
 * @param values   measured inputs by indicator id (and penalty/flag input ids), in the units of U1
 * @param events   adjustment events in the period
 * @param ratings  rater role (self, supervisor, group, warehouse, …) → indicator id → score
 * @param teamBest best value in the team per rank-relative indicator; filled by {@link Scorer#scoreTeam}
 */
public record ScoreInput(
        Map<String, Double> values,
        List<EventOccurrence> events,
        Map<String, Map<String, Double>> ratings,
        Map<String, Double> teamBest) {

    public ScoreInput {
        values = values == null ? Map.of() : values;
        events = events == null ? List.of() : events;
        ratings = ratings == null ? Map.of() : ratings;
        teamBest = teamBest == null ? Map.of() : teamBest;
    }

    /** One or more occurrences of an event; {@code pointsEach} is required for ranged events only. */
    public record EventOccurrence(String type, int count, Double pointsEach) {}

    public ScoreInput withTeamBest(Map<String, Double> best) {
        return new ScoreInput(values, events, ratings, best);
    }
}
