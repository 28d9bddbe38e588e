package com.servicereview.review;

import com.servicereview.audit.AuditLog;
import com.servicereview.org.Employee;
import com.servicereview.org.OrgRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.servicereview.review.EmployeeReviewProcess.Activity;
import static com.servicereview.review.EmployeeReviewProcess.Var;

/**
 * An overdue user task is taken away (interrupting timer) and given one level up: a person's task
 * to their direct supervisor, an HR task to the HR committee (人事决策委员会). The process then
 * creates the task again for the new owner.
 */
@Component("escalateTaskDelegate")
public class ReviewEscalations implements JavaDelegate {

    static final String SUPPLY_DATA_GROUP = "supplyDataGroup";
    static final String HR_COMMITTEE = "hr-committee";

    /** Which variable names the owner of each escalating task. */
    private static final Map<String, String> PERSON = Map.of(
            Activity.SELF_REVIEW, Var.SELF_REVIEWER,
            Activity.SELF_REEVALUATION, Var.SELF_REVIEWER,
            Activity.SUPERVISOR_REVIEW, Var.SUPERVISOR_REVIEWER,
            Activity.SUPERVISOR_REEVALUATION, Var.SUPERVISOR_REVIEWER,
            Activity.INDIRECT_REVIEW, Var.INDIRECT_REVIEWER,
            Activity.HOLD_INTERVIEW, Var.INTERVIEWER,
            Activity.COORDINATE_APPEAL, Var.APPEAL_COORDINATOR);
    private static final Map<String, String> GROUP = Map.of(
            Activity.SUPPLY_DATA, SUPPLY_DATA_GROUP,
            Activity.DECIDE_APPEAL, Var.APPEAL_DECIDER_GROUP,
            "Task_CalibrateGrades", "calibrationGroup");

    private final OrgRepository org;
    private final ReviewService reviews;
    private final AuditLog audit;

    public ReviewEscalations(OrgRepository org, ReviewService reviews, AuditLog audit) {
        this.org = org;
        this.reviews = reviews;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String activity = ReviewDelegates.attachedActivity(execution);
        String reviewId = (String) execution.getVariable(Var.REVIEW_ID);
        String from;
        String to;
        if (activity.equals(Activity.GROUP_REVIEW)) {
            @SuppressWarnings("unchecked")
            List<String> reviewers = (List<String>) execution.getVariable(Var.GROUP_REVIEWERS);
            List<String> next = new ArrayList<>();
            for (String reviewer : reviewers) {
                boolean submitted = reviews.nextRound(reviewId, "group", reviewer) > 1;
                // Those who have rated are done; the others' ratings pass to their supervisors.
                if (!submitted) next.add(nextLevel(reviewer));
            }
            from = String.join(",", reviewers);
            to = String.join(",", next);
            execution.setVariable(Var.GROUP_REVIEWERS, next);
            execution.setVariable(Var.HAS_GROUP_REVIEW, !next.isEmpty());
        } else if (PERSON.containsKey(activity)) {
            String variable = PERSON.get(activity);
            from = (String) execution.getVariable(variable);
            to = nextLevel(from);
            execution.setVariable(variable, to);
        } else if (GROUP.containsKey(activity)) {
            String variable = GROUP.get(activity);
            from = (String) execution.getVariable(variable);
            to = HR_COMMITTEE;
            execution.setVariable(variable, to);
        } else {
            throw new IllegalStateException("no escalation defined for " + activity);
        }
        // Review tasks keep the escalation with the review's decisions; a cycle's task only in the audit trail.
        if (reviewId != null) reviews.recordDecision(reviewId, activity, "system", "escalated", "overdue: from " + from + " to " + to);
        audit.record("system", "task.escalated", reviewId != null ? reviewId : (String) execution.getVariable("cycleId"),
                Map.of("task", activity, "from", from, "to", to));
    }

    /** The direct supervisor; at the top of the line the task stays with its owner, and the escalation is on record. */
    private String nextLevel(String userId) {
        return org.directSupervisor(userId).map(Employee::id).orElse(userId);
    }
}
