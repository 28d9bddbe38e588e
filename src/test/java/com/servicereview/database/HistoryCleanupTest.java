package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The history does not grow without bound: every process has a time to live and the cleanup runs at night. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HistoryCleanupTest {

    @Autowired
    ProcessEngine engine;

    @Autowired
    HistoryService history;

    @Test
    void historyIsCleanedUpNightlyAfterEachProcessesTimeToLive() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
        assertThat(history.findHistoryCleanupJobs()).isNotEmpty();
        for (ProcessDefinition definition : engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .latestVersion()
                .list()) {
            assertThat(definition.getHistoryTimeToLive())
                    .as(definition.getKey())
                    .isNotNull()
                    .isPositive();
        }
    }
}
