package com.servicereview.review;

import com.servicereview.audit.AuditLog;
import com.servicereview.org.Employee;
import com.servicereview.org.OrgRepository;
import com.servicereview.review.EmployeeReviewProcess.Role;
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

    /** Which participant role owns each escalating person task (rows of review.participant). */
    private static final Map<String, String> PERSON = Map.of(
            Activity.SELF_REVIEW, Role.SELF,
            Activity.SELF_REEVALUATION, Role.SELF,
            Activity.SUPERVISOR_REVIEW, Role.SUPERVISOR,
            Activity.SUPERVISOR_REEVALUATION, Role.SUPERVISOR,
            Activity.INDIRECT_REVIEW, Role.INDIRECT,
            Activity.HOLD_INTERVIEW, Role.INTERVIEWER,
            Activity.COORDINATE_APPEAL, Role.APPEAL_COORDINATOR);
    /** Group tasks name their candidate group in a variable that only the engine's own steps set. */
    private static final Map<String, String> GROUP = Map.of(
            Activity.SUPPLY_DATA, SUPPLY_DATA_GROUP,
            Activity.DECIDE_APPEAL, Var.APPEAL_DECIDER_GROUP,
            "Task_CalibrateGrades", "calibrationGroup");

    private final OrgRepository org;
    private final ReviewService reviews;
    private final ReviewRepository repository;
    private final ReviewRouting routing;
    private final AuditLog audit;

    public ReviewEscalations(OrgRepository org, ReviewService reviews, ReviewRepository repository, ReviewRouting routing,
                             AuditLog audit) {
        this.org = org;
        this.reviews = reviews;
        this.repository = repository;
        this.routing = routing;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String activity = ReviewDelegates.attachedActivity(execution);
        String reviewId = routing.findReviewId(execution).orElse(null);
        String from;
        String to;
        if (activity.equals(Activity.GROUP_REVIEW)) {
            List<String> reviewers = repository.participants(reviewId, Role.GROUP);
            List<String> next = new ArrayList<>();
            for (String reviewer : reviewers) {
                boolean submitted = reviews.nextRound(reviewId, Role.GROUP, reviewer) > 1;
                // Those who have rated are done; the others' ratings pass to their supervisors.
                if (!submitted) next.add(nextLevel(reviewer));
            }
            from = String.join(",", reviewers);
            to = String.join(",", next);
            repository.replaceParticipants(reviewId, Role.GROUP, next);
            execution.setVariable(Var.HAS_GROUP_REVIEW, !next.isEmpty());
        } else if (PERSON.containsKey(activity)) {
            String role = PERSON.get(activity);
            from = repository.participants(reviewId, role).get(0);
            to = nextLevel(from);
            repository.replaceParticipants(reviewId, role, List.of(to));
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
