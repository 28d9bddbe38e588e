package com.servicereview.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.audit.AuditLog;
import com.servicereview.org.Employee;
import com.servicereview.org.OrgRepository;
import com.servicereview.schemes.SchemeRegistry;
import com.servicereview.scoring.ContentHash;
import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Indicator;
import com.servicereview.scoring.IndicatorKind;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.ScoreInput;
import com.servicereview.scoring.ScoreResult;
import com.servicereview.scoring.Scorer;
import com.servicereview.scoring.ScoringException;
import com.servicereview.review.EmployeeReviewProcess.Role;
import com.servicereview.web.ConflictException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The business side of one employee's review: freezing KPI inputs, recording every rater's scores,
 * the P7 gap rule, the final score, appeal re-scoring and the archive. The delegates and task
 * listeners of employee-review call it; it knows nothing of Camunda.
 */
@Service
public class ReviewService {

    /** Multi-rater indicators are entered by the supervisor, one score per named rater: {@code skill-test@warehouse}. */
    static final String RATER_SEPARATOR = "@";

    private final SchemeRegistry schemes;
    private final OrgRepository org;
    private final ReviewRepository reviews;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final double gapPoints;
    private final ApplicationEventPublisher events;

    public ReviewService(SchemeRegistry schemes, OrgRepository org, ReviewRepository reviews, AuditLog audit, ObjectMapper json,
                         @Value("${service-review.review.gap-points:10}") double gapPoints, ApplicationEventPublisher events) {
        this.events = events;
        this.schemes = schemes;
        this.org = org;
        this.reviews = reviews;
        this.audit = audit;
        this.json = json;
        this.gapPoints = gapPoints;
    }

    public static String reviewId(String employeeId, String period, String schemeId) {
        return employeeId + ":" + period + ":" + schemeId;
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
        String reviewId = reviewId(employeeId, period, schemeId);
        if (!reviews.claimReview(reviewId, employeeId, period, schemeId, scheme.version(), cycleId, processInstanceId)) {
            throw new ConflictException("employeeId", "review " + reviewId + " already exists"
                    + reviews.find(reviewId).map(ReviewService::owner).orElse(""));
        }
        Map<String, List<String>> routing = new LinkedHashMap<>();
        routing.put(Role.SELF, List.of(employeeId));
        routing.put(Role.SUPERVISOR, List.of(participants.supervisorId()));
        routing.put(Role.INDIRECT, List.of(participants.indirectSupervisorId()));
        routing.put(Role.INTERVIEWER, List.of(participants.supervisorId()));
        routing.put(Role.APPEAL_COORDINATOR, List.of(participants.departmentHeadId()));
        routing.put(Role.GROUP, participants.groupReviewers());
        reviews.saveParticipants(reviewId, routing);
        return reviewId;
    }

    private static String owner(ReviewRepository.Review review) {
        return review.cycleId() == null ? " (started by hand; a cycle of the same month adopts it)"
                : " (in cycle " + review.cycleId() + ")";
    }

    private record Startable(Scheme scheme, Participants participants) {
    }

    /** Everything a start needs, checked without writing: the employee, their supervisor, the period, scheme and cycle. */
    private Startable checkStartable(String employeeId, String period, String schemeId, String cycleId) {
        if (employeeId == null || employeeId.isBlank()) throw new ReviewInputException("employeeId: 必填 / is required");
        Employee employee = org.findEmployee(employeeId)
                .orElseThrow(() -> new ReviewInputException("employeeId: 未知员工 / unknown employee '" + employeeId + "'"));
        if (period == null || !PERIOD.matcher(period).matches()) {
            throw new ReviewInputException("period: 须为月份 YYYY-MM，例如 2026-10 / must be a month as YYYY-MM, e.g. 2026-10");
        }
        if (schemeId == null || schemeId.isBlank()) throw new ReviewInputException("schemeId: 必填 / is required");
        Scheme scheme = schemeForNewReview(schemeId, period, cycleId);
        if (cycleId != null && !reviews.cycleExists(cycleId)) throw new ReviewInputException("cycleId: 未知考核周期 / unknown cycle '" + cycleId + "'");
        return new Startable(scheme, participants(employee, scheme));
    }

    /**
     * How a cycle's member joins it: {@code start} a new review; adopt the member's existing review
     * of the month (started by hand: it now counts towards the cycle); or a {@code problem} that
     * keeps this member out of the launch (a review of another cycle, no supervisor, …).
     */
    public record Joining(boolean start, String problem) {
    }

    public Joining joinCycle(String employeeId, String period, String schemeId, String cycleId) {
        Optional<ReviewRepository.Review> existing = reviews.find(reviewId(employeeId, period, schemeId));
        if (existing.isPresent()) {
            ReviewRepository.Review review = existing.get();
            if (review.cycleId() != null && !review.cycleId().equals(cycleId)) {
                return new Joining(false, "考核 " + review.id() + " 已属于周期 " + review.cycleId() + " / review " + review.id()
                        + " belongs to cycle " + review.cycleId());
            }
            if (review.cycleId() == null && !"ARCHIVED".equals(review.status())) reviews.adoptIntoCycle(review.id(), cycleId);
            return new Joining(false, null);
        }
        try {
            checkStartable(employeeId, period, schemeId, cycleId);
            return new Joining(true, null);
        } catch (ReviewInputException e) {
            return new Joining(false, e.describe());
        }
    }

    public record Participants(String employeeId, String employeeName, String supervisorId, String indirectSupervisorId,
                               String departmentHeadId, List<String> groupReviewers) {
    }

    /** @param problems why the data is not complete: missing inputs or values the scheme rejects */
    public record Collected(String reviewId, Scheme scheme, Participants participants, boolean complete,
                            List<String> missing, List<String> problems, List<ScoreResult.Line> measured) {
    }

    /** P1: freezes the employee's KPI inputs for the period and scores the measured indicators. */
    public Collected collect(String employeeId, String period, String schemeId, String cycleId, String processInstanceId) {
        Employee employee = org.findEmployee(employeeId)
                .orElseThrow(() -> new ReviewInputException("employeeId: 未知员工 / unknown employee '" + employeeId + "'"));
        String reviewId = reviewId(employeeId, period, schemeId);
        Scheme scheme = reviews.find(reviewId)
                .map(r -> scheme(r.schemeId(), r.schemeVersion()))
                .orElseGet(() -> schemeForNewReview(schemeId, period, cycleId));
        reviews.createReview(reviewId, employeeId, period, schemeId, scheme.version(), cycleId, processInstanceId);
        Participants participants = participants(employee, scheme);

        Map<String, ReviewRepository.KpiValue> stored = reviews.kpiValues(employeeId, period);
        List<String> missing = new ArrayList<>();
        for (String key : Scorer.requiredInputs(scheme)) {
            if (!stored.containsKey(key)) missing.add(key);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        stored.values().stream().filter(v -> scheme.valueKeys().contains(v.key())).forEach(v -> {
            values.put(v.key(), v.value());
            sources.put(v.key(), v.source());
        });
        // Service records may carry events of other schemes (e.g. late after-sales cases): only this scheme's count.
        List<ScoreInput.EventOccurrence> events = reviews.kpiEvents(employeeId, period).stream()
                .filter(e -> scheme.events().containsKey(e.type()))
                .map(e -> new ScoreInput.EventOccurrence(e.type(), e.count(), e.points())).toList();
        List<String> rankKeys = scheme.indicators().stream().filter(i -> i.kind() == IndicatorKind.RANK_RELATIVE).map(Indicator::id).toList();
        Map<String, Double> teamBest = reviews.unitBest(employee.orgUnitId(), period, rankKeys);
        if (!missing.isEmpty()) {
            return new Collected(reviewId, scheme, participants, false, missing, List.of(), List.of());
        }
        ScoreInput input = new ScoreInput(values, events, Map.of(), teamBest);
        List<ScoreResult.Line> measured;
        try {
            measured = Scorer.measured(scheme, input);
        } catch (ScoringException e) {
            List<String> invalid = e.field().startsWith("values.") ? List.of(e.field().substring("values.".length())) : List.of();
            return new Collected(reviewId, scheme, participants, false, invalid, List.of(e.getMessage()), List.of());
        }
        reviews.saveSnapshot(reviewId, Map.of("values", values, "events", events, "teamBest", teamBest), sources, measured);
        reviews.setStatus(reviewId, "IN_REVIEW");
        return new Collected(reviewId, scheme, participants, true, List.of(), List.of(), measured);
    }

    private Participants participants(Employee employee, Scheme scheme) {
        String supervisor = org.directSupervisor(employee.id()).map(Employee::id)
                .orElseThrow(() -> new ReviewInputException("employeeId: '" + employee.id() + "' 在组织架构中没有直接主管 / has no direct supervisor in the org model"));
        String indirect = org.indirectSupervisor(employee.id()).map(Employee::id).orElse(supervisor);
        String head = org.departmentHead(employee.id()).map(Employee::id).orElse(indirect);
        List<String> group = new ArrayList<>();
        if (scheme.raterWeights().getOrDefault("group", 0.0) > 0) {
            reviews.groupReviewers(employee.orgUnitId()).stream().filter(r -> !r.equals(employee.id())).forEach(group::add);
            // No reviewers configured for the unit: the indirect supervisor, who sees the team from outside, rates instead.
            if (group.isEmpty()) group.add(indirect);
        }
        return new Participants(employee.id(), employee.nameZh() + " " + employee.nameEn(), supervisor, indirect, head, group);
    }

    /** HR supplies or corrects KPI inputs for the period (source recorded), before the data step runs again. */
    public void supplyData(String reviewId, Map<String, Double> values, String source, String hrUser) {
        ReviewRepository.Review review = review(reviewId);
        Scheme scheme = scheme(review.schemeId(), review.schemeVersion());
        if (source == null || source.isBlank()) throw new ReviewInputException("dataSource: 请注明数据来源 / say where the data came from");
        values.forEach((key, value) -> {
            if (!scheme.valueKeys().contains(key)) throw new ReviewInputException("missingItems." + key + ": not an input of " + scheme.id());
            if (value == null || value.isNaN() || value < 0) throw new ReviewInputException("missingItems." + key + ": 须为不小于 0 的数 / a number ≥ 0 is required");
            String problem = ReviewViews.unitOf(scheme, key).problemWith(value);
            if (problem != null) {
                throw new ReviewInputException("missingItems." + key + ": " + ReviewViews.inputLabel(scheme, key) + " 超出允许范围（"
                        + ReviewViews.unitLabel(ReviewViews.unitOf(scheme, key))
                        + "）/ " + problem);
            }
        });
        values.forEach((key, value) -> reviews.putKpiValue(review.employeeId(), review.period(), key, value, "hr:" + hrUser + " — " + source));
        audit.record(hrUser, "review.data-supplied", reviewId, Map.of("values", values, "source", source));
    }

    /** The rated items a role scores in this scheme: {@code indicator} or {@code indicator@rater} for multi-rater ones. */
    public List<RatingItem> ratingItems(Scheme scheme, String role) {
        List<RatingItem> items = new ArrayList<>();
        for (Indicator ind : scheme.indicators()) {
            String label = ind.nameZh() + " " + ind.nameEn();
            if (ind.kind() == IndicatorKind.RATED && ind.raters().contains(role)) {
                items.add(new RatingItem(ind.id(), label, ind.scaleMin(), ind.scaleMax(), ind.seed()));
            } else if (ind.kind() == IndicatorKind.MULTI_RATER_AVERAGE && role.equals("supervisor")) {
                for (String rater : ind.raters()) {
                    items.add(new RatingItem(ind.id() + RATER_SEPARATOR + rater, label + " — " + rater, ind.scaleMin(), ind.scaleMax(), ind.seed()));
                }
            }
        }
        return items;
    }

    public record RatingItem(String id, String label, double min, double max, String hint) {
    }

    /**
     * Records one rater's submission. Every item of the role must be scored within its range, and a
     * comment is required — at the latest when a score is at either end of its range.
     */
    public void recordRating(String reviewId, String role, String raterId, int round, Map<String, Double> scores,
                             String comment, String explanation) {
        ReviewRepository.Review review = review(reviewId);
        Scheme scheme = scheme(review.schemeId(), review.schemeVersion());
        boolean extreme = false;
        for (RatingItem item : ratingItems(scheme, role)) {
            Double score = scores.get(item.id());
            if (score == null || score.isNaN()) throw new ReviewInputException("ratingItems." + item.id() + ": 请为「" + item.label()
                    + "」打分 / a score is required (" + item.label() + ")");
            if (score < item.min() || score > item.max()) {
                throw new ReviewInputException("ratingItems." + item.id() + ": 须在 " + fmt(item.min()) + " 至 " + fmt(item.max())
                        + " 之间 / must be between " + fmt(item.min()) + " and " + fmt(item.max()));
            }
            extreme |= score == item.min() || score == item.max();
        }
        if (extreme && (comment == null || comment.isBlank())) {
            throw new ReviewInputException("comment: 打出最高分或最低分时须填写评语 / a comment is required when a score is at the end of its range");
        }
        Map<String, Double> kept = new LinkedHashMap<>();
        ratingItems(scheme, role).forEach(item -> kept.put(item.id(), scores.get(item.id())));
        reviews.saveRating(reviewId, new ReviewRepository.Rating(role, raterId, round, kept, comment, explanation, null, null));
    }

    /** A role's latest submission (the latest round of its latest rater). */
    public Optional<ReviewRepository.Rating> latestRating(String reviewId, String role) {
        return latest(reviews.ratings(reviewId), role);
    }

    public Optional<ReviewRepository.Decision> latestDecision(String reviewId, String step) {
        return reviews.latestDecision(reviewId, step);
    }

    public Optional<ReviewRepository.Appeal> appeal(String reviewId) {
        return reviews.findAppeal(reviewId);
    }

    /** The scores a rater gave in their latest round, to prefill a re-evaluation. */
    public Map<String, Double> lastScores(String reviewId, String role, String raterId) {
        return reviews.ratings(reviewId).stream()
                .filter(r -> r.role().equals(role) && r.raterId().equals(raterId))
                .reduce((a, b) -> b.round() >= a.round() ? b : a)
                .map(ReviewRepository.Rating::scores).orElse(Map.of());
    }

    /** The next round number for a rater: 1 for the first submission, 2 for a re-evaluation, … */
    public int nextRound(String reviewId, String role, String raterId) {
        return reviews.ratingRounds(reviewId, role, raterId) + 1;
    }

    public record Gap(double selfTotal, Grade selfGrade, double supervisorTotal, Grade supervisorGrade, boolean differ) {
    }

    /** P7: the self view and the supervisor view of the total, and whether they differ in grade or by more than the gap. */
    public Gap gap(String reviewId) {
        ReviewRepository.Review review = review(reviewId);
        Scheme scheme = scheme(review.schemeId(), review.schemeVersion());
        List<ReviewRepository.Rating> ratings = reviews.ratings(reviewId);
        ScoreResult self = Scorer.score(scheme, input(reviewId, scheme, ratings, "self"));
        ScoreResult supervisor = Scorer.score(scheme, input(reviewId, scheme, ratings, "supervisor"));
        latest(ratings, "self").ifPresent(r -> reviews.updateViewTotal(reviewId, r.role(), r.raterId(), r.round(), self.total(), self.grade().name()));
        latest(ratings, "supervisor").ifPresent(r -> reviews.updateViewTotal(reviewId, r.role(), r.raterId(), r.round(), supervisor.total(),
                supervisor.grade().name()));
        boolean differ = self.grade() != supervisor.grade() || Math.abs(self.total() - supervisor.total()) > gapPoints;
        return new Gap(self.total(), self.grade(), supervisor.total(), supervisor.grade(), differ);
    }

    /** The combined score as it stands, without recording it (what the indirect supervisor is asked to approve). */
    public ScoreResult preview(String reviewId) {
        ReviewRepository.Review review = review(reviewId);
        Scheme scheme = scheme(review.schemeId(), review.schemeVersion());
        return Scorer.score(scheme, input(reviewId, scheme, reviews.ratings(reviewId), null));
    }

    /**
     * The self view of the total right after the self-review — only where the self-review alone
     * defines it (every rated indicator is rated by self, no multi-rater indicator).
     */
    public Optional<ScoreResult> selfView(String reviewId) {
        Scheme scheme = schemeOf(reviewId);
        boolean selfDefines = scheme.indicators().stream().allMatch(i -> switch (i.kind()) {
            case RATED -> i.raters().contains("self");
            case MULTI_RATER_AVERAGE -> false;
            default -> true;
        });
        if (!selfDefines) return Optional.empty();
        return Optional.of(Scorer.score(scheme, input(reviewId, scheme, reviews.ratings(reviewId), "self")));
    }

    /** Every rater's own view of the total, for the indirect supervisor's summary. */
    public Map<String, ScoreResult> raterViews(String reviewId) {
        ReviewRepository.Review review = review(reviewId);
        Scheme scheme = scheme(review.schemeId(), review.schemeVersion());
        List<ReviewRepository.Rating> ratings = reviews.ratings(reviewId);
        Map<String, ScoreResult> views = new LinkedHashMap<>();
        for (String role : List.of("self", "supervisor", "group")) {
            if (ratings.stream().anyMatch(r -> r.role().equals(role))) {
                views.put(role, Scorer.score(scheme, input(reviewId, scheme, ratings, role)));
            }
        }
        return views;
    }

    /** The approved result (score version 1): every rater combined by the scheme's rater weights (R1). */
    public ScoreResult finalise(String reviewId, String approvedBy) {
        ReviewRepository.Review review = review(reviewId);
        Scheme scheme = scheme(review.schemeId(), review.schemeVersion());
        ScoreResult result = Scorer.score(scheme, input(reviewId, scheme, reviews.ratings(reviewId), null));
        reviews.saveScore(reviewId, 1, result.total(), result.grade().name(), result, "approved by " + approvedBy, approvedBy);
        reviews.setFinal(reviewId, result.total(), result.grade().name());
        return result;
    }

    public record Rescore(double oldTotal, Grade oldGrade, double newTotal, Grade newGrade, int version) {
    }

    /** P9: an upheld appeal re-scores with corrected inputs, keeping the old score as a version of its own. */
    public Rescore rescore(String reviewId, Map<String, Double> corrections, String decidedBy, String reason) {
        ReviewRepository.Review review = review(reviewId);
        Scheme scheme = scheme(review.schemeId(), review.schemeVersion());
        int version = reviews.latestScoreVersion(reviewId);
        ScoreInput input = input(reviewId, scheme, reviews.ratings(reviewId), null);
        Map<String, Double> values = new LinkedHashMap<>(input.values());
        corrections.forEach((key, value) -> {
            if (!values.containsKey(key)) throw new ReviewInputException("correctionItems." + key + ": not an input of this review");
        });
        values.putAll(corrections);
        ScoreResult result;
        try {
            result = Scorer.score(scheme, new ScoreInput(values, input.events(), input.ratings(), input.teamBest()));
        } catch (ScoringException e) {
            throw new ReviewInputException("correctionItems." + e.field().replace("values.", "") + ": " + e.reason());
        }
        double oldTotal = review.finalTotal().doubleValue();
        Grade oldGrade = Grade.valueOf(review.finalGrade());
        reviews.saveScore(reviewId, version + 1, result.total(), result.grade().name(),
                Map.of("result", result, "corrections", corrections), "appeal upheld: " + reason, decidedBy);
        reviews.setFinal(reviewId, result.total(), result.grade().name());
        audit.record(decidedBy, "review.rescored", reviewId, Map.of("oldTotal", oldTotal, "oldGrade", oldGrade,
                "newTotal", result.total(), "newGrade", result.grade(), "corrections", corrections, "reason", reason));
        return new Rescore(oldTotal, oldGrade, result.total(), result.grade(), version + 1);
    }

    public void recordDecision(String reviewId, String step, String decidedBy, String outcome, String reason) {
        reviews.recordDecision(reviewId, step, decidedBy, outcome, reason);
        audit.record(decidedBy, "review.decision", reviewId, reason == null ? Map.of("step", step, "outcome", outcome)
                : Map.of("step", step, "outcome", outcome, "reason", reason));
    }

    public void saveInterview(String reviewId, String heldBy, Map<String, Object> record) {
        reviews.saveInterview(reviewId, heldBy, record);
        audit.record(heldBy, "review.interview", reviewId, Map.of());
    }

    public void fileAppeal(String reviewId, String facts, String employeeId) {
        reviews.fileAppeal(reviewId, facts, employeeId);
        reviews.recordDecision(reviewId, "Task_AcknowledgeResult", employeeId, "appeal", facts);
        audit.record(employeeId, "review.appeal-filed", reviewId, Map.of("facts", facts));
    }

    public void coordinateAppeal(String reviewId, String head, String outcome, String note) {
        reviews.coordinateAppeal(reviewId, head, outcome, note);
        recordDecision(reviewId, "Task_CoordinateAppeal", head, outcome, note);
    }

    public void decideAppeal(String reviewId, String hrUser, String decision, String reason, Map<String, Double> corrections) {
        ReviewRepository.Review review = review(reviewId);
        Scheme scheme = scheme(review.schemeId(), review.schemeVersion());
        corrections.forEach((key, value) -> {
            if (!scheme.valueKeys().contains(key)) throw new ReviewInputException("correctionItems." + key + ": not an input of " + scheme.id());
            if (value.isNaN() || value < 0) throw new ReviewInputException("correctionItems." + key + ": 须为不小于 0 的数 / a number ≥ 0 is required");
        });
        reviews.decideAppeal(reviewId, hrUser, decision, reason, corrections);
        recordDecision(reviewId, "Task_DecideAppeal", hrUser, decision, reason);
    }

    /** P6: the immutable archive document and its SHA-256; archiving twice stores it once. */
    public String archive(String reviewId) {
        reviews.setStatus(reviewId, "ARCHIVED");
        JsonNode dossier = reviews.dossier(reviewId);
        String canonical = CanonicalJson.text(dossier);
        String hash = reviews.archive(reviewId, canonical, ContentHash.sha256(canonical));
        audit.record("system", "review.archived", reviewId, Map.of("contentHash", hash));
        ReviewRepository.Review review = review(reviewId);
        // Listeners run in this transaction: a cycle notices its last review here.
        events.publishEvent(new ReviewArchived(reviewId, review.cycleId()));
        return hash;
    }

    /** Recomputes the hash of a stored archive: true when the document is as it was archived. */
    public boolean verifyArchive(ReviewRepository.Archive archive) {
        return ContentHash.sha256(CanonicalJson.text(archive.document())).equals(archive.contentHash());
    }

    /**
     * The scorecard's input from the frozen snapshot and the latest round of every rater. With
     * {@code viewOf} set, that rater's scores stand for every rater of the indicators it rates (its
     * own view of the total, R2); missing group ratings fall back to the supervisor's.
     */
    ScoreInput input(String reviewId, Scheme scheme, List<ReviewRepository.Rating> ratings, String viewOf) {
        JsonNode snapshot = reviews.snapshotInputs(reviewId)
                .orElseThrow(() -> new IllegalStateException("review " + reviewId + " has no KPI snapshot"));
        Map<String, Double> values = new LinkedHashMap<>();
        snapshot.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
        Map<String, Double> teamBest = new LinkedHashMap<>();
        snapshot.path("teamBest").fields().forEachRemaining(e -> teamBest.put(e.getKey(), e.getValue().asDouble()));
        List<ScoreInput.EventOccurrence> events = new ArrayList<>();
        snapshot.path("events").forEach(e -> events.add(new ScoreInput.EventOccurrence(e.path("type").asText(),
                e.path("count").asInt(1), e.path("pointsEach").isNumber() ? e.path("pointsEach").asDouble() : null)));

        Map<String, Map<String, Double>> byRole = new LinkedHashMap<>();
        latest(ratings, "self").ifPresent(r -> byRole.put("self", r.scores()));
        latest(ratings, "supervisor").ifPresent(r -> byRole.put("supervisor", r.scores()));
        Map<String, Double> group = groupMean(ratings);
        if (!group.isEmpty()) byRole.put("group", group);

        Map<String, Map<String, Double>> scorecard = new LinkedHashMap<>();
        for (Indicator ind : scheme.indicators()) {
            if (ind.kind() == IndicatorKind.RATED) {
                for (String rater : ind.raters()) {
                    String source = viewOf != null && ind.raters().contains(viewOf) ? viewOf : rater;
                    Double score = score(byRole, source, ind.id());
                    if (score == null && rater.equals("group")) score = score(byRole, "supervisor", ind.id());
                    if (score != null) scorecard.computeIfAbsent(rater, k -> new LinkedHashMap<>()).put(ind.id(), score);
                }
            } else if (ind.kind() == IndicatorKind.MULTI_RATER_AVERAGE) {
                for (String rater : ind.raters()) {
                    Double score = score(byRole, "supervisor", ind.id() + RATER_SEPARATOR + rater);
                    if (score != null) scorecard.computeIfAbsent(rater, k -> new LinkedHashMap<>()).put(ind.id(), score);
                }
            }
        }
        return new ScoreInput(values, events, scorecard, teamBest);
    }

    private static Double score(Map<String, Map<String, Double>> byRole, String role, String key) {
        Map<String, Double> scores = byRole.get(role);
        return scores == null ? null : scores.get(key);
    }

    private static Optional<ReviewRepository.Rating> latest(List<ReviewRepository.Rating> ratings, String role) {
        return ratings.stream().filter(r -> r.role().equals(role)).reduce((a, b) -> b.round() >= a.round() ? b : a);
    }

    /** The group's score per item: the mean of each group reviewer's latest round. */
    private static Map<String, Double> groupMean(List<ReviewRepository.Rating> ratings) {
        Map<String, ReviewRepository.Rating> latestByReviewer = new LinkedHashMap<>();
        ratings.stream().filter(r -> r.role().equals("group"))
                .forEach(r -> latestByReviewer.merge(r.raterId(), r, (a, b) -> b.round() >= a.round() ? b : a));
        Map<String, double[]> sums = new LinkedHashMap<>();
        latestByReviewer.values().forEach(r -> r.scores().forEach((k, v) -> {
            double[] s = sums.computeIfAbsent(k, x -> new double[2]);
            s[0] += v;
            s[1]++;
        }));
        Map<String, Double> mean = new LinkedHashMap<>();
        sums.forEach((k, s) -> mean.put(k, s[0] / s[1]));
        return mean;
    }

    public String reviewIdOfInstance(String processInstanceId) {
        return reviews.reviewIdOfInstance(processInstanceId)
                .orElseThrow(() -> new IllegalStateException("process instance " + processInstanceId + " belongs to no review"));
    }

    public ReviewRepository.Review review(String reviewId) {
        return reviews.find(reviewId).orElseThrow(() -> new ReviewInputException("reviewId: unknown review '" + reviewId + "'"));
    }

    /** The scheme version a review was started with. */
    public Scheme schemeOf(String reviewId) {
        ReviewRepository.Review review = review(reviewId);
        return scheme(review.schemeId(), review.schemeVersion());
    }

    /** A new review uses its cycle's version, else the version in force for its period (SchemeRegistry.versionFor). */
    private Scheme schemeForNewReview(String schemeId, String period, String cycleId) {
        return schemes.versionFor(schemeId, period, cycleId).orElseThrow(() -> new ReviewInputException("schemeId: 未知考核方案，或其版本均不适用于 " + period
                + " / unknown scheme '" + schemeId + "', or none of its versions is in force for " + period));
    }

    public Scheme scheme(String schemeId, Integer version) {
        return schemes.find(schemeId, version)
                .orElseThrow(() -> new ReviewInputException("schemeId: 未知考核方案 / unknown scheme '" + schemeId + "'" + (version == null ? "" : " v" + version)));
    }

    public ObjectMapper json() {
        return json;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
