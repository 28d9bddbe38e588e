package com.servicereview.review;

import com.servicereview.audit.AuditLog;
import com.servicereview.org.Employee;
import com.servicereview.org.OrgRepository;
import com.servicereview.review.EmployeeReviewProcess.Activity;
import com.servicereview.review.EmployeeReviewProcess.Role;
import com.servicereview.web.BadRequestException;
import com.servicereview.web.ConflictException;
import com.servicereview.web.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * HR hands a step of a running review to someone else (a transfer, a leaver, a conflict of interest):
 * the participant row of {@code review.participant} and any open task of that step move to the new
 * person, on record (an audit row and a decision in the review's history). Reviews otherwise keep the
 * participants resolved at their start, whatever the organisation does afterwards.
 */
@Service
public class ReviewReassignment {

    /** The steps each role works. {@code self} is not here: the employee's own steps are never anyone else's (P2). */
    static final Map<String, List<String>> STEPS = Map.of(
            Role.SUPERVISOR, List.of(Activity.SUPERVISOR_REVIEW, Activity.SUPERVISOR_REEVALUATION),
            Role.INDIRECT, List.of(Activity.INDIRECT_REVIEW),
            Role.GROUP, List.of(Activity.GROUP_REVIEW),
            Role.INTERVIEWER, List.of(Activity.HOLD_INTERVIEW),
            Role.APPEAL_COORDINATOR, List.of(Activity.COORDINATE_APPEAL));

    /**
     * Once the process has reached one of these, the role has nothing left to do (the send-back loop ends
     * at the final score; the interview comes before the result; the coordination happens once).
     */
    private static final Map<String, List<String>> DONE_AT = Map.of(
            Role.SUPERVISOR, List.of("Gateway_ToFinaliseScore", Activity.FINALISE_SCORE),
            Role.INDIRECT, List.of("Gateway_ToFinaliseScore", Activity.FINALISE_SCORE),
            Role.GROUP, List.of("Gateway_GroupReviewDone"),
            Role.INTERVIEWER, List.of("Gateway_InterviewDone"),
            Role.APPEAL_COORDINATOR, List.of("Gateway_CoordinationOutcome"));

    private final ReviewRepository reviews;
    private final OrgRepository org;
    private final AuditLog audit;
    private final ProcessEngine engine;

    ReviewReassignment(ReviewRepository reviews, OrgRepository org, AuditLog audit, ProcessEngine engine) {
        this.reviews = reviews;
        this.org = org;
        this.audit = audit;
        this.engine = engine;
    }

    /**
     * @param replaces for {@code group}: which group reviewer is replaced (may be left out when there is only one)
     */
    public record Request(String userId, String reason, String replaces) {}

    public record Reassigned(String reviewId, String role, String from, String to, List<String> taskIds) {}

    @Transactional
    public Reassigned reassign(String actor, String reviewId, String role, Request request) {
        ReviewRepository.Review review = reviews.find(reviewId)
                .orElseThrow(() -> new NotFoundException("reviewId", "未知考核 / no review '" + reviewId + "'"));
        if (!STEPS.containsKey(role)) {
            throw new BadRequestException(
                    "role",
                    "未知或不可重新指派的角色 / unknown or not reassignable role '" + role + "'; one of "
                            + String.join(", ", STEPS.keySet().stream().sorted().toList()));
        }
        if (request == null)
            throw new BadRequestException("body", "须提供 userId 与 reason / userId and reason are required");
        String to = request.userId();
        if (to == null || to.isBlank()) throw new BadRequestException("userId", "必填 / is required");
        Employee person = org.findEmployee(to)
                .orElseThrow(() -> new BadRequestException("userId", "未知员工 / unknown employee '" + to + "'"));
        if (!person.active()) throw new BadRequestException("userId", "'" + to + "' 已离职 / has left the organisation");
        if (to.equals(review.employeeId())) {
            throw new BadRequestException(
                    "userId",
                    "被考核人不能考核自己 / the reviewed employee cannot work the " + role + " step of their own review");
        }
        if (request.reason() == null || request.reason().isBlank())
            throw new BadRequestException("reason", "请说明原因 / say why");

        List<String> current = reviews.participants(reviewId, role);
        String from = from(role, current, request.replaces());
        if (to.equals(from) || current.contains(to)) {
            throw new BadRequestException("userId", "'" + to + "' 已是该步骤的参与人 / already works the " + role + " step");
        }
        return execute(context -> {
            // HR need no rights on the tasks themselves: this service checks who may reassign, and moves them.
            context.disableAuthorizationCheck();
            String instance = review.processInstanceId();
            if ("ARCHIVED".equals(review.status())
                    || engine.getRuntimeService()
                                    .createProcessInstanceQuery()
                                    .processInstanceId(instance)
                                    .count()
                            == 0) {
                throw new ConflictException("reviewId", "考核已结束 / review " + reviewId + " is finished");
            }
            boolean done = DONE_AT.get(role).stream()
                    .anyMatch(activity -> engine.getHistoryService()
                                    .createHistoricActivityInstanceQuery()
                                    .processInstanceId(instance)
                                    .activityId(activity)
                                    .count()
                            > 0);
            boolean rated = role.equals(Role.GROUP)
                    && reviews.ratings(reviewId).stream()
                            .anyMatch(r ->
                                    r.role().equals(Role.GROUP) && r.raterId().equals(from));
            if (done || rated) {
                throw new ConflictException(
                        "role", "该步骤已完成，不能重新指派 / the " + role + " step is done and cannot be reassigned");
            }
            List<String> moved = new ArrayList<>();
            for (String activity : STEPS.get(role)) {
                for (Task task : engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceId(instance)
                        .taskDefinitionKey(activity)
                        .list()) {
                    // A group reviewer's task is theirs alone; a person's step has one owner.
                    if (role.equals(Role.GROUP) && !from.equals(task.getAssignee())) continue;
                    String old = task.getAssignee();
                    engine.getTaskService().setAssignee(task.getId(), to);
                    if (old != null) revokeTask(old, task.getId());
                    moved.add(task.getId());
                }
            }
            List<String> people = new ArrayList<>(current);
            if (from == null) people.add(to);
            else people.replaceAll(p -> p.equals(from) ? to : p);
            reviews.replaceParticipants(reviewId, role, people);
            String was = from == null ? "—" : from;
            reviews.recordDecision(
                    reviewId, "participant:" + role, actor, "reassigned", was + " → " + to + ": " + request.reason());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("role", role);
            detail.put("from", from);
            detail.put("to", to);
            detail.put("reason", request.reason());
            detail.put("taskIds", moved);
            audit.record(actor, "review.participant-reassigned", reviewId, detail);
            return new Reassigned(reviewId, role, from, to, moved);
        });
    }

    /** Whom the new person replaces: the one owner of a person's step, or the named group reviewer. */
    private static String from(String role, List<String> current, String replaces) {
        if (!role.equals(Role.GROUP)) return current.isEmpty() ? null : current.get(0);
        if (replaces == null || replaces.isBlank()) {
            if (current.size() == 1) return current.get(0);
            throw new BadRequestException(
                    "replaces", "请指明替换哪位小组评价人 / name the group reviewer to replace, one of " + current);
        }
        if (!current.contains(replaces)) {
            throw new BadRequestException(
                    "replaces", "'" + replaces + "' 不是本考核的小组评价人 / is not a group reviewer of this review: " + current);
        }
        return replaces;
    }

    /** Camunda gives the new assignee rights on the task but leaves the old one's: the person it was taken from loses them. */
    private void revokeTask(String userId, String taskId) {
        engine
                .getAuthorizationService()
                .createAuthorizationQuery()
                .userIdIn(userId)
                .resourceType(Resources.TASK)
                .resourceId(taskId)
                .list()
                .stream()
                .filter(a -> a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
                .forEach(a -> engine.getAuthorizationService().deleteAuthorization(a.getId()));
    }

    private <T> T execute(Command<T> command) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired()
                .execute(command);
    }
}
