package com.servicereview.scoring;

import static com.servicereview.scoring.Schemes.points;
import static com.servicereview.scoring.Schemes.single;
import static com.servicereview.scoring.Schemes.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every indicator kind of domain §1, at and around each boundary. */
class IndicatorKindsTest {

    @Nested
    class RatioToTarget {
        Scheme scheme = single("ratio-to-target", 30, "{unit: percent, target: 95}");

        @ParameterizedTest(name = "{0}% of a 95% target → {1}")
        @CsvSource({"0, 0", "47.5, 15", "94, 29.68", "95, 30", "95.01, 30", "100, 30"})
        void pointsAreWeightTimesRatioCappedAtOne(double value, double expected) {
            assertThat(points(scheme, value)).isEqualTo(expected);
        }

        @Test
        void aCapAboveOneRewardsOverAchievement() {
            Scheme overAchiever = single("ratio-to-target", 30, "{unit: percent-of-target, target: 100, cap: 1.2}");
            assertThat(points(overAchiever, 110)).isEqualTo(33);
            assertThat(points(overAchiever, 150)).isEqualTo(36);
        }

        @Test
        void aFlagGivesFullPoints() {
            Scheme s = single("ratio-to-target", 30, "{unit: count, target: 30, fullPointsWhen: dedicated}");
            assertThat(points(s, values("x", 3, "dedicated", 1))).isEqualTo(30);
            assertThat(points(s, values("x", 3, "dedicated", 0))).isEqualTo(3);
            assertThat(points(s, values("x", 3))).isEqualTo(3);
        }
    }

    @Nested
    class Rate {
        @ParameterizedTest(name = "rate {0}% → {1}")
        @CsvSource({"0, 0", "0.5, 0.1", "50, 10", "99.99, 20", "100, 20"})
        void linearRate(double value, double expected) {
            assertThat(points(single("rate", 20, "{}"), value)).isEqualTo(expected);
        }

        @Test
        void bracketedRate() {
            Scheme s = single("rate", 10, """
                    {brackets: [{range: "[0, 60)", points: 0}, {range: "[60, 90)", points: 6}, {range: "[90, 100]", points: 10}]}""");
            assertThat(points(s, 59.99)).isEqualTo(0);
            assertThat(points(s, 60)).isEqualTo(6);
            assertThat(points(s, 89.99)).isEqualTo(6);
            assertThat(points(s, 90)).isEqualTo(10);
            assertThat(points(s, 100)).isEqualTo(10);
        }
    }

    @Nested
    class Threshold {
        @ParameterizedTest(name = "{0}% with '> 60' → {1}")
        @CsvSource({"0, 0", "59.99, 0", "60, 0", "60.01, 15", "100, 15"})
        void fullPointsOnlyAboveTheThreshold(double value, double expected) {
            assertThat(points(single("threshold", 15, "{when: '> 60'}"), value)).isEqualTo(expected);
        }

        @Test
        void atLeastIncludesTheBoundaryAndPartialAppliesBelow() {
            Scheme s = single("threshold", 15, "{when: '>= 60', partial: 5}");
            assertThat(points(s, 60)).isEqualTo(15);
            assertThat(points(s, 59.99)).isEqualTo(5);
        }
    }

    @Nested
    class LowerIsBetter {
        Scheme linear = single("lower-is-better", 10, "{unit: seconds, target: 25, zeroAt: 60}");

        @ParameterizedTest(name = "{0} s → {1}")
        @CsvSource({"0, 10", "25, 10", "25.5, 9.86", "42.5, 5", "59.99, 0", "60, 0", "600, 0"})
        void fullAtTargetThenLinearToZero(double value, double expected) {
            // 25.5 s: 10 × (60 − 25.5) / (60 − 25) = 10 × 34.5 / 35 = 9.857 → 9.86
            assertThat(points(linear, value)).isEqualTo(expected);
        }

        @Test
        void bracketsForSteppedTargets() {
            Scheme s = single("lower-is-better", 5, """
                    {target: 30, brackets: [{range: "[0, 30]", points: 5}, {range: "(30, 40]", points: 3}, {range: "(40, inf)", points: 0}]}""");
            assertThat(points(s, 30)).isEqualTo(5);
            assertThat(points(s, 30.01)).isEqualTo(3);
            assertThat(points(s, 40)).isEqualTo(3);
            assertThat(points(s, 40.01)).isEqualTo(0);
        }
    }

    @Nested
    class BracketDeduction {
        // cs-staff-monthly 客户投诉解决率 (higher is worse): 0%→0, 0~0.4%→2, 0.4%~1%→4, 1%~1.5%→10, >1.5%→10
        Scheme complaints = single("bracket-deduction", 20, """
                {brackets: [{range: "[0, 0]", deduct: 0}, {range: "(0, 0.4]", deduct: 2}, {range: "(0.4, 1]", deduct: 4},
                            {range: "(1, 1.5]", deduct: 10}, {range: "(1.5, 100]", deduct: 10}]}""");
        // 回访完成率 (higher is better, written high to low): 100%→0, 95%以下→1, 95%~80%→2, 80%~75%→3, 75%以下→5
        Scheme revisits = single("bracket-deduction", 10, """
                {brackets: [{range: "[100, 100]", deduct: 0}, {range: "[95, 100)", deduct: 1}, {range: "[80, 95)", deduct: 2},
                            {range: "[75, 80)", deduct: 3}, {range: "[0, 75)", deduct: 5}]}""");

        @ParameterizedTest(name = "complaint rate {0}% → {1}")
        @CsvSource({
            "0, 20",
            "0.0001, 18",
            "0.4, 18",
            "0.4001, 16",
            "1, 16",
            "1.0001, 10",
            "1.5, 10",
            "1.5001, 10",
            "100, 10"
        })
        void higherIsWorse(double value, double expected) {
            assertThat(points(complaints, value)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "revisit completion {0}% → {1}")
        @CsvSource({"100, 10", "99.99, 9", "95, 9", "94.99, 8", "80, 8", "79.99, 7", "75, 7", "74.99, 5", "0, 5"})
        void higherIsBetter(double value, double expected) {
            assertThat(points(revisits, value)).isEqualTo(expected);
        }

        @Test
        void theBreakdownNamesTheBracketAndItsSeedText() {
            Scheme s = BuiltInSchemes.load("cs-staff-monthly");
            ScoreResult.Line line = Scorer.score(s, WorkedExamplesTest.csStaffInput())
                    .breakdown()
                    .get(1);
            assertThat(line.rule()).isEqualTo("(0, 0.4] 高于 0 至 0.4 / over 0 to 0.4 → −2（原文 / seed: 0~0.4%）");
        }
    }

    @Nested
    class CountBracket {
        // 回访真实度: 0→0, 1→1, 2→2, 3~5→3, >5→5 deducted
        Scheme s = single("count-bracket", 10, """
                {brackets: [{range: "[0, 0]", deduct: 0}, {range: "[1, 1]", deduct: 1}, {range: "[2, 2]", deduct: 2},
                            {range: "[3, 5]", deduct: 3}, {range: "(5, inf)", deduct: 5}]}""");

        @ParameterizedTest(name = "{0} false revisits → {1}")
        @CsvSource({"0, 10", "1, 9", "2, 8", "3, 7", "5, 7", "6, 5", "1000, 5"})
        void deductsByCount(double count, double expected) {
            assertThat(points(s, count)).isEqualTo(expected);
        }

        @Test
        void aFractionalCountIsAnError() {
            assertThatThrownBy(() -> points(s, 1.5))
                    .isInstanceOf(ScoringException.class)
                    .hasMessage("values.x: must be a whole number (count)");
        }
    }

    @Nested
    class PerOccurrence {
        Scheme s = single("per-occurrence-deduction", 10, "{per: 2}");

        @ParameterizedTest(name = "{0} occurrences → {1}")
        @CsvSource({"0, 10", "1, 8", "4, 2", "5, 0", "6, 0", "100, 0"})
        void deductsUntilNothingIsLeft(double count, double expected) {
            assertThat(points(s, count)).isEqualTo(expected);
        }
    }

    @Nested
    class RankRelative {
        Scheme s = single("rank-relative", 10, "{unit: count}");

        @Test
        void firstPlaceGetsTheWeightOthersTheirShareOfTheBest() {
            Map<String, ScoreResult> team = Scorer.scoreTeam(
                    s,
                    Map.of(
                            "a",
                            values("x", 40, "filler", 0),
                            "b",
                            values("x", 30, "filler", 0),
                            "c",
                            values("x", 0, "filler", 0)));
            assertThat(team.get("a").breakdown().get(0).points()).isEqualTo(10);
            assertThat(team.get("b").breakdown().get(0).points()).isEqualTo(7.5);
            assertThat(team.get("c").breakdown().get(0).points()).isEqualTo(0);
        }

        @Test
        void aTeamWhereNobodyScoresGetsZero() {
            Map<String, ScoreResult> team = Scorer.scoreTeam(s, Map.of("a", values("x", 0, "filler", 0)));
            assertThat(team.get("a").breakdown().get(0).points()).isEqualTo(0);
        }

        @Test
        void scoringAloneNeedsTheTeamsBest() {
            assertThatThrownBy(() -> points(s, 5))
                    .isInstanceOf(ScoringException.class)
                    .extracting(e -> ((ScoringException) e).field())
                    .isEqualTo("teamBest.x");
            ScoreInput withBest = values("x", 5).withTeamBest(Map.of("x", 20.0));
            assertThat(points(s, withBest)).isEqualTo(2.5);
        }

        @Test
        void aValueAboveTheGivenBestIsAnError() {
            ScoreInput above = values("x", 25).withTeamBest(Map.of("x", 20.0));
            assertThatThrownBy(() -> points(s, above))
                    .hasMessageContaining("values.x: is above the team's best value 20");
        }
    }

    @Nested
    class Rated {
        Scheme s = single("rated", 30, "{scale: [0, 30], penalty: {input: failed-spot-checks, per: 2}}");

        @Test
        void ratersAreCombinedByTheirWeights() {
            // R1: 0.15 × 30 + 0.60 × 20 + 0.25 × 25 = 4.5 + 12 + 6.25 = 22.75; one failed spot check −2 → 20.75
            ScoreInput in = new ScoreInput(
                    Map.of("failed-spot-checks", 1.0, "filler", 0.0),
                    List.of(),
                    Map.of("self", Map.of("x", 30.0), "supervisor", Map.of("x", 20.0), "group", Map.of("x", 25.0)),
                    Map.of());
            ScoreResult result = Scorer.score(s, in);
            assertThat(result.breakdown().get(0).points()).isEqualTo(20.75);
            assertThat(result.breakdown().get(0).deduction()).isEqualTo(2);
            assertThat(result.breakdown().get(0).ratings()).containsEntry("supervisor", 20.0);
            // R2: each rater's own view: self 28, supervisor 18, group 23 (each − 2)
            assertThat(result.raterTotals())
                    .containsEntry("self", 28.0)
                    .containsEntry("supervisor", 18.0)
                    .containsEntry("group", 23.0);
        }

        @Test
        void aDeclaredScaleIsMappedOntoTheWeight() {
            Scheme tenPoint = single("rated", 20, "{raters: [supervisor], scale: [1, 5]}");
            ScoreInput in =
                    new ScoreInput(Map.of("filler", 0.0), List.of(), Map.of("supervisor", Map.of("x", 4.0)), Map.of());
            // (4 − 1) / (5 − 1) × 20 = 15
            assertThat(Scorer.score(tenPoint, in).breakdown().get(0).points()).isEqualTo(15);
        }

        @Test
        void aMissingOrOutOfRangeRatingIsAnError() {
            ScoreInput missing = new ScoreInput(
                    Map.of("failed-spot-checks", 0.0, "filler", 0.0),
                    List.of(),
                    Map.of("self", Map.of("x", 30.0), "supervisor", Map.of("x", 20.0)),
                    Map.of());
            assertThatThrownBy(() -> Scorer.score(s, missing))
                    .hasMessage("ratings.group.x: is required (rated by self, supervisor, group)");
            ScoreInput tooHigh = new ScoreInput(
                    Map.of("failed-spot-checks", 0.0, "filler", 0.0),
                    List.of(),
                    Map.of("self", Map.of("x", 31.0), "supervisor", Map.of("x", 20.0), "group", Map.of("x", 2.0)),
                    Map.of());
            assertThatThrownBy(() -> Scorer.score(s, tooHigh)).hasMessage("ratings.self.x: must be between 0 and 30");
        }
    }

    @Nested
    class MultiRaterAverage {
        Scheme s = single("multi-rater-average", 10, "{raters: [warehouse, operations, supervisor], scale: [0, 10]}");

        @Test
        void meanOfTheNamedRaters() {
            ScoreInput in = new ScoreInput(
                    Map.of("filler", 0.0),
                    List.of(),
                    Map.of(
                            "warehouse",
                            Map.of("x", 9.0),
                            "operations",
                            Map.of("x", 8.0),
                            "supervisor",
                            Map.of("x", 10.0)),
                    Map.of());
            assertThat(Scorer.score(s, in).breakdown().get(0).points()).isEqualTo(9);
        }
    }

    @Nested
    class Events {
        Scheme staff = BuiltInSchemes.load("cs-staff-monthly");

        @Test
        void linkedEventsDeductFromTheirIndicatorDownToZero() {
            // audit −6 and correction −5 = −11 on a line of 10 → 0, and nothing more from the total
            ScoreInput in = WorkedExamplesTest.csStaffInput(List.of(
                    new ScoreInput.EventOccurrence("audit-notice", 1, -6.0),
                    new ScoreInput.EventOccurrence("correction-notice", 1, -5.0)));
            ScoreResult result = Scorer.score(staff, in);
            ScoreResult.Line audit = result.breakdown().get(6);
            assertThat(audit.points()).isEqualTo(0);
            assertThat(audit.deduction()).isEqualTo(11);
            // the rest of the worked example: 22.70 + 18 + 9 + 9 + 10 + 10 = 78.70
            assertThat(result.total()).isEqualTo(78.70);
        }

        @Test
        void rangedEventsNeedPointsWithinTheRange() {
            ScoreInput none =
                    WorkedExamplesTest.csStaffInput(List.of(new ScoreInput.EventOccurrence("audit-notice", 1, null)));
            assertThatThrownBy(() -> Scorer.score(staff, none))
                    .hasMessage(
                            "events[0].points: event 'audit-notice' needs the points decided for it, between -10 and -2");
            ScoreInput outside =
                    WorkedExamplesTest.csStaffInput(List.of(new ScoreInput.EventOccurrence("audit-notice", 1, -12.0)));
            assertThatThrownBy(() -> Scorer.score(staff, outside))
                    .hasMessage("events[0].points: must be between -10 and -2");
        }

        @Test
        void adjustmentsMoveTheTotalWithinTheBonusCap() {
            // the worked example without its audit notice is 88.70; 3 media praises +15 → 103.70, within 100 + bonusCap
            // 10
            ScoreInput praised =
                    WorkedExamplesTest.csStaffInput(List.of(new ScoreInput.EventOccurrence("media-praise", 3, null)));
            assertThat(Scorer.score(staff, praised).total()).isEqualTo(103.70);
            // 10 media praises +50 → 138.70, clamped to 110
            ScoreInput lots =
                    WorkedExamplesTest.csStaffInput(List.of(new ScoreInput.EventOccurrence("media-praise", 10, null)));
            ScoreResult capped = Scorer.score(staff, lots);
            assertThat(capped.total()).isEqualTo(110);
            assertThat(capped.uncappedTotal()).isEqualTo(138.70);
        }

        @Test
        void unknownEventsAreErrors() {
            ScoreInput in = WorkedExamplesTest.csStaffInput(List.of(new ScoreInput.EventOccurrence("party", 1, null)));
            assertThatThrownBy(() -> Scorer.score(staff, in))
                    .hasMessageStartingWith("events[0].type: unknown event 'party'");
        }

        @Test
        void criticismCannotTakeTheTotalBelowZero() {
            ScoreInput in = WorkedExamplesTest.csStaffInput(
                    List.of(new ScoreInput.EventOccurrence("media-criticism", 30, null)));
            assertThat(Scorer.score(staff, in).total()).isEqualTo(0);
        }
    }
}
