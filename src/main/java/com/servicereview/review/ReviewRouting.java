package com.servicereview.review;

import com.servicereview.review.EmployeeReviewProcess.Role;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Who works each step of a review, and which review an instance is, from our tables
 * ({@code review.participant}, {@code review.review}) rather than from process variables, which a
 * participant could otherwise try to set. The BPMN asks it: {@code ${reviewRouting.assignee(execution, 'supervisor')}}.
 */
@Component("reviewRouting")
public class ReviewRouting {

    private final ReviewRepository reviews;

    ReviewRouting(ReviewRepository reviews) {
        this.reviews = reviews;
    }

    public String assignee(DelegateExecution execution, String role) {
        String reviewId = reviewId(execution);
        List<String> people = participants(reviewId, role);
        if (people.isEmpty()) throw new IllegalStateException("review " + reviewId + " has no " + role);
        return people.get(0);
    }

    /** Whether the step has someone to work it: the BPMN asks before the indirect step (none at the top of a line). */
    public boolean has(DelegateExecution execution, String role) {
        return !participants(reviewId(execution), role).isEmpty();
    }

    /** Who approves the result (P4): the indirect supervisor, or at the top of a line the supervisor, whose result stands. */
    public String approver(DelegateExecution execution) {
        return has(execution, Role.INDIRECT)
                ? assignee(execution, Role.INDIRECT)
                : assignee(execution, Role.SUPERVISOR);
    }

    /** The employee under review: their own result is never handed to anyone else. */
    public String employee(DelegateExecution execution) {
        String reviewId = reviewId(execution);
        return reviews.find(reviewId).orElseThrow().employeeId();
    }

    /** The R1 group reviewers, one multi-instance task each. */
    public List<String> groupReviewers(DelegateExecution execution) {
        return participants(reviewId(execution), Role.GROUP);
    }

    /** A review a cycle's launch is starting on this thread has its routing as the launch wrote it, in this transaction. */
    private List<String> participants(String reviewId, String role) {
        return ReviewStarts.launching(reviewId)
                .map(launched -> launched.routing().getOrDefault(role, List.of()))
                .orElseGet(() -> reviews.participants(reviewId, role));
    }

    public String reviewId(DelegateExecution execution) {
        return reviewIdOfInstance(execution.getProcessInstanceId());
    }

    /** Empty for an instance of another process (a cycle's tasks share the deadline delegates). */
    public Optional<String> findReviewId(DelegateExecution execution) {
        return ReviewStarts.launchedInstance(execution.getProcessInstanceId())
                .or(() -> reviews.reviewIdOfInstance(execution.getProcessInstanceId()));
    }

    public String reviewId(DelegateTask task) {
        return reviewIdOfInstance(task.getProcessInstanceId());
    }

    private String reviewIdOfInstance(String processInstanceId) {
        return ReviewStarts.launchedInstance(processInstanceId)
                .or(() -> reviews.reviewIdOfInstance(processInstanceId))
                .orElseThrow(() ->
                        new IllegalStateException("process instance " + processInstanceId + " belongs to no review"));
    }
}
