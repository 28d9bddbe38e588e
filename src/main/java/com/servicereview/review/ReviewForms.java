package com.servicereview.review;

import static com.servicereview.review.EmployeeReviewProcess.Activity;
import static com.servicereview.review.EmployeeReviewProcess.Value;
import static com.servicereview.review.EmployeeReviewProcess.Var;

import com.servicereview.deadline.Deadlines;
import com.servicereview.scoring.Grade;
import com.servicereview.scoring.ScoreResult;
import com.servicereview.submission.FormData;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The server side of each review form (processes/forms/*.form), one listener bean per form. */
final class ReviewForms {

    private ReviewForms() {}

    /** HR supplies the inputs the data step found missing or invalid (P1). */
    @Component("supplyDataForm")
    static class SupplyData extends ReviewTaskForm {
        private final KpiSnapshots snapshots;

        SupplyData(ReviewService reviews, Ratings ratings, ReviewViews views, KpiSnapshots snapshots) {
            super(reviews, ratings, views);
            this.snapshots = snapshots;
        }

        private static final int SLOTS = 10;

        @Override
        protected void onCreate(DelegateTask task) {
            setSlots(task, "missing", missingRows(task), SLOTS);
        }

        @Override
        protected void onComplete(DelegateTask task) {
            List<Map<String, Object>> rows = missingRows(task);
            Map<String, Double> values = new LinkedHashMap<>();
            for (int k = 1; k <= rows.size(); k++) {
                String key = (String) rows.get(k - 1).get("key");
                Double value = number(submitted(task, "value" + k), "value" + k);
                if (value == null)
                    throw new ReviewInputException("value" + k + ": a value for " + key + " is required");
                values.put(key, value);
            }
            snapshots.supplyData(reviewId(task), values, FormData.text(submitted(task, "dataSource")), actor(task));
        }

        @SuppressWarnings("unchecked")
        private List<Map<String, Object>> missingRows(DelegateTask task) {
            return json.convertValue(FormData.tree(json, task.getVariable("missingItems")), List.class);
        }
    }

    /** P2 self-review, and the employee's re-evaluation under P7. */
    @Component("selfReviewForm")
    static class SelfReview extends ReviewTaskForm {
        SelfReview(ReviewService reviews, Ratings ratings, ReviewViews views) {
            super(reviews, ratings, views);
        }

        @Override
        protected void onCreate(DelegateTask task) {
            String reviewId = reviewId(task);
            String employee = ReviewStarts.launching(reviewId)
                    .map(launched -> launched.review().employeeId())
                    .orElseGet(() -> reviews.review(reviewId).employeeId());
            setRatingSlots(task, reviewId, "self", employee);
            // The form shows the re-evaluation's parts when it is 1; absent, they stay hidden.
            if (isReevaluation(task)) task.setVariableLocal(Var.REEVALUATION_ROUND, 1);
            // P7: the re-evaluation shows the supervisor's view; only on this task, never on the instance.
            if (isReevaluation(task)) {
                GapVariables.setSupervisorView(task, ratings.recordGap(reviewId));
                ratings.latestRating(reviewId, "supervisor").ifPresent(supervisor -> {
                    setJsonLocal(task, "supervisorRatings", shownScores(reviewId, "supervisor", supervisor));
                    setTextLocal(task, "supervisorComment", supervisor.comment());
                });
            }
        }

        @Override
        protected void onComplete(DelegateTask task) {
            String reviewId = reviewId(task);
            String actor = actor(task);
            Map<String, Double> scores = submittedScores(task, "self");
            String comment = required(task, "selfComment", "a comment");
            ratings.recordRating(
                    reviewId, "self", actor, ratings.nextRound(reviewId, "self", actor), scores, comment, null);
            if (isReevaluation(task)) {
                task.getExecution()
                        .getProcessInstance()
                        .setVariable(
                                Var.GRADES_DIFFER, ratings.recordGap(reviewId).differ());
            }
        }

        private static boolean isReevaluation(DelegateTask task) {
            return Activity.SELF_REEVALUATION.equals(task.getTaskDefinitionKey());
        }
    }

    /** P3 supervisor review, and the supervisor's re-evaluation (P7, or after a send-back) with a written explanation. */
    @Component("supervisorReviewForm")
    static class SupervisorReview extends ReviewTaskForm {
        SupervisorReview(ReviewService reviews, Ratings ratings, ReviewViews views) {
            super(reviews, ratings, views);
        }

        /** The supervisor sees the self-review (P3): its scores, comment and, where defined, its total. */
        @Override
        protected void onCreate(DelegateTask task) {
            String reviewId = reviewId(task);
            setRatingSlots(task, reviewId, "supervisor", task.getAssignee());
            // The form shows the re-evaluation's parts when it is 1; absent, they stay hidden.
            if (isReevaluation(task)) task.setVariableLocal(Var.REEVALUATION_ROUND, 1);
            ratings.latestRating(reviewId, "self").ifPresent(self -> {
                setJsonLocal(task, "selfRatings", shownScores(reviewId, "self", self));
                setTextLocal(task, "selfComment", self.comment());
            });
            if (isReevaluation(task)) {
                GapVariables.setSelfView(task, ratings.recordGap(reviewId));
                explainReevaluation(task, reviewId);
            } else {
                ratings.selfView(reviewId).ifPresent(view -> {
                    task.setVariableLocal("selfTotal", view.total());
                    task.setVariableLocal("selfGradeLabel", label(view.grade()));
                });
            }
        }

        @Override
        protected void onComplete(DelegateTask task) {
            String reviewId = reviewId(task);
            String actor = actor(task);
            String comment = required(task, "supervisorComment", "a comment");
            String explanation = isReevaluation(task)
                    ? required(task, "gapExplanation", "a written explanation to the indirect supervisor")
                    : null;
            ratings.recordRating(
                    reviewId,
                    "supervisor",
                    actor,
                    ratings.nextRound(reviewId, "supervisor", actor),
                    submittedScores(task, "supervisor"),
                    comment,
                    explanation);
            Ratings.Gap gap = ratings.recordGap(reviewId);
            Map<String, Object> flow = new LinkedHashMap<>();
            flow.put(Var.GRADES_DIFFER, gap.differ());
            if (isReevaluation(task)) flow.put(Var.GAP_PERSISTS, gap.differ());
            task.getExecution().getProcessInstance().setVariables(flow);
        }

        /**
         * Why the supervisor re-evaluates: sent back by the indirect supervisor (P4, with their reason),
         * or the P7 gap. Shown on the form, in the task's description and as a comment in its history.
         */
        private void explainReevaluation(DelegateTask task, String reviewId) {
            String why = reviews.latestDecision(reviewId, Activity.INDIRECT_REVIEW)
                    .filter(d -> Value.SEND_BACK.equals(d.outcome())
                            && Value.SEND_BACK.equals(task.getVariable(Var.INDIRECT_DECISION)))
                    .map(d -> "间接主管 " + views.personName(d.decidedBy()) + " 退回了考核结果，理由：" + d.reason()
                            + " / Sent back by the indirect supervisor " + views.personName(d.decidedBy())
                            + ", reason: " + d.reason())
                    .orElse("您的评分与员工自评的等级不同（或总分相差超过规定分值）。/ Your rating and the employee's "
                            + "self-review differ in grade (or in total by more than the gap rule allows) — P7.");
            task.setVariableLocal("reevaluationReason", why);
            task.setDescription(task.getDescription() + "\n" + why);
            task.getProcessEngineServices()
                    .getTaskService()
                    .createComment(task.getId(), task.getProcessInstanceId(), "复评原因 / Why re-evaluate: " + why);
        }

        private static boolean isReevaluation(DelegateTask task) {
            return Activity.SUPERVISOR_REEVALUATION.equals(task.getTaskDefinitionKey());
        }
    }

    /** R1 group rating by a colleague of a related department (one task per reviewer). */
    @Component("groupReviewForm")
    static class GroupReview extends ReviewTaskForm {
        GroupReview(ReviewService reviews, Ratings ratings, ReviewViews views) {
            super(reviews, ratings, views);
        }

        @Override
        protected void onCreate(DelegateTask task) {
            setRatingSlots(task, reviewId(task), "group", task.getAssignee());
        }

        @Override
        protected void onComplete(DelegateTask task) {
            String reviewId = reviewId(task);
            String actor = actor(task);
            ratings.recordRating(
                    reviewId,
                    "group",
                    actor,
                    ratings.nextRound(reviewId, "group", actor),
                    submittedScores(task, "group"),
                    required(task, "groupComment", "a comment"),
                    null);
        }
    }

    /** P4: the indirect supervisor approves the proposed result or sends it back with a reason. */
    @Component("indirectReviewForm")
    static class IndirectReview extends ReviewTaskForm {
        IndirectReview(ReviewService reviews, Ratings ratings, ReviewViews views) {
            super(reviews, ratings, views);
        }

        @Override
        protected void onCreate(DelegateTask task) {
            // Tasklist prefills a form from visible variables: a second round must not show the last decision.
            task.getExecution().getProcessInstance().removeVariable(Var.INDIRECT_DECISION);
            String reviewId = reviewId(task);
            ratings.latestRating(reviewId, "supervisor")
                    .map(ReviewRepository.Rating::explanation)
                    .ifPresent(explanation -> setTextLocal(task, "gapExplanation", explanation));
            List<Map<String, Object>> summary = new ArrayList<>();
            ratings.raterViews(reviewId)
                    .forEach((role, result) -> summary.add(Map.of(
                            "rater",
                            ReviewViews.RATER_LABELS.get(role),
                            "total",
                            result.total(),
                            "grade",
                            label(result.grade()))));
            setJsonLocal(task, "raterSummary", summary);
            setJsonLocal(task, "scoreBreakdown", views.explainedBreakdown(reviewId));
            ScoreResult proposed = ratings.preview(reviewId);
            task.setVariableLocal("proposedTotal", proposed.total());
            task.setVariableLocal("proposedGradeLabel", label(proposed.grade()));
        }

        @Override
        protected void onComplete(DelegateTask task) {
            String decision = required(task, Var.INDIRECT_DECISION, "a decision (approve or send-back)");
            if (!decision.equals(Value.APPROVE) && !decision.equals(Value.SEND_BACK)) {
                throw new ReviewInputException(Var.INDIRECT_DECISION + ": must be approve or send-back");
            }
            String reason = decision.equals(Value.SEND_BACK)
                    ? required(task, "indirectReason", "a reason for sending it back")
                    : FormData.text(submitted(task, "indirectReason"));
            reviews.recordDecision(reviewId(task), Activity.INDIRECT_REVIEW, actor(task), decision, reason);
            task.getExecution().getProcessInstance().setVariable(Var.INDIRECT_DECISION, decision);
        }
    }

    /** 绩效面谈表 (P7, P8); OUTSTANDING or URGENT needs supporting facts (G3). */
    @Component("interviewForm")
    static class Interview extends ReviewTaskForm {
        private static final List<String> FIELDS = List.of(
                "interviewStrengths",
                "interviewProblems",
                "interviewPlan",
                "interviewEmployeeView",
                "interviewActions",
                "interviewDate");

        Interview(ReviewService reviews, Ratings ratings, ReviewViews views) {
            super(reviews, ratings, views);
        }

        @Override
        protected void onCreate(DelegateTask task) {
            task.setVariableLocal("factsRequired", factsRequired(task));
            Object decision = task.getVariable("interviewDecision");
            if (decision instanceof Map<?, ?> result)
                task.setVariableLocal("interviewReason", result.get("interviewReason"));
        }

        @Override
        protected void onComplete(DelegateTask task) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (String field : FIELDS) record.put(field, required(task, field, "this part of the interview record"));
            String date = (String) record.get("interviewDate");
            try {
                if (LocalDate.parse(date.substring(0, Math.min(10, date.length())))
                        .isAfter(LocalDate.now())) {
                    throw new ReviewInputException(
                            "interviewDate: 面谈日期不能晚于今天 / the interview cannot be dated in the future");
                }
            } catch (DateTimeParseException e) {
                throw new ReviewInputException("interviewDate: 请填写日期 YYYY-MM-DD / a date as YYYY-MM-DD is required");
            }
            record.put("reason", task.getVariableLocal("interviewReason"));
            if (factsRequired(task)) {
                record.put(
                        "supportingFacts",
                        required(task, "supportingFacts", "supporting facts for an OUTSTANDING or URGENT grade (G3)"));
            }
            reviews.saveInterview(reviewId(task), actor(task), record);
        }

        private static boolean factsRequired(DelegateTask task) {
            return Grade.valueOf((String) task.getVariable(Var.FINAL_GRADE)).needsSupportingFacts();
        }
    }

    /** P5/P9: the employee acknowledges the result or appeals with facts within the window. */
    @Component("acknowledgeResultForm")
    static class AcknowledgeResult extends ReviewTaskForm {
        private final Appeals appeals;

        AcknowledgeResult(ReviewService reviews, Ratings ratings, ReviewViews views, Appeals appeals) {
            super(reviews, ratings, views);
            this.appeals = appeals;
        }

        @Override
        protected void onCreate(DelegateTask task) {
            setJsonLocal(task, "resultSummary", views.explainedBreakdown(reviewId(task)));
            String window = (String) task.getVariable(Var.APPEAL_WINDOW);
            task.setVariableLocal(
                    "appealDeadline",
                    Deadlines.plus(ZonedDateTime.now(), window).toLocalDate().toString());
        }

        @Override
        protected void onComplete(DelegateTask task) {
            String decision = required(task, Var.ACK_DECISION, "acknowledge or appeal");
            if (decision.equals(Value.APPEAL)) {
                String facts = required(task, "appealFacts", "the facts of the appeal (P9)");
                if (facts.length() < 10)
                    throw new ReviewInputException("appealFacts: describe the facts in at least 10 characters");
                appeals.fileAppeal(reviewId(task), facts, actor(task));
            } else if (decision.equals(Value.ACKNOWLEDGE)) {
                reviews.recordDecision(
                        reviewId(task), Activity.ACKNOWLEDGE_RESULT, actor(task), Value.ACKNOWLEDGE, null);
            } else {
                throw new ReviewInputException(Var.ACK_DECISION + ": must be acknowledge or appeal");
            }
            task.getExecution().getProcessInstance().setVariable(Var.ACK_DECISION, decision);
        }
    }

    /** P9 first level: the department head coordinates, then resolves or escalates to HR. */
    @Component("coordinateAppealForm")
    static class CoordinateAppeal extends ReviewTaskForm {
        private final Appeals appeals;

        CoordinateAppeal(ReviewService reviews, Ratings ratings, ReviewViews views, Appeals appeals) {
            super(reviews, ratings, views);
            this.appeals = appeals;
        }

        @Override
        protected void onCreate(DelegateTask task) {
            appeals.appeal(reviewId(task)).ifPresent(appeal -> setTextLocal(task, "appealFacts", appeal.facts()));
        }

        @Override
        protected void onComplete(DelegateTask task) {
            String outcome = required(task, Var.COORDINATION_OUTCOME, "resolved or escalate");
            if (!outcome.equals(Value.RESOLVED) && !outcome.equals(Value.ESCALATE)) {
                throw new ReviewInputException(Var.COORDINATION_OUTCOME + ": must be resolved or escalate");
            }
            appeals.coordinateAppeal(
                    reviewId(task), actor(task), outcome, required(task, "coordinationNote", "a note"));
            task.getExecution().getProcessInstance().setVariable(Var.COORDINATION_OUTCOME, outcome);
        }
    }

    /** P9 second level: HR upholds (with corrected inputs) or rejects the appeal. */
    @Component("decideAppealForm")
    static class DecideAppeal extends ReviewTaskForm {
        private final Appeals appeals;

        DecideAppeal(ReviewService reviews, Ratings ratings, ReviewViews views, Appeals appeals) {
            super(reviews, ratings, views);
            this.appeals = appeals;
        }

        private static final int SLOTS = 12;

        @Override
        protected void onCreate(DelegateTask task) {
            setSlots(task, "correction", views.correctionItems(reviewId(task)), SLOTS);
            appeals.appeal(reviewId(task)).ifPresent(appeal -> {
                setTextLocal(task, "appealFacts", appeal.facts());
                setTextLocal(task, "coordinationNote", appeal.coordinationNote());
            });
        }

        @Override
        protected void onComplete(DelegateTask task) {
            String decision = required(task, Var.APPEAL_DECISION, "uphold or reject");
            if (!decision.equals(Value.UPHOLD) && !decision.equals(Value.REJECT)) {
                throw new ReviewInputException(Var.APPEAL_DECISION + ": must be uphold or reject");
            }
            String reason = required(task, "appealDecisionReason", "a reason");
            Map<String, Double> corrections = new LinkedHashMap<>();
            List<Map<String, Object>> rows = views.correctionItems(reviewId(task));
            for (int k = 1; k <= rows.size(); k++) {
                Double corrected = number(submitted(task, "corrected" + k), "corrected" + k);
                if (decision.equals(Value.UPHOLD) && corrected != null)
                    corrections.put((String) rows.get(k - 1).get("key"), corrected);
            }
            appeals.decideAppeal(reviewId(task), actor(task), decision, reason, corrections);
            task.getExecution().getProcessInstance().setVariable(Var.APPEAL_DECISION, decision);
        }
    }

    /** The totals of the P7 gap check, shown as task-local variables to the one rater who may see the other view. */
    static final class GapVariables {
        private GapVariables() {}

        static void setSupervisorView(DelegateTask task, Ratings.Gap gap) {
            task.setVariableLocal("supervisorTotal", gap.supervisorTotal());
            task.setVariableLocal("supervisorGradeLabel", ReviewTaskForm.label(gap.supervisorGrade()));
        }

        static void setSelfView(DelegateTask task, Ratings.Gap gap) {
            task.setVariableLocal("selfTotal", gap.selfTotal());
            task.setVariableLocal("selfGradeLabel", ReviewTaskForm.label(gap.selfGrade()));
        }
    }
}
