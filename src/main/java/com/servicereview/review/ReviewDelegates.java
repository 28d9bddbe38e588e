package com.servicereview.review;

import static com.servicereview.review.EmployeeReviewProcess.Activity;
import static com.servicereview.review.EmployeeReviewProcess.Var;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.review.EmployeeReviewProcess.Role;
import com.servicereview.scoring.ScoreResult;
import com.servicereview.submission.FormData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The service tasks of employee-review, one delegate each. They run as jobs (asyncBefore), at least
 * once, so each is idempotent: the service writes upserts keyed by the review id.
 */
final class ReviewDelegates {

    private ReviewDelegates() {}

    /**
     * Starts the review in our tables (checks, the review id claimed once, who works each step) and
     * names the instance by its review id. A refusal stops the start: 400, or 409 for a duplicate.
     * Launched by a cycle, it also runs the data step here, in the launch's transaction (one job per
     * launch slice instead of one per review); a member whose data cannot be collected now goes
     * through the async data step as a start by hand does, where a failure is that review's incident.
     */
    @Component("startReviewListener")
    static class StartReview implements ExecutionListener {
        private final ReviewStarts starts;
        private final CollectData collectData;

        StartReview(ReviewStarts starts, CollectData collectData) {
            this.starts = starts;
            this.collectData = collectData;
        }

        @Override
        public void notify(DelegateExecution execution) {
            String reviewId = starts.start(
                    text(execution, Var.EMPLOYEE_ID),
                    text(execution, Var.PERIOD),
                    text(execution, Var.SCHEME_ID),
                    text(execution, Var.CYCLE_ID),
                    execution.getProcessInstanceId());
            // The review id is the business key (Cockpit, Tasklist, queries); no variable repeats it.
            execution.setProcessBusinessKey(reviewId);
            // Only a start without a user (a cycle's launch job) can ask for it: a user's start may carry only its
            // form's fields.
            boolean collected = Boolean.TRUE.equals(execution.getVariable(Var.COLLECTED_AT_START))
                    && collectData.collectNow(execution, reviewId);
            execution.setVariable(Var.COLLECTED_AT_START, Variables.booleanValue(collected, true));
        }

        /** Start variables come from forms and REST clients: a number where text belongs is refused, not cast. */
        private static String text(DelegateExecution execution, String name) {
            Object value = execution.getVariable(name);
            if (value == null || value instanceof String) return (String) value;
            throw new ReviewInputException(name + ": must be text");
        }
    }

    /** P1 数据收集: freeze the KPI inputs, score the measured indicators, resolve who does what. */
    @Component("collectReviewDataDelegate")
    static class CollectData implements JavaDelegate {
        private final ReviewService reviews;
        private final KpiSnapshots snapshots;
        private final ReviewViews views;
        private final ReviewRouting routing;
        private final ObjectMapper json;

        CollectData(ReviewService reviews, KpiSnapshots snapshots, ReviewViews views, ReviewRouting routing) {
            this.reviews = reviews;
            this.snapshots = snapshots;
            this.views = views;
            this.routing = routing;
            this.json = reviews.json();
        }

        @Override
        public void execute(DelegateExecution execution) {
            collect(execution, routing.reviewId(execution));
        }

        /** The step inside a start's transaction; false, with nothing set, when it cannot run now. */
        boolean collectNow(DelegateExecution execution, String reviewId) {
            try {
                collect(execution, reviewId);
                return true;
            } catch (ReviewInputException e) {
                return false;
            }
        }

        private void collect(DelegateExecution execution, String reviewId) {
            ReviewRepository.Review review = ReviewStarts.launching(reviewId)
                    .map(ReviewStarts.Launch.Prepared::review)
                    .orElseGet(() -> reviews.review(reviewId));
            KpiSnapshots.Collected c = snapshots.collect(
                    review.employeeId(),
                    review.period(),
                    review.schemeId(),
                    review.cycleId(),
                    execution.getProcessInstanceId());
            ReviewStarts.Participants p = c.participants();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put(Var.DATA_COMPLETE, c.complete());
            // Every variable is up to three rows at history FULL (runtime, history, detail), written for each of a
            // cycle's thousands of reviews: only what a form or a gateway of the next steps reads. The forms show the
            // period as the start variable `period`.
            v.put("employeeName", p.employeeName());
            v.put("schemeName", c.scheme().nameZh() + " / " + c.scheme().nameEn());
            // Who works each step is in review.participant (ReviewRouting), not in variables: none is copied here.
            v.put(Var.HAS_GROUP_REVIEW, !routing.groupReviewers(execution).isEmpty());
            if (c.complete()) {
                v.put("kpiBreakdown", FormData.json(json, breakdown(c.measured())));
            } else {
                // Escalations move the HR task to the committee; a second pass of this step (after HR supplied data)
                // keeps it.
                putIfAbsent(execution, v, ReviewEscalations.SUPPLY_DATA_GROUP, "hr");
                v.put("missingItems", FormData.json(json, views.missingItems(c)));
                v.put(
                        "missingReason",
                        c.problems().isEmpty()
                                ? "缺少数据 / Missing data: "
                                        + String.join(
                                                "、",
                                                c.missing().stream()
                                                        .map(key -> ReviewViews.inputLabel(c.scheme(), key))
                                                        .toList())
                                : "数据有误 / Invalid data: " + String.join("; ", c.problems()));
            }
            execution.setVariables(v);
        }

        static List<Map<String, Object>> breakdown(List<ScoreResult.Line> lines) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ScoreResult.Line line : lines) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("indicator", line.nameZh() + " " + line.nameEn());
                row.put("input", line.input() == null ? "—" : format(line.input()));
                row.put("rule", line.rule());
                row.put("points", line.points());
                row.put("max", line.maxPoints());
                rows.add(row);
            }
            return rows;
        }

        private static String format(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /**
     * P4 result: the approved score, version 1. Also what the steps after it read: the interview decision whether
     * the grades' gap persisted (false unless a re-evaluation found it did), and the appeal window in force from
     * the result on.
     */
    @Component("finaliseScoreDelegate")
    static class FinaliseScore implements JavaDelegate {
        private final Ratings ratings;
        private final ReviewRouting routing;
        private final String appealWindow;

        FinaliseScore(
                Ratings ratings,
                ReviewRouting routing,
                @Value("${service-review.review.appeal-window:P7D}") String appealWindow) {
            this.ratings = ratings;
            this.routing = routing;
            this.appealWindow = appealWindow;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String reviewId = routing.reviewId(execution);
            ScoreResult result = ratings.finalise(reviewId, routing.approver(execution));
            Map<String, Object> v = new LinkedHashMap<>();
            v.put(Var.FINAL_TOTAL, result.total());
            v.put(Var.FINAL_GRADE, result.grade().name());
            v.put("finalGradeLabel", ReviewTaskForm.label(result.grade()));
            putIfAbsent(execution, v, Var.GAP_PERSISTS, false);
            putIfAbsent(execution, v, Var.APPEAL_WINDOW, appealWindow);
            execution.setVariables(v);
        }
    }

    private static void putIfAbsent(DelegateExecution execution, Map<String, Object> v, String name, Object value) {
        if (execution.getVariable(name) == null) v.put(name, value);
    }

    /**
     * P4 at the top of a line: nobody is above the supervisor, so the supervisor's result (the seeds' 考核人) stands. The
     * skip is a decision of the indirect step, with the reason, in the review's history and the audit trail.
     */
    @Component("indirectStepSkippedListener")
    static class IndirectStepSkipped implements ExecutionListener {
        private final ReviewService reviews;
        private final ReviewRouting routing;

        IndirectStepSkipped(ReviewService reviews, ReviewRouting routing) {
            this.reviews = reviews;
            this.routing = routing;
        }

        @Override
        public void notify(DelegateExecution execution) {
            String supervisor = routing.assignee(execution, Role.SUPERVISOR);
            reviews.recordDecision(
                    routing.reviewId(execution),
                    Activity.INDIRECT_REVIEW,
                    "system",
                    "skipped",
                    "无间接主管：" + supervisor + " 之上没有上级，主管评定即为结果 / no indirect supervisor: nobody is above " + supervisor
                            + ", whose result stands (top of the line)");
        }
    }

    /** P9: an upheld appeal re-scores with HR's corrections and records old and new score. */
    @Component("rescoreAppealDelegate")
    static class RescoreAppeal implements JavaDelegate {
        private final ReviewService reviews;
        private final Appeals appeals;
        private final ReviewRepository repository;
        private final ReviewRouting routing;

        RescoreAppeal(ReviewService reviews, Appeals appeals, ReviewRepository repository, ReviewRouting routing) {
            this.reviews = reviews;
            this.appeals = appeals;
            this.repository = repository;
            this.routing = routing;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String reviewId = routing.reviewId(execution);
            ReviewRepository.Appeal appeal = repository
                    .findAppeal(reviewId)
                    .orElseThrow(() -> new IllegalStateException("review " + reviewId + " has no appeal"));
            if (!"RESCORED".equals(appeal.status())) {
                appeals.rescore(reviewId, appeal.corrections(), appeal.decidedBy(), appeal.decisionReason());
                repository.setAppealStatus(reviewId, "RESCORED");
            }
            ReviewRepository.Review review = reviews.review(reviewId);
            execution.setVariable(Var.FINAL_TOTAL, review.finalTotal().doubleValue());
            execution.setVariable(Var.FINAL_GRADE, review.finalGrade());
        }
    }

    /** P6 记录与追踪: the immutable archive with its content hash. */
    @Component("archiveReviewDelegate")
    static class ArchiveReview implements JavaDelegate {
        private final ReviewArchive archive;
        private final ReviewRouting routing;

        ArchiveReview(ReviewArchive archive, ReviewRouting routing) {
            this.archive = archive;
            this.routing = routing;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariable("archiveHash", archive.archive(routing.reviewId(execution)));
        }
    }

    /** Silence within the appeal window counts as acknowledgement (P9). */
    @Component("appealWindowExpiredListener")
    static class AppealWindowExpired implements ExecutionListener {
        private final ReviewService reviews;
        private final ReviewRouting routing;

        AppealWindowExpired(ReviewService reviews, ReviewRouting routing) {
            this.reviews = reviews;
            this.routing = routing;
        }

        @Override
        public void notify(DelegateExecution execution) {
            reviews.recordDecision(
                    routing.reviewId(execution),
                    Activity.ACKNOWLEDGE_RESULT,
                    "system",
                    "acknowledged-by-silence",
                    "appeal window " + execution.getVariable(Var.APPEAL_WINDOW) + " expired");
        }
    }
}
