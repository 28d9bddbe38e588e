package com.servicereview.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** W1, B1, B2 and the rest: an invalid scheme is rejected with the scheme, indicator and fault. */
class SchemeValidationTest {

    private static final String HEADER = """
            id: broken
            version: 1
            nameZh: 测试
            nameEn: Test
            """;

    private static List<SchemeValidationException.Problem> problems(String body) {
        return SchemeParser.validate(HEADER + body, "broken.yaml");
    }

    private static String indicator(String id, double weight, String kind, String params) {
        return """
                  - id: %s
                    nameZh: 指标
                    nameEn: Indicator
                    weight: %s
                    kind: %s
                    params: %s
                """.formatted(id, weight, kind, params);
    }

    @Test
    void weightsMustSumTo100() {
        var problems = problems("indicators:\n" + indicator("a", 60, "rate", "{}") + indicator("b", 30, "rate", "{}"));
        assertThat(problems)
                .singleElement()
                .hasToString(
                        "scheme 'broken', indicators: weights sum to 90, not 100 (W1); fix the weights or declare normalise: true");
    }

    @Test
    void declaredNormalisationScalesTheWeights() {
        Scheme s = SchemeParser.parse(
                HEADER + "normalise: true\nindicators:\n" + indicator("a", 60, "rate", "{}")
                        + indicator("b", 30, "rate", "{}"),
                "ok");
        assertThat(s.indicator("a").maxPoints()).isCloseTo(66.667, org.assertj.core.data.Offset.offset(0.001));
        assertThat(s.normalised()).isTrue();
    }

    @Test
    void negativeWeightsAreRejected() {
        var problems =
                problems("indicators:\n" + indicator("a", 110, "rate", "{}") + indicator("b", -10, "rate", "{}"));
        assertThat(problems)
                .extracting(Object::toString)
                .contains("scheme 'broken', indicator 'b', weight: must not be negative");
    }

    @Test
    void duplicateIndicatorIdsAreRejected() {
        var problems = problems("indicators:\n" + indicator("a", 50, "rate", "{}") + indicator("a", 50, "rate", "{}"));
        assertThat(problems)
                .extracting(Object::toString)
                .containsExactly("scheme 'broken', indicator 'a', id: duplicate indicator id");
    }

    @Test
    void unknownKindsAreRejected() {
        var problems = problems("indicators:\n" + indicator("a", 100, "guesswork", "{}"));
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("scheme 'broken', indicator 'a', kind: unknown kind 'guesswork'; known: "
                        + "ratio-to-target, rate,");
    }

    @Test
    void missingParametersAreRejected() {
        assertThat(problems("indicators:\n" + indicator("a", 100, "ratio-to-target", "{}")))
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', indicator 'a', params.target: is required for this kind (a number above 0)");
        assertThat(problems("indicators:\n" + indicator("a", 100, "per-occurrence-deduction", "{}")))
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', indicator 'a', params.per: is required for this kind (a number above 0)");
        assertThat(problems("indicators:\n" + indicator("a", 100, "threshold", "{}")))
                .extracting(Object::toString)
                .containsExactly("scheme 'broken', indicator 'a', params.when: is required: a condition such as "
                        + "'> 60' (operators >, >=, <, <=)");
        assertThat(problems("indicators:\n" + indicator("a", 100, "bracket-deduction", "{}")))
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', indicator 'a', params.brackets: is required: a list of {range, deduct, seed}");
        assertThat(problems("indicators:\n" + indicator("a", 100, "multi-rater-average", "{}")))
                .extracting(Object::toString)
                .containsExactly("scheme 'broken', indicator 'a', params.raters: is required: the rater roles, "
                        + "e.g. [warehouse, operations, supervisor]");
    }

    @Test
    void misspelledParametersAreRejected() {
        assertThat(problems("indicators:\n" + indicator("a", 100, "ratio-to-target", "{target: 95, capp: 1}")))
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', indicator 'a', params.capp: is not a parameter of kind ratio-to-target");
    }

    @Test
    void bracketGapsAreRejected() {
        // 95%~80% then 75%以下: nothing covers [75, 80)
        var problems = problems("indicators:\n" + indicator("a", 100, "bracket-deduction", """
                {brackets: [{range: "[100, 100]", deduct: 0}, {range: "[80, 100)", deduct: 2}, {range: "[0, 75)", deduct: 5}]}"""));
        assertThat(problems)
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', indicator 'a', params.brackets: gap: values [75, 80) fall in no bracket (B2)");
    }

    @Test
    void bracketOverlapsAreRejected() {
        var problems = problems("indicators:\n" + indicator("a", 100, "bracket-deduction", """
                {brackets: [{range: "[0, 0.4]", deduct: 0}, {range: "[0.4, 100]", deduct: 2}]}"""));
        assertThat(problems)
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', indicator 'a', params.brackets: brackets [0, 0.4] and [0.4, 100] overlap (B2)");
    }

    @Test
    void aBracketTableMustReachTheEndOfItsDomain() {
        var problems = problems("indicators:\n" + indicator("a", 100, "bracket-deduction", """
                {brackets: [{range: "[0, 50)", deduct: 0}, {range: "[50, 99]", deduct: 2}]}"""));
        assertThat(problems)
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', indicator 'a', params.brackets: gap: values (99, 100] fall in no bracket (B2)");
    }

    @Test
    void countBracketsAreCheckedOnWholeNumbers() {
        var gap = problems("indicators:\n" + indicator("a", 100, "count-bracket", """
                {brackets: [{range: "[0, 0]", deduct: 0}, {range: "[2, 5]", deduct: 3}, {range: "(5, inf)", deduct: 5}]}"""));
        assertThat(gap)
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', indicator 'a', params.brackets: gap: counts 1 fall in no bracket (B2)");
        var open = problems("indicators:\n" + indicator("a", 100, "count-bracket", """
                {brackets: [{range: "[0, 0]", deduct: 0}, {range: "[1, 5]", deduct: 3}]}"""));
        assertThat(open)
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', indicator 'a', params.brackets: gap: counts from 6 fall in no bracket (the last bracket must be "
                                + "open-ended, e.g. (5, inf)) (B2)");
    }

    @Test
    void malformedRangesAreNamed() {
        var problems = problems("indicators:\n" + indicator("a", 100, "bracket-deduction", """
                {brackets: [{range: "0~0.4%", deduct: 0}]}"""));
        assertThat(problems)
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', indicator 'a', params.brackets[0].range: '0~0.4%' is not an interval like (0, 0.4] or [95, 100)");
    }

    @Test
    void raterWeightsMustSumTo100AndRatedIndicatorsNeedWeightedRaters() {
        var problems = problems(
                "raters: {self: 20, supervisor: 60}\nindicators:\n" + indicator("a", 100, "rated", "{raters: [boss]}"));
        assertThat(problems)
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', raters: rater weights sum to 80, not 100 (R1)",
                        "scheme 'broken', indicator 'a', params.raters: rater 'boss' has no weight in the scheme's raters",
                        "scheme 'broken', indicator 'a', params.raters: the raters' weights sum to 0 (R1)");
    }

    @Test
    void eventsMustBeWellFormed() {
        var problems = problems("indicators:\n" + indicator("a", 100, "rate", "{}") + """
                events:
                  - {id: praise, points: 1}
                  - {id: praise, points: 2}
                  - {id: fuzzy}
                  - {id: linked, points: -2, indicator: a}
                """);
        assertThat(problems)
                .extracting(Object::toString)
                .containsExactly(
                        "scheme 'broken', events[1].id: duplicate event id 'praise'",
                        "scheme 'broken', events[2].points: is required: a number (+1, −3) or a range [min, max] decided per occurrence",
                        "scheme 'broken', events[3].indicator: 'a' is not an event-deduction indicator of this scheme");
    }

    @Test
    void everyProblemIsReportedAtOnceAndTheMessageNamesTheScheme() {
        assertThatThrownBy(() -> SchemeParser.parse("""
                id: two-faults
                version: 0
                nameZh: 测试
                nameEn: Test
                indicators:
                  - {id: a, nameZh: 甲, nameEn: A, weight: 100, kind: rate, params: {unit: count}}
                """, "two-faults.yaml"))
                .isInstanceOf(SchemeValidationException.class)
                .hasMessage(
                        "scheme 'two-faults', version: is required: a whole number ≥ 1, raised on every published change; "
                                + "scheme 'two-faults', indicator 'a', params.unit: a rate is a percentage (U1): unit must be percent");
    }

    @Test
    void notYamlAtAllIsReportedWithItsLine() {
        assertThat(SchemeParser.validate("id: [unclosed", "bad.yaml"))
                .singleElement()
                .asString()
                .startsWith("scheme 'bad.yaml': not valid YAML or JSON");
        assertThat(SchemeParser.validate("", "empty.yaml"))
                .singleElement()
                .asString()
                .isEqualTo("scheme 'empty.yaml': the document must be a mapping with id, version, indicators, …");
    }

    @Test
    void jsonSchemesAreAcceptedToo() {
        Scheme s = SchemeParser.parse("""
                {"id": "json-scheme", "version": 2, "nameZh": "测试", "nameEn": "Test",
                 "indicators": [{"id": "a", "nameZh": "甲", "nameEn": "A", "weight": 100, "kind": "rate"}]}""", "json");
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.contentHash()).hasSize(64);
    }
}
