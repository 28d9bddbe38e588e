package com.servicereview.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every problem of a scheme document carries the line and column of its field, for the console's editor. */
class ProblemLocationTest {

    private static final String DOCUMENT = """
            id: located
            version: 1
            nameZh: 定位
            nameEn: Located
            raters: {self: 20, supervisor: 60}
            indicators:
              - id: rate-a
                nameZh: 甲
                nameEn: A
                weight: 50
                kind: bracket-deduction
                params:
                  unit: percent
                  brackets:
                    - {range: "[0, 50]", deduct: 0}
                    - {range: "(50, 100", deduct: 5}
              - id: rate-a
                nameZh: 乙
                weight: 30
                kind: rate
              - id: events-line
                nameZh: 丙
                nameEn: C
                weight: 20
                kind: event-deduction
            events:
              - {id: praise, nameZh: 表扬, nameEn: Praise, points: 1}
              - {id: notice, nameZh: 通报, nameEn: Notice, points: -2, colour: red}
            """;

    private static SchemeValidationException.Problem problem(
            List<SchemeValidationException.Problem> problems, String indicator, String field) {
        return problems.stream()
                .filter(p -> java.util.Objects.equals(p.indicator(), indicator)
                        && java.util.Objects.equals(p.field(), field))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem " + indicator + " " + field + " in " + problems));
    }

    private static String at(SchemeValidationException.Problem problem) {
        return problem.line() + ":" + problem.column();
    }

    @Test
    void eachProblemNamesTheLineAndColumnOfItsField() {
        List<SchemeValidationException.Problem> problems = SchemeParser.validate(DOCUMENT, "located.yaml");

        // A scheme-level field: its key.
        assertThat(at(problem(problems, null, "raters"))).isEqualTo("5:1");
        // A bracket row's range, inside a flow mapping: the key within the line.
        assertThat(at(problem(problems, "rate-a", "params.brackets[1].range"))).isEqualTo("16:12");
        // The second indicator of the same id, and a field it lacks: the indicator's own entry.
        assertThat(at(problem(problems, "rate-a", "id"))).isEqualTo("17:5");
        assertThat(at(problem(problems, "rate-a", "nameEn"))).isEqualTo("17:5");
        // Raised after the indicators are read (no event links to it): found by its id.
        assertThat(at(problem(problems, "events-line", "kind"))).isEqualTo("25:5");
        assertThat(at(problem(problems, null, "events[1].colour"))).isEqualTo("28:58");
        assertThat(problems)
                .allSatisfy(p -> assertThat(p.line()).as(p.toString()).isNotNull());
    }

    @Test
    void aFaultTheParserStopsAtIsPlacedWhereItStopped() {
        var duplicate = SchemeParser.validate("id: dup\nversion: 1\nnameZh: 甲\nversion: 2\n", "dup.yaml");
        assertThat(duplicate).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("version");
            assertThat(p.line()).isEqualTo(4);
        });
        var broken =
                SchemeParser.validate("id: broken\nversion: 1\nindicators:\n  - {id: a, weight: [1, 2\n", "x.yaml");
        assertThat(broken).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML or JSON");
            assertThat(p.line()).isBetween(4, 5);
            assertThat(p.column()).isPositive();
        });
    }

    @Test
    void aDocumentOfThousandsOfProblemsIsPlacedInLinearTime() {
        StringBuilder document = new StringBuilder(DOCUMENT);
        int keys = 30_000;
        for (int i = 0; i < keys; i++) document.append("k").append(i).append(": 1\n");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        List<SchemeValidationException.Problem> problems = SchemeParser.validate(document.toString(), "many.yaml");
        long cpuMillis = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
        assertThat(at(problem(problems, null, "k29999")))
                .isEqualTo((DOCUMENT.lines().count() + keys) + ":1");
        // CPU time, not wall time: the machine may be busy. A search of the mapping for each key took minutes.
        assertThat(cpuMillis).as("CPU ms").isLessThan(3_000);
    }

    @Test
    void aDocumentWithoutPlacesHasNoLines() {
        assertThat(SchemeParser.validate("", "empty.yaml"))
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isNull());
        assertThat(SchemeParser.validate("[1, 2]", "list.yaml"))
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isNull());
    }
}
