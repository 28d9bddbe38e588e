package com.servicereview.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.servicereview.review.ReviewProcessTestSupport;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** P10 end to end: the scheduler's daily timer starts the configured cycle on its run day only. */
class CycleSchedulerTest extends ReviewProcessTestSupport {

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    private void morningOf(String day) {
        ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse(day + "T08:00:00")
                .atZone(ZoneId.systemDefault())
                .toInstant()));
        Job timer = engine.getManagementService()
                .createJobQuery()
                .processDefinitionKey("cycle-scheduler")
                .timers()
                .singleResult();
        engine.getManagementService().executeJob(timer.getId());
        ProcessInstance run = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey("cycle-scheduler")
                .singleResult();
        runJob(run, "Task_StartDueCycles");
    }

    @Test
    void startsTheCycleOnTheFirstWorkingDayAfterTheHolidays() {
        String cycle = "cs:2026-09:cs-staff-monthly";
        morningOf("2026-10-07"); // a holiday (application.yaml): nothing starts
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(cycle)
                        .count())
                .isZero();

        morningOf("2026-10-08");
        ProcessInstance started = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(cycle)
                .singleResult();
        assertThat(started).isNotNull();
        assertThat(engine.getRuntimeService().getVariable(started.getId(), "period"))
                .isEqualTo("2026-09");
        // the next morning does not start it twice
        morningOf("2026-10-08");
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(cycle)
                        .count())
                .isEqualTo(1);
        // keep the shared database free of a department-wide cycle
        engine.getRuntimeService().deleteProcessInstance(started.getId(), "test");
    }
}
