package com.servicereview.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the scoring module over generated inputs. */
class ScoringProperties {

    private final Scheme staff = BuiltInSchemes.load("cs-staff-monthly");
    private final Scheme online = BuiltInSchemes.load("online-cs-monthly");

    @Provide
    Arbitrary<ScoreInput> staffInputs() {
        Arbitrary<Double> percent = Arbitraries.doubles().between(0, 100).ofScale(2);
        Arbitrary<Double> count = Arbitraries.integers().between(0, 20).map(Integer::doubleValue);
        Arbitrary<Double> rating = Arbitraries.doubles().between(0, 30).ofScale(1);
        Arbitrary<List<ScoreInput.EventOccurrence>> events = Combinators.combine(
                        Arbitraries.of(
                                "praise-letter",
                                "department-praise",
                                "company-praise",
                                "media-praise",
                                "department-criticism",
                                "company-criticism",
                                "media-criticism",
                                "audit-notice"),
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(-10, -2))
                .as((type, n, pts) ->
                        new ScoreInput.EventOccurrence(type, n, type.equals("audit-notice") ? pts.doubleValue() : null))
                .list()
                .ofMaxSize(4);
        return Combinators.combine(
                        percent,
                        percent,
                        percent,
                        count,
                        count,
                        count,
                        Combinators.combine(rating, rating, rating).as(List::of),
                        events)
                .as((complaints, revisits, satisfaction, spot, falseRevisits, reports, ratings, ev) -> new ScoreInput(
                        Map.of(
                                "complaint-rate",
                                complaints,
                                "revisit-completion",
                                revisits,
                                "satisfaction",
                                satisfaction,
                                "failed-spot-checks",
                                spot,
                                "revisit-authenticity",
                                falseRevisits,
                                "report-authenticity",
                                reports),
                        ev,
                        Map.of(
                                "self",
                                Map.of("answer-quality", ratings.get(0)),
                                "supervisor",
                                Map.of("answer-quality", ratings.get(1)),
                                "group",
                                Map.of("answer-quality", ratings.get(2))),
                        Map.of()));
    }

    @Property
    void totalStaysWithinTheDeclaredBounds(@ForAll("staffInputs") ScoreInput in) {
        ScoreResult r = Scorer.score(staff, in);
        assertThat(r.total()).isBetween(0.0, staff.maxTotal());
        assertThat(r.raterTotals().values()).allSatisfy(t -> assertThat(t).isBetween(0.0, staff.maxTotal()));
        assertThat(r.breakdown()).allSatisfy(line -> assertThat(line.points()).isBetween(0.0, line.maxPoints()));
        assertThat(r.grade()).isEqualTo(staff.gradeScale().gradeOf(r.total()));
    }

    @Property
    void theBreakdownAddsUpToTheTotal(@ForAll("staffInputs") ScoreInput in) {
        ScoreResult r = Scorer.score(staff, in);
        double lines =
                r.breakdown().stream().mapToDouble(ScoreResult.Line::points).sum();
        double adjustments = r.adjustments().stream()
                .filter(a -> a.indicatorId() == null)
                .mapToDouble(ScoreResult.Adjustment::points)
                .sum();
        assertThat(r.uncappedTotal()).isCloseTo(lines + adjustments, offset(1e-6));
    }

    /** Raising any higher-is-better input (and lowering any higher-is-worse one) never lowers the total. */
    @Property
    void monotonicInEveryInput(
            @ForAll("staffInputs") ScoreInput in, @ForAll @DoubleRange(min = 0.01, max = 50) double step) {
        double before = Scorer.score(staff, in).total();
        for (String better : List.of("revisit-completion", "satisfaction")) {
            assertThat(Scorer.score(staff, change(in, better, +step)).total())
                    .as(better)
                    .isGreaterThanOrEqualTo(before);
        }
        for (String worse : List.of("complaint-rate")) {
            assertThat(Scorer.score(staff, change(in, worse, -step)).total())
                    .as(worse)
                    .isGreaterThanOrEqualTo(before);
        }
        for (String worseCount : List.of("failed-spot-checks", "revisit-authenticity", "report-authenticity")) {
            assertThat(Scorer.score(staff, change(in, worseCount, -Math.ceil(step)))
                            .total())
                    .as(worseCount)
                    .isGreaterThanOrEqualTo(before);
        }
        for (String rater : List.of("self", "supervisor", "group")) {
            Map<String, Map<String, Double>> ratings = new HashMap<>(in.ratings());
            ratings.put(
                    rater,
                    Map.of(
                            "answer-quality",
                            Math.min(30, in.ratings().get(rater).get("answer-quality") + step)));
            ScoreInput raised = new ScoreInput(in.values(), in.events(), ratings, in.teamBest());
            assertThat(Scorer.score(staff, raised).total()).as(rater).isGreaterThanOrEqualTo(before);
        }
    }

    private static ScoreInput change(ScoreInput in, String key, double delta) {
        Map<String, Double> values = new HashMap<>(in.values());
        double max = key.endsWith("-rate") || key.equals("revisit-completion") || key.equals("satisfaction")
                ? 100
                : Double.MAX_VALUE;
        values.put(key, Math.max(0, Math.min(max, values.get(key) + delta)));
        return new ScoreInput(values, in.events(), in.ratings(), in.teamBest());
    }

    @Property
    void onlineSchemeIsMonotonicInMeasuredRates(
            @ForAll @DoubleRange(min = 0, max = 100) double conversion,
            @ForAll @DoubleRange(min = 0, max = 100) double raise,
            @ForAll @DoubleRange(min = 0, max = 120) double replySeconds) {
        ScoreInput low = onlineInput(conversion, replySeconds);
        ScoreInput high = onlineInput(Math.min(100, conversion + raise), Math.max(0, replySeconds - raise));
        assertThat(Scorer.score(online, high).total())
                .isGreaterThanOrEqualTo(Scorer.score(online, low).total());
    }

    private static ScoreInput onlineInput(double conversion, double replySeconds) {
        return new ScoreInput(
                Map.of(
                        "target-completion",
                        80.0,
                        "inquiry-conversion",
                        conversion,
                        "order-success",
                        80.0,
                        "average-order-value",
                        100.0,
                        "reply-rate",
                        90.0,
                        "reply-time",
                        replySeconds),
                List.of(),
                Map.of(
                        "self",
                        Map.of("follow-up-service", 4.0, "execution", 8.0),
                        "supervisor",
                        Map.of("follow-up-service", 3.0, "execution", 7.0)),
                Map.of());
    }

    @Provide
    Arbitrary<List<ForcedDistribution.EmployeeTotal>> departments() {
        // Coarse totals make ties frequent.
        Arbitrary<Double> total = Arbitraries.integers().between(0, 220).map(i -> i / 2.0);
        return total.list().ofMinSize(0).ofMaxSize(300).map(totals -> {
            List<ForcedDistribution.EmployeeTotal> list = new ArrayList<>();
            for (int i = 0; i < totals.size(); i++)
                list.add(new ForcedDistribution.EmployeeTotal("emp-" + i, totals.get(i)));
            return list;
        });
    }

    @Property
    void forcedDistributionNeverExceedsAQuotaAndGradesEveryoneOnce(
            @ForAll("departments") List<ForcedDistribution.EmployeeTotal> dept) {
        ForcedDistribution.Result r = ForcedDistribution.distribute(dept, GradeScale.G1, Quota.G2);
        assertThat(r.placements()).hasSize(dept.size());
        assertThat(r.placements())
                .extracting(ForcedDistribution.Placement::employeeId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(dept.stream()
                        .map(ForcedDistribution.EmployeeTotal::employeeId)
                        .toList());
        Map<Grade, Integer> counts = new EnumMap<>(Grade.class);
        r.placements().forEach(p -> counts.merge(p.grade(), 1, Integer::sum));
        for (Grade g : List.of(Grade.OUTSTANDING, Grade.EXCELLENT, Grade.MEDIUM)) {
            assertThat(counts.getOrDefault(g, 0)).as(g.name()).isLessThanOrEqualTo(Quota.G2.seats(g, dept.size()));
            assertThat(counts.getOrDefault(g, 0) * 100.0 / Math.max(1, dept.size()))
                    .isLessThanOrEqualTo(Quota.G2.percent().get(g));
        }
    }

    @Property
    void forcedDistributionOnlyDemotesAndRespectsTheRanking(
            @ForAll("departments") List<ForcedDistribution.EmployeeTotal> dept) {
        List<ForcedDistribution.Placement> p =
                ForcedDistribution.distribute(dept, GradeScale.G1, Quota.G2).placements();
        for (int i = 0; i < p.size(); i++) {
            assertThat(p.get(i).grade().ordinal())
                    .isGreaterThanOrEqualTo(p.get(i).naturalGrade().ordinal());
            if (i > 0) {
                // sorted by total, so a later (lower or equal) total never has a better grade; equal totals share one
                assertThat(p.get(i).grade().ordinal())
                        .isGreaterThanOrEqualTo(p.get(i - 1).grade().ordinal());
                if (p.get(i).total() == p.get(i - 1).total())
                    assertThat(p.get(i).grade()).isEqualTo(p.get(i - 1).grade());
            }
        }
    }

    @Property(tries = 200)
    void intervalsParseWhatTheyPrint(
            @ForAll @DoubleRange(min = -1000, max = 1000) double a,
            @ForAll @IntRange(min = 1, max = 1000) int width,
            @ForAll boolean lo,
            @ForAll boolean hi) {
        Interval i = new Interval(a, lo, a + width, hi);
        assertThat(Interval.parse(i.toString())).isEqualTo(i);
    }
}
