package com.servicereview.scoring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad input value is a clear error naming the field, never a silent 0. */
class InputValidationTest {

    private final Scheme staff = BuiltInSchemes.load("cs-staff-monthly");

    private ScoreInput with(String key, Double value) {
        Map<String, Double> values =
                new HashMap<>(WorkedExamplesTest.csStaffInput().values());
        values.put(key, value);
        ScoreInput base = WorkedExamplesTest.csStaffInput();
        return new ScoreInput(values, base.events(), base.ratings(), Map.of());
    }

    @Test
    void negativeCount() {
        assertThatThrownBy(() -> Scorer.score(staff, with("report-authenticity", -1.0)))
                .isInstanceOf(ScoringException.class)
                .hasMessage("values.report-authenticity: must not be negative");
    }

    @Test
    void rateOver100() {
        assertThatThrownBy(() -> Scorer.score(staff, with("complaint-rate", 100.5)))
                .hasMessage("values.complaint-rate: must be at most 100 (percent)");
    }

    @Test
    void notANumber() {
        assertThatThrownBy(() -> Scorer.score(staff, with("satisfaction", Double.NaN)))
                .hasMessage("values.satisfaction: must be a finite number");
    }

    @Test
    void missingRequiredValue() {
        assertThatThrownBy(() -> Scorer.score(staff, with("revisit-completion", null)))
                .hasMessage("values.revisit-completion: is required");
        assertThatThrownBy(() -> Scorer.score(staff, with("failed-spot-checks", null)))
                .hasMessage("values.failed-spot-checks: is required");
    }

    @Test
    void unknownInputsAreNamed() {
        assertThatThrownBy(() -> Scorer.score(staff, with("complaint-rat", 0.1)))
                .hasMessageStartingWith("values.complaint-rat: is not an input of scheme 'cs-staff-monthly'");
    }

    @Test
    void ratingsForIndicatorsARaterDoesNotRate() {
        ScoreInput base = WorkedExamplesTest.csStaffInput();
        ScoreInput in =
                new ScoreInput(base.values(), List.of(), Map.of("self", Map.of("complaint-rate", 3.0)), Map.of());
        assertThatThrownBy(() -> Scorer.score(staff, in))
                .hasMessage(
                        "ratings.self.complaint-rate: 'self' does not rate 'complaint-rate' in scheme 'cs-staff-monthly'");
    }

    @Test
    void aRaterWithoutScoresIsNamed() {
        ScoreInput base = WorkedExamplesTest.csStaffInput();
        Map<String, Map<String, Double>> ratings = new HashMap<>(base.ratings());
        ratings.put("self", null);
        ScoreInput in = new ScoreInput(base.values(), List.of(), ratings, Map.of());
        assertThatThrownBy(() -> Scorer.score(staff, in))
                .isInstanceOf(ScoringException.class)
                .hasMessage("ratings.self: must map indicator ids to scores");
    }

    @Test
    void theTeamsBestMustBeAFiniteLegalValueOfARankRelativeIndicator() {
        Scheme ecommerce = BuiltInSchemes.load("ecommerce-cs-2024");
        Map<String, Double> values = Map.of(
                "response-time",
                20.0,
                "unanswered-customers",
                0.0,
                "good-reviews",
                30.0,
                "average-order-value",
                120.0,
                "inquiry-to-payment",
                50.0,
                "after-sales-handling",
                0.0);
        Map<String, Map<String, Double>> ratings = Map.of(
                "warehouse",
                Map.of("skill-test", 9.0),
                "operations",
                Map.of("skill-test", 8.0),
                "supervisor",
                Map.of("skill-test", 10.0, "service-attitude", 8.0));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ScoreInput in = new ScoreInput(
                    values, List.of(), ratings, Map.of("good-reviews", bad, "average-order-value", 150.0));
            assertThatThrownBy(() -> Scorer.score(ecommerce, in))
                    .isInstanceOf(ScoringException.class)
                    .hasMessage("teamBest.good-reviews: must be a finite number");
        }
        ScoreInput negative =
                new ScoreInput(values, List.of(), ratings, Map.of("good-reviews", -1.0, "average-order-value", 150.0));
        assertThatThrownBy(() -> Scorer.score(ecommerce, negative))
                .hasMessage("teamBest.good-reviews: must not be negative");
        ScoreInput unknown = new ScoreInput(
                values,
                List.of(),
                ratings,
                Map.of("good-reviews", 40.0, "average-order-value", 150.0, "response-time", 1.0));
        assertThatThrownBy(() -> Scorer.score(ecommerce, unknown))
                .hasMessage(
                        "teamBest.response-time: is not a rank-relative indicator of scheme 'ecommerce-cs-2024'; rank-relative: "
                                + "good-reviews, average-order-value");
    }

    @Test
    void nonFiniteRatingsAndEventPointsAreNamed() {
        ScoreInput base = WorkedExamplesTest.csStaffInput();
        ScoreInput infiniteRating = new ScoreInput(
                base.values(),
                List.of(),
                Map.of(
                        "self",
                        Map.of("answer-quality", Double.POSITIVE_INFINITY),
                        "supervisor",
                        Map.of("answer-quality", 24.0),
                        "group",
                        Map.of("answer-quality", 25.0)),
                Map.of());
        assertThatThrownBy(() -> Scorer.score(staff, infiniteRating))
                .hasMessage("ratings.self.answer-quality: must be a finite number");
        ScoreInput infinitePoints = WorkedExamplesTest.csStaffInput(
                List.of(new ScoreInput.EventOccurrence("audit-notice", 1, Double.NEGATIVE_INFINITY)));
        assertThatThrownBy(() -> Scorer.score(staff, infinitePoints))
                .hasMessage("events[0].points: must be a finite number");
    }

    @Test
    void eventCountMustBePositive() {
        ScoreInput in =
                WorkedExamplesTest.csStaffInput(List.of(new ScoreInput.EventOccurrence("praise-letter", 0, null)));
        assertThatThrownBy(() -> Scorer.score(staff, in)).hasMessage("events[0].count: must be at least 1");
    }

    @Test
    void aFixedEventCannotBeGivenOtherPoints() {
        ScoreInput in =
                WorkedExamplesTest.csStaffInput(List.of(new ScoreInput.EventOccurrence("praise-letter", 1, 3.0)));
        assertThatThrownBy(() -> Scorer.score(staff, in))
                .hasMessage("events[0].points: event 'praise-letter' is always 1 points");
    }
}
