package com.servicereview.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two DMN tables HR may tune (processes/*.dmn), on the standalone DMN engine: no Spring, no database. */
class ReviewDecisionsTest {

    private static final DmnEngine DMN =
            DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private static final DmnDecision INTERVIEW_REQUIRED = decision("interview-required");
    private static final DmnDecision APPEAL_DECIDER = decision("appeal-decider");

    private static DmnDecision decision(String key) {
        try (InputStream in = Files.newInputStream(Path.of("processes", key + ".dmn"))) {
            return DMN.parseDecision(key, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "gap {0}, {1}, {2}, {3} → interview {4}")
    @CsvSource({
        "true,  MEDIUM,             cs-staff-monthly,  80, true,  P7",
        "false, OUTSTANDING,        cs-staff-monthly,  96, true,  P8",
        "false, URGENT_IMPROVEMENT, cs-staff-monthly,  40, true,  P8",
        "false, NEEDS_IMPROVEMENT,  online-cs-monthly, 69.99, true, P8",
        "false, MEDIUM,             online-cs-monthly, 70, false, ''",
        "false, NEEDS_IMPROVEMENT,  cs-staff-monthly,  60, false, ''",
        "false, EXCELLENT,          cs-staff-monthly,  90, false, ''"
    })
    void interviewRequired(
            boolean gapPersists, String grade, String scheme, double total, boolean required, String reason) {
        Map<String, Object> result = DMN.evaluateDecisionTable(
                        INTERVIEW_REQUIRED,
                        Variables.createVariables()
                                .putValue("gapPersists", gapPersists)
                                .putValue("finalGrade", grade)
                                .putValue("schemeId", scheme)
                                .putValue("finalTotal", total))
                .getSingleResult()
                .getEntryMap();
        assertThat(result.get("interviewRequired")).isEqualTo(required);
        assertThat((String) result.get("interviewReason")).startsWith(reason);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "OUTSTANDING, hr",
        "EXCELLENT, hr",
        "MEDIUM, hr",
        "NEEDS_IMPROVEMENT, hr-committee",
        "URGENT_IMPROVEMENT, hr-committee"
    })
    void appealDecider(String grade, String group) {
        assertThat((String) DMN.evaluateDecisionTable(
                                APPEAL_DECIDER, Variables.createVariables().putValue("finalGrade", grade))
                        .getSingleResult()
                        .getSingleEntry())
                .isEqualTo(group);
    }
}
