package com.servicereview.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Documents written to break the validator, not by mistake: each is answered with problems naming
 * the field, never accepted and never an exception other than {@link SchemeValidationException}.
 */
class HostileSchemeDocumentTest {

    private static final String HEADER = """
            id: hostile
            version: 1
            nameZh: 测试
            nameEn: Test
            """;
    private static final String ONE_RATE = """
            indicators:
              - {id: a, nameZh: 甲, nameEn: A, weight: 100, kind: rate}
            """;
    private static final String HUGE = "1e400";

    private static List<String> problems(String document) {
        return SchemeParser.validate(document, "hostile.yaml").stream()
                .map(Object::toString)
                .toList();
    }

    private static List<String> withIndicator(String kind, String params) {
        return problems(HEADER + "indicators:\n  - {id: a, nameZh: 甲, nameEn: A, weight: 100, kind: " + kind
                + ", params: " + params + "}\n");
    }

    @Test
    void duplicateKeysAreProblemsNamingTheKey() {
        assertThat(problems(HEADER + "id: other\n" + ONE_RATE))
                .singleElement()
                .asString()
                .isEqualTo(
                        "scheme 'hostile.yaml', id: duplicate key 'id': each key may appear only once in a mapping (line 5)");
        assertThat(problems(HEADER + """
                indicators:
                  - {id: a, nameZh: 甲, nameEn: A, weight: 100, kind: rate}
                  - id: b
                    weight: 50
                    weight: 50
                """))
                .singleElement()
                .asString()
                .startsWith("scheme 'hostile.yaml', indicators[1].weight: duplicate key");
        assertThat(withIndicator("ratio-to-target", "{target: 90, target: 95}"))
                .singleElement()
                .asString()
                .startsWith("scheme 'hostile.yaml', indicators[0].params.target: duplicate key");
        assertThat(problems("""
                {"id": "json", "version": 1, "version": 2, "nameZh": "甲", "nameEn": "A",
                 "indicators": [{"id": "a", "nameZh": "甲", "nameEn": "A", "weight": 100, "kind": "rate"}]}"""))
                .singleElement()
                .asString()
                .startsWith("scheme 'hostile.yaml', version: duplicate key");
    }

    @Test
    void numbersThatOverflowToInfinityAreNotFinite() {
        assertThat(problems(HEADER + ONE_RATE.replace("weight: 100", "weight: " + HUGE)))
                .contains("scheme 'hostile', indicator 'a', weight: is not a finite number");
        assertThat(problems("""
                {"id": "json", "version": 1, "nameZh": "甲", "nameEn": "A",
                 "indicators": [{"id": "a", "nameZh": "甲", "nameEn": "A", "weight": 1e400, "kind": "rate"}]}""")).contains("scheme 'json', indicator 'a', weight: is not a finite number");
        assertThat(problems(HEADER + "bonusCap: " + HUGE + "\n" + ONE_RATE))
                .containsExactly("scheme 'hostile', bonusCap: is not a finite number");
        assertThat(problems(HEADER + "raters: {self: " + HUGE + ", supervisor: 100}\n" + ONE_RATE))
                .contains("scheme 'hostile', raters.self: is not a finite number");
        assertThat(problems(HEADER + "grades: {outstanding: " + HUGE + "}\n" + ONE_RATE))
                .containsExactly("scheme 'hostile', grades.outstanding: is not a finite number");
        assertThat(problems(HEADER + "quota: {OUTSTANDING: " + HUGE + "}\n" + ONE_RATE))
                .containsExactly("scheme 'hostile', quota.OUTSTANDING: is not a finite number");
        assertThat(withIndicator("ratio-to-target", "{target: " + HUGE + "}"))
                .containsExactly("scheme 'hostile', indicator 'a', params.target: is not a finite number");
        assertThat(withIndicator("ratio-to-target", "{target: 95, cap: " + HUGE + "}"))
                .containsExactly("scheme 'hostile', indicator 'a', params.cap: is not a finite number");
        assertThat(withIndicator("lower-is-better", "{target: 25, zeroAt: " + HUGE + "}"))
                .containsExactly("scheme 'hostile', indicator 'a', params.zeroAt: is not a finite number");
        assertThat(withIndicator("threshold", "{when: '> 60', partial: " + HUGE + "}"))
                .containsExactly("scheme 'hostile', indicator 'a', params.partial: is not a finite number");
        assertThat(withIndicator("per-occurrence-deduction", "{per: " + HUGE + "}"))
                .containsExactly("scheme 'hostile', indicator 'a', params.per: is not a finite number");
        assertThat(withIndicator("rated", "{scale: [0, " + HUGE + "]}"))
                .containsExactly("scheme 'hostile', indicator 'a', params.scale[1]: is not a finite number");
        assertThat(withIndicator("rate", "{penalty: {input: b, per: " + HUGE + "}}"))
                .containsExactly("scheme 'hostile', indicator 'a', params.penalty.per: is not a finite number");
        assertThat(withIndicator("bracket-deduction", "{brackets: [{range: '[0, 100]', deduct: " + HUGE + "}]}"))
                .containsExactly("scheme 'hostile', indicator 'a', params.brackets[0].deduct: is not a finite number");
        assertThat(withIndicator("count-bracket", "{unit: count, brackets: [{range: '[0, " + HUGE + ")', deduct: 0}]}"))
                .containsExactly(
                        "scheme 'hostile', indicator 'a', params.brackets[0].range: '[0, 1e400)': '1e400' is not a finite number "
                                + "(an open end is written inf)");
        assertThat(withIndicator("threshold", "{when: '> " + "9".repeat(400) + "'}"))
                .containsExactly("scheme 'hostile', indicator 'a', params.when: is not a finite number");
        assertThat(problems(HEADER + ONE_RATE + "events:\n  - {id: e, points: " + HUGE + "}\n"))
                .containsExactly("scheme 'hostile', events[0].points: is not a finite number");
        assertThat(problems(HEADER + ONE_RATE + "events:\n  - {id: e, points: [-" + HUGE + ", -1]}\n"))
                .containsExactly("scheme 'hostile', events[0].points[0]: is not a finite number");
    }

    @Test
    void aMalformedConditionIsAProblem() {
        assertThat(withIndicator("threshold", "{when: '> 1.2.3'}"))
                .containsExactly(
                        "scheme 'hostile', indicator 'a', params.when: is required: a condition such as '> 60' (operators >, >=, <, <=)");
    }

    @Test
    void containersOfTheWrongShapeAreProblems() {
        assertThat(problems(HEADER + "indicators: {a: 1}\n"))
                .containsExactly("scheme 'hostile', indicators: must be a list of indicators");
        assertThat(problems(HEADER + ONE_RATE + "events: {a: 1}\n"))
                .containsExactly("scheme 'hostile', events: must be a list of {id, nameZh, nameEn, points}");
        assertThat(problems(HEADER + ONE_RATE + "events: 5\n"))
                .containsExactly("scheme 'hostile', events: must be a list of {id, nameZh, nameEn, points}");
        assertThat(problems(HEADER + ONE_RATE + "notes: {a: 1}\n"))
                .containsExactly("scheme 'hostile', notes: must be a list of texts");
        assertThat(problems(HEADER + ONE_RATE + "notes: [[1]]\n"))
                .containsExactly("scheme 'hostile', notes[0]: must be a text");
        assertThat(problems(HEADER + "grades: [1, 2]\n" + ONE_RATE))
                .containsExactly(
                        "scheme 'hostile', grades: must map grades to lower bounds, e.g. {outstanding: 95, excellent: 85, medium: "
                                + "70, needsImprovement: 50}");
        assertThat(problems(HEADER + "grades: {outstanding: high, best: 99}\n" + ONE_RATE))
                .containsExactly(
                        "scheme 'hostile', grades.best: unknown field",
                        "scheme 'hostile', grades.outstanding: must be a number");
        assertThat(problems(HEADER + "quota: [10]\n" + ONE_RATE))
                .containsExactly(
                        "scheme 'hostile', quota: must map grades to percentages, e.g. {OUTSTANDING: 10, EXCELLENT: 15}");
        assertThat(withIndicator("multi-rater-average", "{raters: {a: 1}}"))
                .containsExactly(
                        "scheme 'hostile', indicator 'a', params.raters: must be a list of rater roles, e.g. [warehouse, operations, supervisor]");
        assertThat(withIndicator("multi-rater-average", "{raters: [[1], boss]}"))
                .containsExactly("scheme 'hostile', indicator 'a', params.raters[0]: must be a rater role");
        assertThat(problems(HEADER + ONE_RATE.replace("kind: rate", "kind: rate, category: [1]")))
                .containsExactly("scheme 'hostile', indicator 'a', category: must be a text or {zh, en}");
    }

    @Test
    void aSecondDocumentInTheSameFileIsAProblem() {
        assertThat(problems(HEADER + ONE_RATE + "---\nid: smuggled\n"))
                .singleElement()
                .asString()
                .startsWith(
                        "scheme 'hostile.yaml': a second document ('---') follows the scheme: a file holds exactly one scheme");
    }

    @Test
    void longTokensKeepTheirPositions() {
        String longComment = "# " + "x".repeat(300_000) + "\n";
        String longScalar = "description: " + "y".repeat(300_000) + "\n";
        assertThat(SchemeParser.parse(HEADER + longComment + longScalar + ONE_RATE, "long")
                        .description())
                .hasSize(300_000);
        assertThat(problems(HEADER + longComment + "\r\n" + longScalar + "\u2028x: \uD83D\uDE00\nsource: [unclosed\n"))
                .singleElement()
                .asString()
                .startsWith("scheme 'hostile.yaml': not valid YAML or JSON")
                .endsWith("(line 10)");
        assertThat(problems(HEADER + longComment + "description: a\u0001b\n" + ONE_RATE))
                .singleElement()
                .asString()
                .startsWith("scheme 'hostile.yaml': not valid YAML or JSON: special characters are not allowed");
    }
}
