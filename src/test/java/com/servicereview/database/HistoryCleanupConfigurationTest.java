package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The database does not grow without bound: every deployed process and decision has a history time to live,
 * and the engine's history cleanup is scheduled in its nightly window (README "Database", "Growth").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HistoryCleanupConfigurationTest {

    @Autowired
    ProcessEngine engine;

    @Autowired
    RepositoryService repository;

    @Autowired
    HistoryService history;

    @Test
    void everyDeployedDefinitionHasATimeToLiveAndOursKeepTheirHistoryFiveYears() {
        List<ProcessDefinition> processes =
                repository.createProcessDefinitionQuery().latestVersion().list();
        List<DecisionDefinition> decisions =
                repository.createDecisionDefinitionQuery().latestVersion().list();
        assertThat(processes)
                .allSatisfy(
                        p -> assertThat(p.getHistoryTimeToLive()).as(p.getKey()).isNotNull());
        assertThat(decisions)
                .allSatisfy(
                        d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isNotNull());
        Map<String, Integer> ours = processes.stream()
                .filter(p -> List.of("employee-review", "review-cycle", "review-cycle-slice", "cycle-scheduler")
                        .contains(p.getKey()))
                .collect(Collectors.toMap(ProcessDefinition::getKey, ProcessDefinition::getHistoryTimeToLive));
        assertThat(ours)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "employee-review",
                        1825,
                        "review-cycle",
                        1825,
                        "review-cycle-slice",
                        1825,
                        "cycle-scheduler",
                        90));
        assertThat(decisions.stream()
                        .filter(d ->
                                List.of("interview-required", "appeal-decider").contains(d.getKey()))
                        .map(DecisionDefinition::getHistoryTimeToLive))
                .containsExactly(1825, 1825);
    }

    @Test
    void theHistoryCleanupJobWaitsForTheNightlyWindow() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.isHistoryCleanupEnabled()).isTrue();
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(configuration.getParsedTaskMetricsTimeToLive()).isEqualTo(1825);
        // Deployments without a time to live are refused, so no definition can slip through later.
        assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();

        List<Job> jobs = history.findHistoryCleanupJobs();
        assertThat(jobs).isNotEmpty();
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.isSuspended()).isFalse();
            LocalTime due =
                    job.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
            // Due at the window's start, or later inside it when it already ran tonight and found more to delete.
            assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
        });
    }
}
