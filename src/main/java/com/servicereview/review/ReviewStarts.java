package com.servicereview.review;

import com.servicereview.org.Employee;
import com.servicereview.org.OrgRepository;
import com.servicereview.review.EmployeeReviewProcess.Role;
import com.servicereview.scoring.Scheme;
import com.servicereview.web.ConflictException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
        String reviewId = ReviewService.reviewId(employeeId, period, schemeId);
        Launch launch = LAUNCHING.get();
        if (launch != null && launch.prepared(reviewId, cycleId)) {
            // Checked, reserved and routed with the slice's other members, in this transaction; the launch claims
            // the reservations for their instances together when its starts are done.
            if (launch.instances.containsValue(reviewId))
                throw new IllegalStateException("review " + reviewId + " was started twice by one launch");
            launch.instances.put(processInstanceId, reviewId);
            return reviewId;
        }
        Startable startable = checkStartable(employeeId, period, schemeId, cycleId);
        Scheme scheme = startable.scheme();
        if (!reviews.claimReview(
                reviewId, employeeId, period, schemeId, scheme.version(), cycleId, processInstanceId)) {
            throw new ConflictException(
                    "employeeId",
                    "review " + reviewId + " already exists"
                            + reviews.find(reviewId).map(ReviewStarts::owner).orElse(""));
        }
        reviews.saveParticipants(reviewId, routing(startable.participants()));
        return reviewId;
    }

    /** Who works each step, by role, as review.participant records it. */
    private static Map<String, List<String>> routing(Participants participants) {
        Map<String, List<String>> routing = new LinkedHashMap<>();
        routing.put(Role.SELF, List.of(participants.employeeId()));
        routing.put(Role.SUPERVISOR, List.of(participants.supervisorId()));
        // At the top of a line there is no indirect step: no row, and the process skips it on record.
        routing.put(
                Role.INDIRECT,
                participants.indirectSupervisorId() == null ? List.of() : List.of(participants.indirectSupervisorId()));
        routing.put(Role.INTERVIEWER, List.of(participants.supervisorId()));
        routing.put(Role.APPEAL_COORDINATOR, List.of(participants.departmentHeadId()));
        routing.put(Role.GROUP, participants.groupReviewers());
        return routing;
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
        OrgRepository.Line line = new OrgRepository.Line(
                employee,
                org.directSupervisor(employee.id()).map(Employee::id).orElse(null),
                org.indirectSupervisor(employee.id()).map(Employee::id).orElse(null),
                org.departmentHead(employee.id()).map(Employee::id).orElse(null));
        return participants(line, scheme, reviews::groupReviewers);
    }

    private static Participants participants(
            OrgRepository.Line line, Scheme scheme, Function<String, List<String>> groupReviewersOfUnit) {
        Employee employee = line.employee();
        String supervisor = line.supervisorId();
        if (supervisor == null)
            throw new ReviewInputException(
                    "employeeId: '" + employee.id() + "' 在组织架构中没有直接主管 / has no direct supervisor in the org model");
        // P4 间接主管 (the seeds' 复核人): the supervisor's supervisor; none at the top of a line (a department head
        // reviewed by the general manager), where the indirect step is skipped on record rather than given to the
        // supervisor twice.
        String indirect = line.indirectSupervisorId();
        String above = indirect != null ? indirect : supervisor;
        // A department head is not the coordinator of their own appeal (P9): the next level up is.
        String head = line.departmentHeadId() == null || line.departmentHeadId().equals(employee.id())
                ? above
                : line.departmentHeadId();
        List<String> group = new ArrayList<>();
        if (scheme.raterWeights().getOrDefault("group", 0.0) > 0) {
            groupReviewersOfUnit.apply(employee.orgUnitId()).stream()
                    .filter(r -> !r.equals(employee.id()))
                    .forEach(group::add);
            // No reviewers configured for the unit: the indirect supervisor, who sees the team from outside, rates
            // instead.
            if (group.isEmpty()) group.add(above);
        }
        return new Participants(
                employee.id(), employee.nameZh() + " " + employee.nameEn(), supervisor, indirect, head, group);
    }

    private static final ThreadLocal<Launch> LAUNCHING = new ThreadLocal<>();

    /**
     * A cycle's launch slice, prepared with a few statements for all its members instead of a dozen per member: the
     * checks of {@link #start} (known employee with a supervisor; the period, scheme and cycle are the cycle's), the
     * review ids reserved, who works each step recorded, and the KPI inputs read. {@link #run} starts the prepared
     * members' instances: their start and data step use what was prepared, in the same transaction; the engine's
     * lookups of the instance's review and routing are answered from it too, as it was written. Members it did not
     * prepare (a review exists, a check fails, taken meanwhile) go through {@link #joinCycle} one by one, as before.
     * Only code can bind it: it is no variable and never leaves the launching thread.
     */
    public final class Launch {
        private final String period;
        private final String schemeId;
        private final String cycleId;
        private final Scheme scheme;
        private final Map<String, Prepared> byReview = new LinkedHashMap<>();
        private final Map<String, String> instances = new LinkedHashMap<>();
        private final List<ReviewRepository.Snapshot> snapshots = new ArrayList<>();

        /** @param review the reserved row as written (its instance is claimed at the start) */
        record Prepared(
                ReviewRepository.Review review,
                Employee employee,
                Participants participants,
                Map<String, List<String>> routing,
                Map<String, ReviewRepository.KpiValue> values,
                List<ReviewRepository.KpiEvent> events,
                Map<String, Double> teamBest) {

            /** The inputs the data step froze (the snapshot's values): the scheme's, as read. */
            Map<String, Double> frozenValues(Scheme scheme) {
                Map<String, Double> frozen = new LinkedHashMap<>();
                values.values().stream()
                        .filter(v -> scheme.valueKeys().contains(v.key()))
                        .forEach(v -> frozen.put(v.key(), v.value()));
                return frozen;
            }
        }

        private Launch(String period, String schemeId, String cycleId, Scheme scheme) {
            this.period = period;
            this.schemeId = schemeId;
            this.cycleId = cycleId;
            this.scheme = scheme;
        }

        /** Whether this member's review is reserved and routed: start it with the cycle's variables. */
        public boolean prepared(String employeeId) {
            return byReview.containsKey(ReviewService.reviewId(employeeId, period, schemeId));
        }

        /**
         * Runs the starts with this launch bound to the thread, then writes what their starts and data steps left for
         * the slice's end, in the same transaction: each review claimed for its instance (and in review once its
         * inputs are frozen), and the snapshots: two statements for the slice instead of three per review.
         */
        public void run(Runnable starts) {
            if (LAUNCHING.get() != null) throw new IllegalStateException("a launch is already running on this thread");
            LAUNCHING.set(this);
            try {
                starts.run();
                writeStarted();
            } finally {
                LAUNCHING.remove();
            }
        }

        private void writeStarted() {
            Map<String, String> instanceByReview = new LinkedHashMap<>();
            instances.forEach((instance, review) -> instanceByReview.put(review, instance));
            reviews.saveSnapshots(snapshots);
            Set<String> inReview = new HashSet<>();
            snapshots.forEach(snapshot -> inReview.add(snapshot.reviewId()));
            if (!instanceByReview.isEmpty()
                    && reviews.claimReservations(cycleId, instanceByReview, inReview) != instanceByReview.size())
                throw new IllegalStateException(
                        "cycle " + cycleId + ": reviews reserved for this launch cannot all be claimed");
        }

        boolean prepared(String reviewId, String cycleId) {
            return this.cycleId.equals(cycleId) && byReview.containsKey(reviewId);
        }

        Scheme scheme() {
            return scheme;
        }
    }

    /**
     * The data step of a review this thread's launch prepared froze its inputs: written with the slice's others when
     * the launch's starts are done ({@link Launch#run}).
     */
    static void frozen(ReviewRepository.Snapshot snapshot) {
        Launch launch = LAUNCHING.get();
        if (launch == null || !launch.byReview.containsKey(snapshot.reviewId()))
            throw new IllegalStateException("review " + snapshot.reviewId() + " is not being launched on this thread");
        launch.snapshots.add(snapshot);
    }

    /** The launch running on this thread that prepared this review, if any. */
    static Optional<Launch.Prepared> launching(String reviewId) {
        Launch launch = LAUNCHING.get();
        return launch == null ? Optional.empty() : Optional.ofNullable(launch.byReview.get(reviewId));
    }

    /** The scheme of the launch running on this thread that prepared this review, if any. */
    static Optional<Scheme> launchingScheme(String reviewId) {
        Launch launch = LAUNCHING.get();
        return launch == null || !launch.byReview.containsKey(reviewId) ? Optional.empty() : Optional.of(launch.scheme);
    }

    /** The review of an instance this thread's launch started (it claimed the review in this transaction), if any. */
    static Optional<String> launchedInstance(String processInstanceId) {
        Launch launch = LAUNCHING.get();
        return launch == null ? Optional.empty() : Optional.ofNullable(launch.instances.get(processInstanceId));
    }

    /**
     * Prepares a cycle's launch slice (see {@link Launch}): members without a review whose checks pass are reserved
     * with one insert, their routing with another, their KPI inputs read with two selects.
     */
    public Launch prepareLaunch(List<String> employeeIds, String period, String schemeId, String cycleId) {
        Scheme scheme;
        try {
            if (period == null || !PERIOD.matcher(period).matches())
                throw new ReviewInputException("period: not a month");
            scheme = reviewService.schemeForNewReview(schemeId, period, cycleId);
        } catch (ReviewInputException e) {
            // Nobody is prepared: every member meets the problem one by one, with its message.
            return new Launch(period, schemeId, cycleId, null);
        }
        Launch launch = new Launch(period, schemeId, cycleId, scheme);
        Map<String, String> employeeByReview = new LinkedHashMap<>();
        employeeIds.forEach(e -> employeeByReview.put(ReviewService.reviewId(e, period, schemeId), e));
        employeeByReview
                .keySet()
                .removeAll(reviews.findAll(employeeByReview.keySet()).keySet());
        Map<String, OrgRepository.Line> lines = org.lines(employeeByReview.values());
        Map<String, List<String>> groupReviewers = new HashMap<>();
        Map<String, Participants> ready = new LinkedHashMap<>();
        employeeByReview.forEach((reviewId, employeeId) -> {
            OrgRepository.Line line = lines.get(employeeId);
            if (line == null || line.supervisorId() == null) return;
            ready.put(
                    reviewId,
                    participants(line, scheme, unit -> groupReviewers.computeIfAbsent(unit, reviews::groupReviewers)));
        });
        employeeByReview.keySet().retainAll(ready.keySet());
        Set<String> reserved = reviews.reserveForLaunch(employeeByReview, period, schemeId, scheme.version(), cycleId);
        ready.keySet().retainAll(reserved);
        Map<String, Map<String, List<String>>> routing = new LinkedHashMap<>();
        ready.forEach((reviewId, p) -> routing.put(reviewId, routing(p)));
        reviews.insertParticipants(routing);
        List<String> employees =
                ready.values().stream().map(Participants::employeeId).toList();
        Map<String, Map<String, ReviewRepository.KpiValue>> values = reviews.kpiValues(employees, period);
        Map<String, List<ReviewRepository.KpiEvent>> events = reviews.kpiEvents(employees, period);
        // Nothing in the launch changes the inputs: one team best per unit of the slice.
        Map<String, Map<String, Double>> teamBest = new HashMap<>();
        List<String> rankKeys = KpiSnapshots.rankKeys(scheme);
        ready.forEach((reviewId, p) -> launch.byReview.put(
                reviewId,
                new Launch.Prepared(
                        new ReviewRepository.Review(
                                reviewId,
                                p.employeeId(),
                                period,
                                schemeId,
                                scheme.version(),
                                cycleId,
                                null,
                                "COLLECTING",
                                null,
                                null),
                        lines.get(p.employeeId()).employee(),
                        p,
                        routing.get(reviewId),
                        values.get(p.employeeId()),
                        events.get(p.employeeId()),
                        teamBest.computeIfAbsent(
                                lines.get(p.employeeId()).employee().orgUnitId(),
                                unit -> reviews.unitBest(unit, period, rankKeys)))));
        return launch;
    }
}
