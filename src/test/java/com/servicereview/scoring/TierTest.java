package com.servicereview.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** T1: levels from the self and supervisor totals of online-cs-monthly. */
class TierTest {

    @ParameterizedTest(name = "self {0}, supervisor {1}, warned {2} → {3}")
    @CsvSource({
        "90, 90, false, SENIOR",
        "95, 89.99, false, INTERMEDIATE",
        "80, 89.99, false, INTERMEDIATE",
        "79.99, 85, false, JUNIOR",
        "70, 70, false, JUNIOR",
        "69.99, 95, false, WARNING",
        "95, 69.99, true, SEPARATION_REVIEW",
        "75, 75, true, JUNIOR"
    })
    void theLowerTotalDecides(double self, double supervisor, boolean warned, Tier expected) {
        assertThat(Tier.of(self, supervisor, warned)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "G1: {0} → {1}")
    @CsvSource({
        "100, OUTSTANDING",
        "95, OUTSTANDING",
        "94.99, EXCELLENT",
        "85, EXCELLENT",
        "84.99, MEDIUM",
        "70, MEDIUM",
        "69.99, NEEDS_IMPROVEMENT",
        "50, NEEDS_IMPROVEMENT",
        "49.99, URGENT_IMPROVEMENT",
        "0, URGENT_IMPROVEMENT"
    })
    void gradesOfG1(double total, Grade expected) {
        assertThat(GradeScale.G1.gradeOf(total)).isEqualTo(expected);
    }
}
