package com.servicereview.cycle;

import static com.servicereview.cycle.ReviewCycleProcess.Var;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.audit.AuditLog;
import com.servicereview.org.OrgGroups;
import com.servicereview.pay.PayService;
import com.servicereview.review.ReviewArchived;
import com.servicereview.review.ReviewInputException;
import com.servicereview.review.ReviewService;
import com.servicereview.review.ReviewViews;
import com.servicereview.scoring.ForcedDistribution;
import com.servicereview.scoring.Grade;
import com.servicereview.submission.FormData;
import com.servicereview.submission.TaskForm;
import com.servicereview.web.BadRequestException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The steps of processes/review-cycle.bpmn, one bean each; they call {@link CycleService}. */
final class CycleDelegates {

    private CycleDelegates() {}

    /** Checks the start form (or REST) and names the instance by its cycle id. */
    @Component("startCycleListener")
    static class StartCycle implements ExecutionListener {
        private final CycleService cycles;

        StartCycle(CycleService cycles) {
            this.cycles = cycles;
        }

        @Override
        public void notify(DelegateExecution execution) {
            String unit = text(execution, Var.UNIT_ID);
            String period = text(execution, Var.PERIOD);
            String scheme = text(execution, Var.SCHEME_ID);
            String initiator = (String) execution.getVariable("initiator");
            String id = cycles.start(unit, period, scheme, initiator, execution.getProcessInstanceId());
            execution.setProcessBusinessKey(id);
            execution.setVariable(Var.CYCLE_ID, id);
            execution.setVariable("monthly", CyclePeriod.parse(period).monthly());
            execution.setVariable(Var.CALIBRATION_GROUP, OrgGroups.HR);
        }

        private static String text(DelegateExecution execution, String name) {
            Object value = execution.getVariable(name);
            if (value == null || value instanceof String) return (String) value;
            throw new ReviewInputException(name + ": must be text");
        }
    }

    @Component("prepareCycleDelegate")
    static class Prepare implements JavaDelegate {
        private final CycleService cycles;

        Prepare(CycleService cycles) {
            this.cycles = cycles;
        }

        @Override
        public void execute(DelegateExecution execution) {
            List<CycleService.Member> members = cycles.prepare(
                    (String) execution.getVariable(Var.UNIT_ID),
                    (String) execution.getVariable(Var.PERIOD),
                    (String) execution.getVariable(Var.SCHEME_ID),
                    (String) execution.getVariable("initiator"),
                    execution.getProcessInstanceId());
            execution.setVariable(Var.ANY_ELIGIBLE, members.stream().anyMatch(CycleService.Member::eligible));
        }
    }

    /** The cycle's launch step: starts an instance for every further slice, then launches the first slice itself. */
    @Component("launchReviewsDelegate")
    static class Launch implements JavaDelegate {
        private final CycleService cycles;

        Launch(CycleService cycles) {
            this.cycles = cycles;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String cycleId = (String) execution.getVariable(Var.CYCLE_ID);
            cycles.startSlices(cycleId);
            LaunchSlice.launch(cycles, cycleId, 0);
        }
    }

    /** processes/review-cycle-slice.bpmn: one slice of a cycle's members, in parallel with the others. */
    @Component("launchSliceDelegate")
    static class LaunchSlice implements JavaDelegate {
        private final CycleService cycles;

        LaunchSlice(CycleService cycles) {
            this.cycles = cycles;
        }

        @Override
        public void execute(DelegateExecution execution) {
            launch(cycles, (String) execution.getVariable(Var.CYCLE_ID), (Integer) execution.getVariable(Var.SLICE));
        }

        static void launch(CycleService cycles, String cycleId, int slice) {
            cycles.launchSlice(cycleId, slice);
            // Once committed, check in a new transaction whether this was the last slice (the cycle is then in review),
            // and
            // whether its adopted reviews are all archived already (nothing else would wake the cycle at "all reviews
            // archived").
            Context.getCommandContext()
                    .getTransactionContext()
                    .addTransactionListener(
                            TransactionState.COMMITTED,
                            committed -> committed
                                    .getProcessEngineConfiguration()
                                    .getCommandExecutorTxRequiresNew()
                                    .execute(context -> {
                                        cycles.reviewArchived(cycleId);
                                        return null;
                                    }));
        }
    }

    /** Quarter and year cycles: the members' totals are the means of their monthly reviews. */
    @Component("rollUpTotalsDelegate")
    static class RollUp implements JavaDelegate {
        private final CycleService cycles;

        RollUp(CycleService cycles) {
            this.cycles = cycles;
        }

        @Override
        public void execute(DelegateExecution execution) {
            cycles.rollUp((String) execution.getVariable(Var.CYCLE_ID));
        }
    }

    /** Tells a cycle that one of its reviews is archived (published by the review's archive step). */
    @Component
    static class ArchivedReviews {
        private final CycleService cycles;

        ArchivedReviews(CycleService cycles) {
            this.cycles = cycles;
        }

        @EventListener
        void on(ReviewArchived archived) {
            Set<String> counting = new LinkedHashSet<>(cycles.cyclesOf(archived.reviewId()));
            if (archived.cycleId() != null) counting.add(archived.cycleId());
            counting.forEach(cycles::reviewArchived);
        }
    }

    @Component("proposeGradesDelegate")
    static class Propose implements JavaDelegate {
        private final CycleService cycles;
        private final ObjectMapper json;

        Propose(CycleService cycles, ObjectMapper json) {
            this.cycles = cycles;
            this.json = json;
        }

        @Override
        public void execute(DelegateExecution execution) {
            ForcedDistribution.Result result = cycles.propose((String) execution.getVariable(Var.CYCLE_ID));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ForcedDistribution.Share share : result.distribution()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("grade", share.grade().labelZh() + " " + share.grade().labelEn());
                // Four columns fit Tasklist's form at 1366 px: seats with the quota, share with the count.
                row.put(
                        "target",
                        share.seats() == null
                                ? "≈ " + share.targetPercent() + "%"
                                : "≤ " + share.targetPercent() + "%（" + share.seats() + " 个名额 / seats）");
                row.put("natural", share.natural());
                row.put("proposed", share.actual() + "（" + share.actualPercent() + "%）");
                rows.add(row);
            }
            execution.setVariable("distribution", FormData.json(json, rows));
        }
    }

    /**
     * HR's calibration form: the distribution and every proposal as tables, and a few override rows
     * (a dynamic list cannot be completed in Tasklist, and a department may be large).
     */
    @Component("calibrateForm")
    static class Calibrate extends TaskForm {
        static final int OVERRIDE_ROWS = 5;

        private final CycleService cycles;

        Calibrate(CycleService cycles, ObjectMapper json) {
            super(json);
            this.cycles = cycles;
        }

        @Override
        protected void describe(DelegateTask task) {
            task.setName(task.getName() + " — " + task.getVariable(Var.CYCLE_ID));
        }

        @Override
        protected void onCreate(DelegateTask task) {
            String cycleId = (String) task.getVariable(Var.CYCLE_ID);
            List<Map<String, Object>> rows = new ArrayList<>();
            List<Map<String, Object>> options = new ArrayList<>();
            Map<Grade, Integer> seats = cycles.seats(cycleId);
            for (CycleRepository.CalibrationRow r : cycles.calibrationRows(cycleId)) {
                rows.add(Map.of(
                        "rank",
                        r.rank(),
                        "name",
                        r.name(),
                        "total",
                        r.total(),
                        "natural",
                        label(r.naturalGrade()),
                        "proposed",
                        label(r.proposedGrade()),
                        "why",
                        CycleService.proposalReason(
                                Grade.valueOf(r.naturalGrade()), Grade.valueOf(r.proposedGrade()), seats)));
                options.add(Map.of("label", r.name() + " — " + label(r.proposedGrade()), "value", r.employeeId()));
            }
            setJsonLocal(task, "calibrationRows", rows);
            setJsonLocal(task, "calibrationOptions", options);
        }

        @Override
        protected void onComplete(DelegateTask task) {
            List<CycleService.Decision> decisions = new ArrayList<>();
            for (int k = 1; k <= OVERRIDE_ROWS; k++) {
                String employee = text(task, "override" + k + "Employee");
                if (employee == null) continue;
                String grade = text(task, "override" + k + "Grade");
                if (grade == null)
                    throw new BadRequestException("override" + k + "Grade", "choose the grade for " + employee);
                decisions.add(new CycleService.Decision(
                        employee,
                        Grade.valueOf(grade),
                        text(task, "override" + k + "Reason"),
                        text(task, "override" + k + "Facts")));
            }
            cycles.calibrate(
                    (String) task.getVariable(Var.CYCLE_ID),
                    decisions,
                    actor(task),
                    Boolean.TRUE.equals(submitted(task, "acceptOverQuota")));
        }

        private static String label(String grade) {
            Grade g = Grade.valueOf(grade);
            return g.labelZh() + " " + g.labelEn();
        }
    }

    /** Domain §5: rewards, deductions and follow-ups; the bottom two get a rectification task (C1). */
    @Component("applyConsequencesDelegate")
    static class ApplyConsequences implements JavaDelegate {
        private final Consequences consequences;

        ApplyConsequences(Consequences consequences) {
            this.consequences = consequences;
        }

        @Override
        public void execute(DelegateExecution execution) {
            List<String> rectification = consequences.apply((String) execution.getVariable(Var.CYCLE_ID));
            execution.setVariable("rectificationEmployees", new ArrayList<>(rectification));
            execution.setVariable("anyRectification", !rectification.isEmpty());
        }
    }

    /** C1: one of the bottom two analyses the causes and submits a rectification plan. */
    @Component("rectificationPlanForm")
    static class RectificationPlan extends TaskForm {
        private final Consequences consequences;
        private final CycleService cycles;
        private final ReviewViews views;

        RectificationPlan(Consequences consequences, CycleService cycles, ReviewViews views, ObjectMapper json) {
            super(json);
            this.consequences = consequences;
            this.cycles = cycles;
            this.views = views;
        }

        @Override
        protected void describe(DelegateTask task) {
            task.setName(task.getName() + " — "
                    + cycles.cycle((String) task.getVariable(Var.CYCLE_ID)).period());
        }

        @Override
        protected void onCreate(DelegateTask task) {
            String cycleId = (String) task.getVariable(Var.CYCLE_ID);
            String employee = (String) task.getVariable("rectifier");
            CycleService.Cycle cycle = cycles.cycle(cycleId);
            // The plan is about the indicators that fell short: the review's lines below their maximum.
            List<Map<String, Object>> shortfalls =
                    views
                            .explainedBreakdown(ReviewService.reviewId(employee, cycle.period(), cycle.schemeId()))
                            .stream()
                            .filter(line -> ((Number) line.get("points")).doubleValue()
                                    < ((Number) line.get("max")).doubleValue())
                            .toList();
            setJsonLocal(task, "shortfalls", shortfalls);
            List<CycleRepository.CalibrationRow> rows = cycles.calibrationRows(cycleId);
            rows.stream()
                    .filter(r -> employee.equals(r.employeeId()))
                    .findFirst()
                    .ifPresent(r -> {
                        task.setVariableLocal("rank", r.rank());
                        task.setVariableLocal("total", r.total());
                        task.setVariableLocal("headcount", rows.size());
                    });
        }

        @Override
        protected void onComplete(DelegateTask task) {
            String causes = required(task, "rectificationCauses", "the analysis of causes");
            String plan = required(task, "rectificationPlan", "the plan");
            String target = text(task, "rectificationTargetDate");
            if (target == null || !target.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
                throw new BadRequestException("rectificationTargetDate", "a date (YYYY-MM-DD) is required");
            }
            consequences.submitRectificationPlan(
                    (String) task.getVariable(Var.CYCLE_ID),
                    (String) task.getVariable("rectifier"),
                    causes,
                    plan,
                    target.substring(0, 10),
                    actor(task));
        }
    }

    /** P10: starts the cycles whose run day is today (the scheduler's daily timer); a cycle that exists is skipped. */
    @Component("startDueCyclesDelegate")
    static class StartDueCycles implements JavaDelegate {
        private final CycleCalendar calendar;
        private final CycleService cycles;

        StartDueCycles(CycleCalendar calendar, CycleService cycles) {
            this.calendar = calendar;
            this.cycles = cycles;
        }

        @Override
        public void execute(DelegateExecution execution) {
            LocalDate today = ClockUtil.getCurrentTime()
                    .toInstant()
                    .atZone(ZoneId.systemDefault())
                    .toLocalDate();
            List<String> started = new ArrayList<>();
            for (CycleCalendar.Due due : calendar.dueOn(today)) {
                String id = CycleService.cycleId(due.unit(), due.period(), due.scheme());
                boolean exists = execution
                                        .getProcessEngineServices()
                                        .getRuntimeService()
                                        .createProcessInstanceQuery()
                                        .processDefinitionKey(ReviewCycleProcess.KEY)
                                        .processInstanceBusinessKey(id)
                                        .count()
                                > 0
                        || cycles.exists(id);
                if (exists) continue;
                execution
                        .getProcessEngineServices()
                        .getRuntimeService()
                        .startProcessInstanceByKey(
                                ReviewCycleProcess.KEY,
                                id,
                                Map.of(Var.UNIT_ID, due.unit(), Var.PERIOD, due.period(), Var.SCHEME_ID, due.scheme()));
                started.add(id);
            }
            execution.setVariable("startedCycles", String.join(", ", started));
        }
    }

    /**
     * Closes the cycle and, for a month whose pay inputs HR has entered, computes its pay lines (M1–M4);
     * otherwise pay waits for the inputs, and HR computes it later (POST /api/cycles/{id}/pay).
     */
    @Component("closeCycleDelegate")
    static class Close implements JavaDelegate {
        private final CycleService cycles;
        private final PayService pay;
        private final AuditLog audit;

        Close(CycleService cycles, PayService pay, AuditLog audit) {
            this.cycles = cycles;
            this.pay = pay;
            this.audit = audit;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String cycleId = (String) execution.getVariable(Var.CYCLE_ID);
            cycles.close(cycleId);
            if (!CyclePeriod.parse(cycles.cycle(cycleId).period()).monthly()) return;
            boolean ready = pay.inputsReady(cycleId);
            if (ready) pay.compute(cycleId);
            else audit.record("system", "cycle.pay-waiting", cycleId, Map.of("reason", "pay inputs not entered yet"));
            execution.setVariable("payComputed", ready);
        }
    }
}
