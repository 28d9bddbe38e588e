package com.servicereview.review;

import com.servicereview.audit.AuditLog;
import com.servicereview.org.Employee;
import com.servicereview.org.OrgRepository;
import com.servicereview.scoring.Indicator;
import com.servicereview.scoring.IndicatorKind;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.ScoreInput;
import com.servicereview.scoring.ScoreResult;
import com.servicereview.scoring.Scorer;
import com.servicereview.scoring.ScoringException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** P1: freezing an employee's KPI inputs for the period, and HR supplying what is missing. */
@Service
public class KpiSnapshots {

    private final ReviewService reviewService;
    private final ReviewStarts starts;
    private final OrgRepository org;
    private final ReviewRepository reviews;
    private final AuditLog audit;

    KpiSnapshots(
            ReviewService reviewService,
            ReviewStarts starts,
            OrgRepository org,
            ReviewRepository reviews,
            AuditLog audit) {
        this.reviewService = reviewService;
        this.starts = starts;
        this.org = org;
        this.reviews = reviews;
        this.audit = audit;
    }

    /** @param problems why the data is not complete: missing inputs or values the scheme rejects */
    public record Collected(
            String reviewId,
            Scheme scheme,
            ReviewStarts.Participants participants,
            boolean complete,
            List<String> missing,
            List<String> problems,
            List<ScoreResult.Line> measured) {}

    /** P1: freezes the employee's KPI inputs for the period and scores the measured indicators. */
    public Collected collect(
            String employeeId, String period, String schemeId, String cycleId, String processInstanceId) {
        String reviewId = ReviewService.reviewId(employeeId, period, schemeId);
        // A cycle's launch has read the person, their line and inputs with the slice's other members, and reserved the
        // review.
        ReviewStarts.Launch.Prepared launched = ReviewStarts.launching(reviewId).orElse(null);
        Employee employee;
        Scheme scheme;
        ReviewStarts.Participants participants;
        Map<String, ReviewRepository.KpiValue> stored;
        List<ReviewRepository.KpiEvent> recorded;
        if (launched != null) {
            employee = launched.employee();
            scheme = ReviewStarts.launchingScheme(reviewId).orElseThrow();
            participants = launched.participants();
            stored = launched.values();
            recorded = launched.events();
        } else {
            employee = org.findEmployee(employeeId)
                    .orElseThrow(
                            () -> new ReviewInputException("employeeId: 未知员工 / unknown employee '" + employeeId + "'"));
            scheme = reviews.find(reviewId)
                    .map(r -> reviewService.scheme(r.schemeId(), r.schemeVersion()))
                    .orElseGet(() -> reviewService.schemeForNewReview(schemeId, period, cycleId));
            reviews.createReview(reviewId, employeeId, period, schemeId, scheme.version(), cycleId, processInstanceId);
            participants = starts.participants(employee, scheme);
            stored = reviews.kpiValues(employeeId, period);
            recorded = reviews.kpiEvents(employeeId, period);
        }
        List<String> missing = new ArrayList<>();
        for (String key : Scorer.requiredInputs(scheme)) {
            if (!stored.containsKey(key)) missing.add(key);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        stored.values().stream()
                .filter(v -> scheme.valueKeys().contains(v.key()))
                .forEach(v -> {
                    values.put(v.key(), v.value());
                    sources.put(v.key(), v.source());
                });
        // Service records may carry events of other schemes (e.g. late after-sales cases): only this scheme's count.
        List<ScoreInput.EventOccurrence> events = recorded.stream()
                .filter(e -> scheme.events().containsKey(e.type()))
                .map(e -> new ScoreInput.EventOccurrence(e.type(), e.count(), e.points()))
                .toList();
        Map<String, Double> teamBest = launched != null
                ? launched.teamBest()
                : reviews.unitBest(employee.orgUnitId(), period, rankKeys(scheme));
        if (!missing.isEmpty()) {
            return new Collected(reviewId, scheme, participants, false, missing, List.of(), List.of());
        }
        ScoreInput input = new ScoreInput(values, events, Map.of(), teamBest);
        List<ScoreResult.Line> measured;
        try {
            measured = Scorer.measured(scheme, input);
        } catch (ScoringException e) {
            List<String> invalid =
                    e.field().startsWith("values.") ? List.of(e.field().substring("values.".length())) : List.of();
            return new Collected(reviewId, scheme, participants, false, invalid, List.of(e.getMessage()), List.of());
        }
        ReviewRepository.Snapshot snapshot = new ReviewRepository.Snapshot(
                reviewId, Map.of("values", values, "events", events, "teamBest", teamBest), sources, measured);
        if (launched != null) {
            ReviewStarts.frozen(snapshot);
        } else {
            reviews.saveSnapshot(snapshot.reviewId(), snapshot.inputs(), snapshot.sources(), snapshot.measured());
            reviews.setStatus(reviewId, "IN_REVIEW");
        }
        return new Collected(reviewId, scheme, participants, true, List.of(), List.of(), measured);
    }

    /** The inputs ranked against the team's best (rank-relative indicators). */
    static List<String> rankKeys(Scheme scheme) {
        return scheme.indicators().stream()
                .filter(i -> i.kind() == IndicatorKind.RANK_RELATIVE)
                .map(Indicator::id)
                .toList();
    }

    /** HR supplies or corrects KPI inputs for the period (source recorded), before the data step runs again. */
    public void supplyData(String reviewId, Map<String, Double> values, String source, String hrUser) {
        ReviewRepository.Review review = reviewService.review(reviewId);
        Scheme scheme = reviewService.scheme(review.schemeId(), review.schemeVersion());
        if (source == null || source.isBlank())
            throw new ReviewInputException("dataSource: 请注明数据来源 / say where the data came from");
        values.forEach((key, value) -> {
            if (!scheme.valueKeys().contains(key))
                throw new ReviewInputException("missingItems." + key + ": not an input of " + scheme.id());
            if (value == null || value.isNaN() || value < 0)
                throw new ReviewInputException("missingItems." + key + ": 须为不小于 0 的数 / a number ≥ 0 is required");
            String problem = ReviewViews.unitOf(scheme, key).problemWith(value);
            if (problem != null) {
                throw new ReviewInputException(
                        "missingItems." + key + ": " + ReviewViews.inputLabel(scheme, key) + " 超出允许范围（"
                                + ReviewViews.unitLabel(ReviewViews.unitOf(scheme, key))
                                + "）/ " + problem);
            }
        });
        values.forEach((key, value) ->
                reviews.putKpiValue(review.employeeId(), review.period(), key, value, "hr:" + hrUser + " — " + source));
        audit.record(hrUser, "review.data-supplied", reviewId, Map.of("values", values, "source", source));
    }
}
