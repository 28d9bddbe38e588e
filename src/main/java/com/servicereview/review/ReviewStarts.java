package com.servicereview.review;

import com.servicereview.org.Employee;
import com.servicereview.org.OrgRepository;
import com.servicereview.review.EmployeeReviewProcess.Role;
import com.servicereview.scoring.Scheme;
import com.servicereview.web.ConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Starting a review: the start checks, the claim of the review id and who works each step
 * (routing in review.participant), and how a cycle's member joins a cycle.
 */
@Service
public class ReviewStarts {

    private final ReviewService reviewService;
    private final OrgRepository org;
    private final ReviewRepository reviews;

    ReviewStarts(ReviewService reviewService, OrgRepository org, ReviewRepository reviews) {
        this.reviewService = reviewService;
        this.org = org;
        this.reviews = reviews;
    }

    private static final Pattern PERIOD = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    /**
     * Starts a review, wherever it is started (REST, Tasklist's start form, a cycle): checks a known
     * employee with a supervisor, a month, a known scheme and cycle, claims the review id in the
     * database (one review per employee, period and scheme, also under concurrent starts) and
     * records who works each step. Returns the review id.
     */
    public String start(String employeeId, String period, String schemeId, String cycleId, String processInstanceId) {
        Startable startable = checkStartable(employeeId, period, schemeId, cycleId);
        Scheme scheme = startable.scheme();
        Participants participants = startable.participants();
        String reviewId = ReviewService.reviewId(employeeId, period, schemeId);
        if (!reviews.claimReview(
                reviewId, employeeId, period, schemeId, scheme.version(), cycleId, processInstanceId)) {
            throw new ConflictException(
                    "employeeId",
                    "review " + reviewId + " already exists"
                            + reviews.find(reviewId).map(ReviewStarts::owner).orElse(""));
        }
        Map<String, List<String>> routing = new LinkedHashMap<>();
        routing.put(Role.SELF, List.of(employeeId));
        routing.put(Role.SUPERVISOR, List.of(participants.supervisorId()));
        // At the top of a line there is no indirect step: no row, and the process skips it on record.
        routing.put(
                Role.INDIRECT,
                participants.indirectSupervisorId() == null ? List.of() : List.of(participants.indirectSupervisorId()));
        routing.put(Role.INTERVIEWER, List.of(participants.supervisorId()));
        routing.put(Role.APPEAL_COORDINATOR, List.of(participants.departmentHeadId()));
        routing.put(Role.GROUP, participants.groupReviewers());
        reviews.saveParticipants(reviewId, routing);
        return reviewId;
    }

    private static String owner(ReviewRepository.Review review) {
        return review.cycleId() == null
                ? " (started by hand; a cycle of the same month adopts it)"
                : " (in cycle " + review.cycleId() + ")";
    }

    private record Startable(Scheme scheme, Participants participants) {}

    /** Everything a start needs, checked without writing: the employee, their supervisor, the period, scheme and cycle. */
    private Startable checkStartable(String employeeId, String period, String schemeId, String cycleId) {
        if (employeeId == null || employeeId.isBlank()) throw new ReviewInputException("employeeId: 必填 / is required");
        Employee employee = org.findEmployee(employeeId)
                .orElseThrow(
                        () -> new ReviewInputException("employeeId: 未知员工 / unknown employee '" + employeeId + "'"));
        if (period == null || !PERIOD.matcher(period).matches()) {
            throw new ReviewInputException(
                    "period: 须为月份 YYYY-MM，例如 2026-10 / must be a month as YYYY-MM, e.g. 2026-10");
        }
        if (schemeId == null || schemeId.isBlank()) throw new ReviewInputException("schemeId: 必填 / is required");
        Scheme scheme = reviewService.schemeForNewReview(schemeId, period, cycleId);
        if (cycleId != null && !reviews.cycleExists(cycleId))
            throw new ReviewInputException("cycleId: 未知考核周期 / unknown cycle '" + cycleId + "'");
        return new Startable(scheme, participants(employee, scheme));
    }

    /**
     * How a cycle's member joins it: {@code start} a new review; adopt the member's existing review
     * of the month (started by hand: it now counts towards the cycle); or a {@code problem} that
     * keeps this member out of the launch (a review of another cycle, no supervisor, …).
     */
    public record Joining(boolean start, String problem) {}

    public Joining joinCycle(String employeeId, String period, String schemeId, String cycleId) {
        Optional<ReviewRepository.Review> existing = reviews.find(ReviewService.reviewId(employeeId, period, schemeId));
        if (existing.isPresent()) {
            ReviewRepository.Review review = existing.get();
            if (review.cycleId() != null && !review.cycleId().equals(cycleId)) {
                return new Joining(
                        false,
                        "考核 " + review.id() + " 已属于周期 " + review.cycleId() + " / review " + review.id()
                                + " belongs to cycle " + review.cycleId());
            }
            if (review.cycleId() == null && !"ARCHIVED".equals(review.status()))
                reviews.adoptIntoCycle(review.id(), cycleId);
            return new Joining(false, null);
        }
        try {
            checkStartable(employeeId, period, schemeId, cycleId);
            return new Joining(true, null);
        } catch (ReviewInputException e) {
            return new Joining(false, e.describe());
        }
    }

    /** @param indirectSupervisorId null at the top of a line (the supervisor has no supervisor) */
    public record Participants(
            String employeeId,
            String employeeName,
            String supervisorId,
            String indirectSupervisorId,
            String departmentHeadId,
            List<String> groupReviewers) {}

    Participants participants(Employee employee, Scheme scheme) {
        String supervisor = org.directSupervisor(employee.id())
                .map(Employee::id)
                .orElseThrow(() -> new ReviewInputException("employeeId: '" + employee.id()
                        + "' 在组织架构中没有直接主管 / has no direct supervisor in the org model"));
        // P4 间接主管 (the seeds' 复核人): the supervisor's supervisor; none at the top of a line (a department head
        // reviewed by the general manager), where the indirect step is skipped on record rather than given to the
        // supervisor twice.
        String indirect =
                org.indirectSupervisor(employee.id()).map(Employee::id).orElse(null);
        String above = indirect != null ? indirect : supervisor;
        // A department head is not the coordinator of their own appeal (P9): the next level up is.
        String head = org.departmentHead(employee.id())
                .map(Employee::id)
                .filter(h -> !h.equals(employee.id()))
                .orElse(above);
        List<String> group = new ArrayList<>();
        if (scheme.raterWeights().getOrDefault("group", 0.0) > 0) {
            reviews.groupReviewers(employee.orgUnitId()).stream()
                    .filter(r -> !r.equals(employee.id()))
                    .forEach(group::add);
            // No reviewers configured for the unit: the indirect supervisor, who sees the team from outside, rates
            // instead.
            if (group.isEmpty()) group.add(above);
        }
        return new Participants(
                employee.id(), employee.nameZh() + " " + employee.nameEn(), supervisor, indirect, head, group);
    }
}
