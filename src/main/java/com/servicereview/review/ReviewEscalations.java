package com.servicereview.review;

import static com.servicereview.review.EmployeeReviewProcess.Activity;
import static com.servicereview.review.EmployeeReviewProcess.Var;

import com.servicereview.audit.AuditLog;
import com.servicereview.deadline.GroupHandover;
import com.servicereview.org.Employee;
import com.servicereview.org.OrgGroups;
import com.servicereview.org.OrgRepository;
import com.servicereview.review.EmployeeReviewProcess.Role;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * An overdue review task (deadline.DeadlineListeners) is handed one level up where it is: a person's task to their
 * direct supervisor, an HR task to the HR committee (人事决策委员会). Each group reviewer's task escalates on its own.
 */
@Component("escalateTaskListener")
public class ReviewEscalations implements TaskListener {

    static final String SUPPLY_DATA_GROUP = "supplyDataGroup";

    /** Which participant role owns each escalating person task (rows of review.participant). */
    private static final Map<String, String> PERSON = Map.of(
            Activity.SELF_REVIEW, Role.SELF,
            Activity.SELF_REEVALUATION, Role.SELF,
            Activity.SUPERVISOR_REVIEW, Role.SUPERVISOR,
            Activity.SUPERVISOR_REEVALUATION, Role.SUPERVISOR,
            Activity.INDIRECT_REVIEW, Role.INDIRECT,
            Activity.HOLD_INTERVIEW, Role.INTERVIEWER,
            Activity.COORDINATE_APPEAL, Role.APPEAL_COORDINATOR,
            Activity.GROUP_REVIEW, Role.GROUP);
    /** Group tasks name their candidate group in a variable that only the engine's own steps set. */
    private static final Map<String, String> GROUP =
            Map.of(Activity.SUPPLY_DATA, SUPPLY_DATA_GROUP, Activity.DECIDE_APPEAL, Var.APPEAL_DECIDER_GROUP);

    /** The tasks that have a next level; the others (the result) are only reminded. */
    static final Set<String> ESCALATING =
            Stream.concat(PERSON.keySet().stream(), GROUP.keySet().stream()).collect(Collectors.toSet());

    private final OrgRepository org;
    private final ReviewService reviews;
    private final ReviewRepository repository;
    private final ReviewRouting routing;
    private final AuditLog audit;

    public ReviewEscalations(
            OrgRepository org,
            ReviewService reviews,
            ReviewRepository repository,
            ReviewRouting routing,
            AuditLog audit) {
        this.org = org;
        this.reviews = reviews;
        this.repository = repository;
        this.routing = routing;
        this.audit = audit;
    }

    @Override
    public void notify(DelegateTask task) {
        String activity = task.getTaskDefinitionKey();
        String reviewId = routing.reviewId(task);
        String from;
        String to;
        if (GROUP.containsKey(activity)) {
            to = OrgGroups.HR_COMMITTEE;
            from = GroupHandover.handOver(task, GROUP.get(activity), to);
        } else {
            String role = PERSON.get(activity);
            // A group reviewer's task is theirs alone; a person's step has one owner in review.participant.
            from = role.equals(Role.GROUP)
                    ? task.getAssignee()
                    : repository.participants(reviewId, role).get(0);
            to = nextLevel(from);
            repository.replaceParticipants(
                    reviewId,
                    role,
                    repository.participants(reviewId, role).stream()
                            .map(p -> p.equals(from) ? to : p)
                            .distinct()
                            .toList());
            task.setAssignee(to);
        }
        reviews.recordDecision(reviewId, activity, "system", "escalated", "overdue: from " + from + " to " + to);
        audit.record(
                "system",
                "task.escalated",
                reviewId,
                Map.of("task", activity, "taskId", task.getId(), "from", from, "to", to));
    }

    /** The direct supervisor; at the top of the line the task stays with its owner, and the escalation is on record. */
    private String nextLevel(String userId) {
        return org.directSupervisor(userId).map(Employee::id).orElse(userId);
    }
}
