package com.servicereview.console;

import com.servicereview.report.CycleReport;
import com.servicereview.report.CycleReportService;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The facts of one cycle's dashboard: where its reviews stand in the engine, what is overdue or broken, the open
 * appeals and the grade distribution against the quota (the cycle report's). The caller has been checked by
 * {@code cycle.CycleAccess}; the engine is read without Camunda's per-task authorizations, because a head of
 * department follows the whole cycle, not only the tasks they may work.
 */
@Component
class CycleDashboard {

    /** The steps of employee-review (processes/employee-review.bpmn) a review can be at, in process order. */
    enum Step {
        DATA("Task_CollectData", "Task_SupplyData"),
        SELF("Task_SelfReview"),
        GROUP("Task_GroupReview"),
        SUPERVISOR("Task_SupervisorReview"),
        REEVALUATION("Task_SelfReevaluation", "Task_SupervisorReevaluation"),
        INDIRECT("Task_IndirectReview"),
        INTERVIEW("Task_HoldInterview"),
        ACKNOWLEDGEMENT("Task_AcknowledgeResult"),
        APPEAL("Task_CoordinateAppeal", "Task_DecideAppeal", "Task_RescoreAppeal"),
        ARCHIVED("Task_ArchiveReview");

        private final Set<String> activities;

        Step(String... activities) {
            this.activities = Set.of(activities);
        }

        static Optional<Step> of(String activityId) {
            for (Step step : values()) {
                if (step.activities.contains(activityId)) return Optional.of(step);
            }
            return Optional.empty();
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record OverdueTask(
            String taskId, String name, String employeeId, String employeeName, String assignee, OffsetDateTime due) {}

    /**
     * @param steps            reviews per step; a review in parallel steps (self and group) counts in each
     * @param reviews          the cycle's reviews
     * @param calibrationTaskId the open calibration task of the cycle, or null
     * @param report           the cycle report (distribution against quota), or null while the cycle has no review rows
     */
    record Facts(
            ConsoleQueries.CycleRow cycle,
            Map<Step, Integer> steps,
            int reviews,
            List<OverdueTask> overdue,
            long incidents,
            List<ConsoleQueries.OpenAppeal> appeals,
            String calibrationTaskId,
            CycleReport report) {}

    private static final String CALIBRATION_TASK = "Task_CalibrateGrades";

    private final ProcessEngine engine;
    private final ConsoleQueries queries;
    private final CycleReportService reports;

    CycleDashboard(ProcessEngine engine, ConsoleQueries queries, CycleReportService reports) {
        this.engine = engine;
        this.queries = queries;
        this.reports = reports;
    }

    Facts facts(ConsoleQueries.CycleRow cycle, boolean english) {
        List<ConsoleQueries.CycleReview> reviews = queries.reviewsOf(cycle.id());
        Map<String, ConsoleQueries.CycleReview> byInstance = new HashMap<>();
        for (ConsoleQueries.CycleReview review : reviews) {
            if (review.processInstanceId() != null) byInstance.put(review.processInstanceId(), review);
        }
        return withoutAuthorization(context -> {
            Map<Step, Integer> steps = new EnumMap<>(Step.class);
            for (Step step : Step.values()) steps.put(step, 0);
            long incidents = 0;
            for (ConsoleQueries.CycleReview review : reviews) {
                Set<Step> at = new LinkedHashSet<>();
                if (review.archived()) {
                    at.add(Step.ARCHIVED);
                } else if (review.processInstanceId() != null) {
                    ActivityInstance tree = engine.getRuntimeService().getActivityInstance(review.processInstanceId());
                    if (tree != null) collect(tree, at);
                }
                for (Step step : at) steps.merge(step, 1, Integer::sum);
            }
            List<String> instances = new ArrayList<>(byInstance.keySet());
            if (cycle.processInstanceId() != null) instances.add(cycle.processInstanceId());
            for (String instance : instances) {
                incidents += engine.getRuntimeService()
                        .createIncidentQuery()
                        .processInstanceId(instance)
                        .count();
            }
            List<OverdueTask> overdue = new ArrayList<>();
            if (!byInstance.isEmpty()) {
                List<Task> tasks = engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceIdIn(byInstance.keySet().toArray(String[]::new))
                        .dueBefore(new Date())
                        .orderByDueDate()
                        .asc()
                        .list();
                for (Task task : tasks) {
                    ConsoleQueries.CycleReview review = byInstance.get(task.getProcessInstanceId());
                    overdue.add(new OverdueTask(
                            task.getId(),
                            task.getName(),
                            review.employeeId(),
                            english ? review.nameEn() : review.nameZh(),
                            task.getAssignee(),
                            task.getDueDate()
                                    .toInstant()
                                    .atZone(ZoneId.systemDefault())
                                    .toOffsetDateTime()));
                }
            }
            String calibration = cycle.processInstanceId() == null
                    ? null
                    : engine
                            .getTaskService()
                            .createTaskQuery()
                            .processInstanceId(cycle.processInstanceId())
                            .taskDefinitionKey(CALIBRATION_TASK)
                            .list()
                            .stream()
                            .map(Task::getId)
                            .findFirst()
                            .orElse(null);
            return new Facts(
                    cycle,
                    steps,
                    reviews.size(),
                    overdue,
                    incidents,
                    queries.openAppeals(cycle.id()),
                    calibration,
                    reviews.isEmpty() ? null : reports.report(cycle.id()));
        });
    }

    private static void collect(ActivityInstance instance, Set<Step> at) {
        Step.of(instance.getActivityId()).ifPresent(at::add);
        for (ActivityInstance child : instance.getChildActivityInstances()) collect(child, at);
        // An asynchronous step waiting for the job executor (data collection, archiving) is a transition instance.
        for (TransitionInstance waiting : instance.getChildTransitionInstances())
            Step.of(waiting.getActivityId()).ifPresent(at::add);
    }

    private <T> T withoutAuthorization(Command<T> command) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired()
                .execute(context -> {
                    context.disableAuthorizationCheck();
                    try {
                        return command.execute(context);
                    } finally {
                        context.enableAuthorizationCheck();
                    }
                });
    }
}
