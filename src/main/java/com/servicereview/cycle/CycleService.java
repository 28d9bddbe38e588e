package com.servicereview.cycle;

import com.servicereview.audit.AuditLog;
import com.servicereview.metrics.Absences;
import com.servicereview.org.Employee;
import com.servicereview.org.OrgRepository;
import com.servicereview.org.Role;
import com.servicereview.review.EmployeeReviewProcess;
import com.servicereview.review.ReviewInputException;
import com.servicereview.review.ReviewRepository;
import com.servicereview.review.ReviewService;
import com.servicereview.review.ReviewStarts;
import com.servicereview.schemes.SchemeRegistry;
import com.servicereview.scoring.ForcedDistribution;
import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Numbers;
import com.servicereview.scoring.Scheme;
import com.servicereview.web.ConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * One review cycle: who is assessed (P11), launching one employee-review per person in parallel slices,
 * noticing when the last one is archived, and HR's calibration against the quota (G2).
 */
@Service
public class CycleService {

    private final CycleRepository repository;
    private final OrgRepository org;
    private final Absences absences;
    private final SchemeRegistry schemes;
    private final RuntimeService runtime;
    private final AuditLog audit;
    private final ReviewStarts reviews;
    private final ReviewRepository reviewRows;
    private final int batchSize;

    public CycleService(
            CycleRepository repository,
            OrgRepository org,
            Absences absences,
            SchemeRegistry schemes,
            RuntimeService runtime,
            AuditLog audit,
            ReviewStarts reviews,
            ReviewRepository reviewRows,
            @Value("${service-review.cycle.launch-batch}") int batchSize) {
        this.repository = repository;
        this.reviewRows = reviewRows;
        this.reviews = reviews;
        this.org = org;
        this.absences = absences;
        this.schemes = schemes;
        this.runtime = runtime;
        this.audit = audit;
        this.batchSize = batchSize;
    }

    public static String cycleId(String unitId, String period, String schemeId) {
        return unitId + ":" + period + ":" + schemeId;
    }

    /**
     * Checks what a cycle is started with (start form, REST, scheduler) and claims its id in the database: the primary key makes
     * the second of two concurrent starts (on one node or several) find the cycle taken.
     */
    public String start(String unitId, String period, String schemeId, String startedBy, String processInstanceId) {
        if (unitId == null || org.unit(unitId).isEmpty())
            throw new ReviewInputException("unitId: 未知部门或小组 / unknown department or team '" + unitId + "'");
        try {
            CyclePeriod.parse(period);
        } catch (IllegalArgumentException e) {
            throw new ReviewInputException("period: " + e.getMessage());
        }
        if (schemeId == null || schemes.find(schemeId, null).isEmpty())
            throw new ReviewInputException("schemeId: 未知考核方案 / unknown scheme '" + schemeId + "'");
        String id = cycleId(unitId, period, schemeId);
        if (!repository.claim(
                id,
                unitId,
                period,
                schemeId,
                versionInForce(schemeId, period),
                processInstanceId,
                startedBy == null ? "system" : startedBy)) {
            throw new ConflictException("unitId", "考核周期 " + id + " 已存在 / cycle " + id + " already exists");
        }
        return id;
    }

    /** The scheme version the cycle keeps: the one in force for its (last) month when it starts. */
    private int versionInForce(String schemeId, String period) {
        String month = CyclePeriod.parse(period).last().toString();
        return schemes.inForce(schemeId, month)
                .map(Scheme::version)
                .orElseThrow(() -> new ReviewInputException("schemeId: 考核方案 " + schemeId + " 在 " + month
                        + " 尚无生效版本 / no version of scheme '" + schemeId + "' is in force for " + month));
    }

    public boolean exists(String cycleId) {
        return repository.exists(cycleId);
    }

    public record Member(String employeeId, boolean eligible, String reason) {}

    /**
     * Creates the cycle and its members: every active agent of the unit (and of its teams) except
     * supervisors and heads, who are reviewed in their own cycles. P11: absent more than 2 months
     * of the period → not assessed; no attendance on record → assessed, and said so.
     */
    public List<Member> prepare(
            String unitId, String period, String schemeId, String startedBy, String processInstanceId) {
        String id = cycleId(unitId, period, schemeId);
        repository.claim(
                id,
                unitId,
                period,
                schemeId,
                versionInForce(schemeId, period),
                processInstanceId,
                startedBy == null ? "system" : startedBy);
        CyclePeriod months = CyclePeriod.parse(period);
        Map<String, Absences.Absence> absent = absences.between(months.first(), months.last()).stream()
                .collect(Collectors.toMap(Absences.Absence::employeeId, Function.identity()));
        List<Member> members = new ArrayList<>();
        for (Employee e : org.unitAndTeamMembers(unitId)) {
            if (!e.active() || e.role() != Role.EMPLOYEE) continue;
            Absences.Absence a = absent.get(e.id());
            Member m = a == null
                    ? new Member(e.id(), true, "P11: 无考勤记录，参加考核 / no attendance on record, assessed")
                    : a.assessed()
                            ? new Member(
                                    e.id(),
                                    true,
                                    "P11: 缺勤 " + round(a.absentMonths()) + " 个月 / absent " + round(a.absentMonths())
                                            + " months")
                            : new Member(
                                    e.id(),
                                    false,
                                    "P11: 缺勤超过2个月，不参加考核 / absent " + round(a.absentMonths()) + " months, not assessed");
            members.add(m);
        }
        repository.addMembers(id, members, batchSize);
        audit.record(
                startedBy == null ? "system" : startedBy,
                "cycle.prepared",
                id,
                Map.of(
                        "members",
                        members.size(),
                        "eligible",
                        members.stream().filter(Member::eligible).count()));
        return members;
    }

    /** How many launch slices the cycle's eligible members make: {@code service-review.cycle.launch-batch} members each. */
    public int sliceCount(String cycleId) {
        return (repository.countEligible(cycleId) + batchSize - 1) / batchSize;
    }

    /**
     * Starts the reviews of one slice of the eligible members (in employee id order, {@code launch-batch}
     * each), each its own process instance (engineering notes: no giant multi-instance). A slice is one
     * job; slices run in parallel. At least once and on any node: a retried slice, or one run twice,
     * skips the members that have their review (the review id is reserved by its primary key before
     * the start), so no member gets a second review and no slice fails on a duplicate. Once it has committed,
     * {@link #reviewArchived} notices whether it was the last (a lock here would make the slices wait for each other's commit).
     */
    public void launchSlice(String cycleId, int slice) {
        Cycle cycle = cycle(cycleId);
        List<String> waiting = repository.waitingMembers(cycleId, slice);
        // The members' checks, reservations, routing and inputs for the whole slice in a few statements.
        ReviewStarts.Launch launch = reviews.prepareLaunch(waiting, cycle.period(), cycle.schemeId(), cycleId);
        Map<String, String> joined = new LinkedHashMap<>();
        launch.run(() -> {
            for (String employee : waiting) {
                String reviewId = ReviewService.reviewId(employee, cycle.period(), cycle.schemeId());
                ReviewStarts.Joining joining =
                        launch.prepared(employee) ? new ReviewStarts.Joining(true, null) : joinOne(cycle, employee);
                if (joining.problem() != null) {
                    // One member's problem never stops the others' launch; HR sees it with the member.
                    repository.setLaunchProblem(cycleId, employee, joining.problem());
                    audit.record(
                            "system",
                            "cycle.launch-problem",
                            cycleId,
                            Map.of("employeeId", employee, "problem", joining.problem()));
                    continue;
                }
                if (joining.start()) {
                    VariableMap variables = Variables.createVariables()
                            .putValue(EmployeeReviewProcess.Var.EMPLOYEE_ID, employee)
                            .putValue(EmployeeReviewProcess.Var.PERIOD, cycle.period())
                            .putValue(EmployeeReviewProcess.Var.SCHEME_ID, cycle.schemeId())
                            .putValue(EmployeeReviewProcess.Var.CYCLE_ID, cycleId)
                            // Transient: the data step runs in this transaction, not as a job per review.
                            .putValueTyped(
                                    EmployeeReviewProcess.Var.COLLECTED_AT_START, Variables.booleanValue(true, true));
                    runtime.startProcessInstanceByKey(EmployeeReviewProcess.KEY, reviewId, variables);
                }
                joined.put(employee, reviewId);
            }
        });
        repository.setMemberReviews(cycleId, joined);
    }

    /**
     * A member the slice did not prepare (a review exists, a check fails, or it was taken since): joins, adopts or
     * reserves one by one, as a start by hand would meet it.
     */
    private ReviewStarts.Joining joinOne(Cycle cycle, String employee) {
        String reviewId = ReviewService.reviewId(employee, cycle.period(), cycle.schemeId());
        ReviewStarts.Joining joining = reviews.joinCycle(employee, cycle.period(), cycle.schemeId(), cycle.id());
        if (joining.start()
                && !reviewRows.reserveForLaunch(
                        reviewId,
                        employee,
                        cycle.period(),
                        cycle.schemeId(),
                        schemes.versionFor(cycle.schemeId(), cycle.period(), cycle.id())
                                .orElseThrow()
                                .version(),
                        cycle.id())) {
            // Taken since joinCycle looked (started by hand, or by another run of this slice, now committed): join
            // that one.
            joining = reviews.joinCycle(employee, cycle.period(), cycle.schemeId(), cycle.id());
        }
        return joining;
    }

    /** Starts one review-cycle-slice instance for each slice after the first, which the caller launches itself. */
    public void startSlices(String cycleId) {
        int slices = sliceCount(cycleId);
        for (int slice = 1; slice < slices; slice++) {
            runtime.startProcessInstanceByKey(
                    ReviewCycleProcess.SLICE_KEY,
                    cycleId + "#" + slice,
                    Map.of(ReviewCycleProcess.Var.CYCLE_ID, cycleId, ReviewCycleProcess.Var.SLICE, slice));
        }
    }

    /** The cycles a review counts towards: the one that started it, and any that adopted it. */
    public List<String> cyclesOf(String reviewId) {
        return repository.cyclesOf(reviewId);
    }

    /**
     * Called when a review is archived, and after each launch slice commits: once no eligible member waits for
     * a launch, the cycle is in review; when the archived review was its last, the cycle moves on to calibration.
     * The row lock makes two such calls at once (two slices, two reviews) see each other: one status change,
     * exactly one message. Any later call repeats what a lost one (a node that died after its commit) left undone.
     */
    public void reviewArchived(String cycleId) {
        String status = repository.lockStatus(cycleId).orElse(null);
        if ("LAUNCHING".equals(status)
                && repository.countEligible(cycleId) > 0
                && repository.countWaiting(cycleId) == 0) {
            setStatus(cycleId, "LAUNCHING", "IN_REVIEW");
            status = "IN_REVIEW";
        }
        if (!"IN_REVIEW".equals(status)) return;
        if (repository.countOpen(cycleId) > 0) return;
        setStatus(cycleId, "IN_REVIEW", "CALIBRATION");
        runtime.createMessageCorrelation(ReviewCycleProcess.MESSAGE_REVIEWS_DONE)
                .processInstanceBusinessKey(cycleId)
                .correlate();
    }

    /**
     * A quarter or year: each assessed member's total is the mean of their monthly review totals in
     * the period (same scheme, finished reviews). A member without any is not assessed, and the reason says so.
     */
    public void rollUp(String cycleId) {
        Cycle cycle = cycle(cycleId);
        CyclePeriod period = CyclePeriod.parse(cycle.period());
        repository.rollUp(
                cycleId,
                cycle.schemeId(),
                period.first().toString(),
                period.last().toString());
        setStatus(cycleId, "LAUNCHING", "CALIBRATION");
    }

    /** G2: the quota applied to the archived totals; one calibration row per assessed member. */
    public ForcedDistribution.Result propose(String cycleId) {
        ForcedDistribution.Result result = distribution(cycleId);
        result.placements().forEach(p -> repository.saveProposal(cycleId, p));
        return result;
    }

    /** G2 over the cycle's totals, as proposed (computed again, nothing written). */
    public ForcedDistribution.Result distribution(String cycleId) {
        Cycle cycle = cycle(cycleId);
        Scheme scheme =
                schemes.versionFor(cycle.schemeId(), cycle.period(), cycleId).orElseThrow();
        return ForcedDistribution.distribute(repository.totals(cycleId), scheme.gradeScale(), scheme.quota());
    }

    /** The seats of each grade the quota caps (≤ x%); grades the quota only aims at (≈ x%) have none. */
    public Map<Grade, Integer> seats(String cycleId) {
        Map<Grade, Integer> seats = new LinkedHashMap<>();
        for (ForcedDistribution.Share share : distribution(cycleId).distribution()) {
            if (share.seats() != null) seats.put(share.grade(), share.seats());
        }
        return seats;
    }

    /**
     * Why the proposal gave a person their grade (issue: 4 of 12 NEEDS_IMPROVEMENT against "≈ 10%" with no word why):
     * their total's grade (G1), or moved down because that grade's seats were taken by higher totals (G2).
     */
    public static String proposalReason(Grade natural, Grade proposed, Map<Grade, Integer> seats) {
        if (natural == proposed) {
            return "按总分定级（G1）/ graded by total (G1)";
        }
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        // Each grade between the total's own and the proposed one was closed: no seat at all, or full.
        for (Grade g : Grade.values()) {
            if (g.ordinal() < natural.ordinal() || g.ordinal() >= proposed.ordinal()) continue;
            Integer n = seats.get(g);
            if (n == null) continue;
            zh.add(n == 0 ? "「" + g.labelZh() + "」无名额" : "「" + g.labelZh() + "」" + n + " 个名额已由更高分者占满");
            en.add(n == 0 ? g.labelEn() + " has no seat" : g.labelEn() + "'s " + n + " seats went to higher totals");
        }
        return "总分属「" + natural.labelZh() + "」；" + String.join("；", zh) + "，顺延为「" + proposed.labelZh() + "」（G2）/ "
                + "by total " + natural.labelEn() + "; " + String.join("; ", en) + "; moved down to "
                + proposed.labelEn() + " (G2)";
    }

    public record Decision(String employeeId, Grade grade, String reason, String facts) {}

    /**
     * HR's calibration: the proposed grade stands unless HR gives another with a written reason;
     * an override to OUTSTANDING or URGENT_IMPROVEMENT needs supporting facts (G3).
     *
     * @param acceptOverQuota HR confirms overrides that put more people in a grade than it has seats;
     *                        without it such overrides are refused with the resulting counts
     */
    public void calibrate(String cycleId, List<Decision> decisions, String hrUser, boolean acceptOverQuota) {
        Map<String, String> proposed = repository.proposedGrades(cycleId);
        Map<String, Decision> byEmployee =
                decisions.stream().collect(Collectors.toMap(Decision::employeeId, Function.identity(), (a, b) -> b));
        for (String employee : byEmployee.keySet()) {
            if (!proposed.containsKey(employee))
                throw new ReviewInputException("calibrationItems." + employee + ": not assessed in this cycle");
        }
        Map<String, Grade> finals = new LinkedHashMap<>();
        proposed.forEach((employee, grade) -> {
            Decision d = byEmployee.get(employee);
            finals.put(employee, d == null || d.grade() == null ? Grade.valueOf(grade) : d.grade());
        });
        for (Map.Entry<String, String> row : proposed.entrySet()) {
            Decision d = byEmployee.get(row.getKey());
            Grade grade = finals.get(row.getKey());
            boolean overridden = !grade.name().equals(row.getValue());
            String field = "calibrationItems." + row.getKey();
            if (overridden && (d.reason() == null || d.reason().isBlank())) {
                throw new ReviewInputException(field + ": changing the proposed grade needs a written reason");
            }
            // A proposed OUTSTANDING or URGENT already carries its facts from the review's interview (G3).
            if (overridden
                    && grade.needsSupportingFacts()
                    && (d.facts() == null || d.facts().isBlank())) {
                throw new ReviewInputException(field + ": " + grade.name() + " needs supporting facts (G3)");
            }
        }
        Map<Grade, Integer> counts = new LinkedHashMap<>();
        finals.values().forEach(grade -> counts.merge(grade, 1, Integer::sum));
        List<String> over = new ArrayList<>();
        seats(cycleId).forEach((grade, limit) -> {
            int count = counts.getOrDefault(grade, 0);
            if (count > limit)
                over.add(grade.labelZh() + " " + count + "/" + limit + " / " + grade.labelEn() + " " + count + " of "
                        + limit);
        });
        if (!over.isEmpty() && !acceptOverQuota) {
            throw new ReviewInputException("acceptOverQuota: 调整后超出名额 / the overrides exceed the seats: "
                    + String.join("; ", over) + " — 确认请勾选“接受超出名额” / tick “accept exceeding the quota” to confirm");
        }
        if (!over.isEmpty()) audit.record(hrUser, "cycle.quota-exceeded", cycleId, Map.of("grades", over));
        for (Map.Entry<String, String> row : proposed.entrySet()) {
            Decision d = byEmployee.get(row.getKey());
            Grade grade = finals.get(row.getKey());
            boolean overridden = !grade.name().equals(row.getValue());
            repository.saveFinalGrade(
                    cycleId, row.getKey(), grade, overridden ? d.reason() : null, d == null ? null : d.facts(), hrUser);
            if (overridden) {
                audit.record(
                        hrUser,
                        "cycle.grade-overridden",
                        cycleId,
                        Map.of(
                                "employee",
                                row.getKey(),
                                "proposed",
                                row.getValue(),
                                "final",
                                grade.name(),
                                "reason",
                                d.reason()));
            }
        }
    }

    public void close(String cycleId) {
        setStatus(cycleId, "CALIBRATION", "CLOSED");
        audit.record("system", "cycle.closed", cycleId, Map.of());
    }

    public record Cycle(String id, String unitId, String period, String schemeId, String status) {}

    public Cycle cycle(String cycleId) {
        return repository
                .find(cycleId)
                .orElseThrow(() -> new ReviewInputException("cycleId: unknown cycle '" + cycleId + "'"));
    }

    /** Calibration rows for the form and the API, best first. */
    public List<CycleRepository.CalibrationRow> calibrationRows(String cycleId) {
        return repository.calibrationRows(cycleId);
    }

    public List<CycleRepository.Member> members(String cycleId) {
        return repository.members(cycleId);
    }

    private void setStatus(String cycleId, String from, String to) {
        repository.setStatus(cycleId, from, to);
    }

    private static String round(double v) {
        return Numbers.fixed(v, 1);
    }
}
