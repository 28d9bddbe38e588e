package com.servicereview.review;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The two DMN tables HR may tune, evaluated as deployed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewDecisionsTest {

    @Autowired
    DecisionService decisions;

    @ParameterizedTest(name = "gap {0}, {1}, {2}, {3} → interview {4}")
    @CsvSource({
            "true,  MEDIUM,             cs-staff-monthly,  80, true,  P7",
            "false, OUTSTANDING,        cs-staff-monthly,  96, true,  P8",
            "false, URGENT_IMPROVEMENT, cs-staff-monthly,  40, true,  P8",
            "false, NEEDS_IMPROVEMENT,  online-cs-monthly, 69.99, true, P8",
            "false, MEDIUM,             online-cs-monthly, 70, false, ''",
            "false, NEEDS_IMPROVEMENT,  cs-staff-monthly,  60, false, ''",
            "false, EXCELLENT,          cs-staff-monthly,  90, false, ''"})
    void interviewRequired(boolean gapPersists, String grade, String scheme, double total, boolean required, String reason) {
        Map<String, Object> result = decisions.evaluateDecisionTableByKey("interview-required", Variables.createVariables()
                .putValue("gapPersists", gapPersists).putValue("finalGrade", grade).putValue("schemeId", scheme)
                .putValue("finalTotal", total)).getSingleResult().getEntryMap();
        assertThat(result.get("interviewRequired")).isEqualTo(required);
        assertThat((String) result.get("interviewReason")).startsWith(reason);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"OUTSTANDING, hr", "EXCELLENT, hr", "MEDIUM, hr", "NEEDS_IMPROVEMENT, hr-committee", "URGENT_IMPROVEMENT, hr-committee"})
    void appealDecider(String grade, String group) {
        assertThat((String) decisions.evaluateDecisionTableByKey("appeal-decider",
                Variables.createVariables().putValue("finalGrade", grade)).getSingleResult().getSingleEntry()).isEqualTo(group);
    }
}
