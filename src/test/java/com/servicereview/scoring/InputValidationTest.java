package com.servicereview.scoring;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad input value is a clear error naming the field, never a silent 0. */
class InputValidationTest {

    private final Scheme staff = BuiltInSchemes.load("cs-staff-monthly");

    private ScoreInput with(String key, Double value) {
        Map<String, Double> values = new HashMap<>(WorkedExamplesTest.csStaffInput().values());
        values.put(key, value);
        ScoreInput base = WorkedExamplesTest.csStaffInput();
        return new ScoreInput(values, base.events(), base.ratings(), Map.of());
    }

    @Test
    void negativeCount() {
        assertThatThrownBy(() -> Scorer.score(staff, with("report-authenticity", -1.0)))
                .isInstanceOf(ScoringException.class).hasMessage("values.report-authenticity: must not be negative");
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
        ScoreInput in = new ScoreInput(base.values(), List.of(), Map.of("self", Map.of("complaint-rate", 3.0)), Map.of());
        assertThatThrownBy(() -> Scorer.score(staff, in))
                .hasMessage("ratings.self.complaint-rate: 'self' does not rate 'complaint-rate' in scheme 'cs-staff-monthly'");
    }

    @Test
    void eventCountMustBePositive() {
        ScoreInput in = WorkedExamplesTest.csStaffInput(List.of(new ScoreInput.EventOccurrence("praise-letter", 0, null)));
        assertThatThrownBy(() -> Scorer.score(staff, in)).hasMessage("events[0].count: must be at least 1");
    }

    @Test
    void aFixedEventCannotBeGivenOtherPoints() {
        ScoreInput in = WorkedExamplesTest.csStaffInput(List.of(new ScoreInput.EventOccurrence("praise-letter", 1, 3.0)));
        assertThatThrownBy(() -> Scorer.score(staff, in)).hasMessage("events[0].points: event 'praise-letter' is always 1 points");
    }
}
