package com.servicereview.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** G2: quota seats, rounding, small teams and ties. */
class ForcedDistributionTest {

    private static ForcedDistribution.Result distribute(double... totals) {
        List<ForcedDistribution.EmployeeTotal> list = new ArrayList<>();
        for (int i = 0; i < totals.length; i++)
            list.add(new ForcedDistribution.EmployeeTotal(String.format("e%02d", i), totals[i]));
        return ForcedDistribution.distribute(list, GradeScale.G1, Quota.G2);
    }

    private static Map<String, Grade> grades(ForcedDistribution.Result r) {
        return r.placements().stream()
                .collect(Collectors.toMap(
                        ForcedDistribution.Placement::employeeId, ForcedDistribution.Placement::grade));
    }

    @Test
    void seatsAreFloorOfQuotaTimesHeadcount() {
        assertThat(Quota.G2.seats(Grade.OUTSTANDING, 20)).isEqualTo(2);
        assertThat(Quota.G2.seats(Grade.OUTSTANDING, 29)).isEqualTo(2);
        assertThat(Quota.G2.seats(Grade.OUTSTANDING, 30)).isEqualTo(3);
        assertThat(Quota.G2.seats(Grade.EXCELLENT, 20)).isEqualTo(3);
        assertThat(Quota.G2.seats(Grade.MEDIUM, 20)).isEqualTo(13);
        assertThat(Quota.G2.seats(Grade.NEEDS_IMPROVEMENT, 20)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void overflowMovesDownOneGradeAtATime() {
        // 20 people, everyone at 96 except distinct totals: 5 natural OUTSTANDING, seats 2
        ForcedDistribution.Result r =
                distribute(99, 98, 97, 96, 95, 90, 89, 88, 87, 80, 80.5, 81, 82, 83, 75, 74, 73, 72, 60, 40);
        Map<String, Grade> g = grades(r);
        assertThat(g.get("e00")).isEqualTo(Grade.OUTSTANDING);
        assertThat(g.get("e01")).isEqualTo(Grade.OUTSTANDING);
        // 97, 96, 95 lose OUTSTANDING and take EXCELLENT's 3 seats; then EXCELLENT is full
        assertThat(g.get("e02")).isEqualTo(Grade.EXCELLENT);
        assertThat(g.get("e04")).isEqualTo(Grade.EXCELLENT);
        // 90 (natural EXCELLENT) finds no EXCELLENT seat → MEDIUM
        assertThat(g.get("e05")).isEqualTo(Grade.MEDIUM);
        // MEDIUM has 13 seats: 90 … 72 are 13 people; 60 and 40 keep their natural grades
        assertThat(g.get("e17")).isEqualTo(Grade.MEDIUM);
        assertThat(g.get("e18")).isEqualTo(Grade.NEEDS_IMPROVEMENT);
        assertThat(g.get("e19")).isEqualTo(Grade.URGENT_IMPROVEMENT);
        ForcedDistribution.Share outstanding = r.distribution().get(0);
        assertThat(outstanding.natural()).isEqualTo(5);
        assertThat(outstanding.actual()).isEqualTo(2);
        assertThat(outstanding.seats()).isEqualTo(2);
        assertThat(outstanding.actualPercent()).isEqualTo(10.0);
    }

    @Test
    void aTeamUnderTenHasNoOutstandingSeat() {
        ForcedDistribution.Result r = distribute(99, 80, 78, 75, 71);
        // 5 people: OUTSTANDING floor(0.5) = 0, EXCELLENT floor(0.75) = 0, MEDIUM floor(3.25) = 3
        assertThat(r.placements())
                .extracting(ForcedDistribution.Placement::grade)
                .containsExactly(
                        Grade.MEDIUM, Grade.MEDIUM, Grade.MEDIUM, Grade.NEEDS_IMPROVEMENT, Grade.NEEDS_IMPROVEMENT);
        assertThat(r.placements().get(0).demoted()).isTrue();
    }

    @Test
    void tiesAreNeverSplitAndTheGradeClosesBehindThem() {
        // 20 people: 2 OUTSTANDING seats; three tied at 97 do not fit → all EXCELLENT, and 96 cannot take OUTSTANDING
        ForcedDistribution.Result r =
                distribute(97, 97, 97, 96, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80);
        Map<String, Grade> g = grades(r);
        assertThat(g.get("e00")).isEqualTo(Grade.EXCELLENT);
        assertThat(g.get("e01")).isEqualTo(Grade.EXCELLENT);
        assertThat(g.get("e02")).isEqualTo(Grade.EXCELLENT);
        assertThat(g.get("e03")).isEqualTo(Grade.MEDIUM);
        // ranks: competition ranking, ties share the rank
        assertThat(r.placements())
                .extracting(ForcedDistribution.Placement::rank)
                .startsWith(1, 1, 1, 4, 5, 5);
        // 16 tied at 80 and MEDIUM has 13 seats, one of which 96 took: they all go to NEEDS_IMPROVEMENT together
        assertThat(g.get("e04")).isEqualTo(Grade.NEEDS_IMPROVEMENT);
        assertThat(g.get("e19")).isEqualTo(Grade.NEEDS_IMPROVEMENT);
    }

    @Test
    void theOrderOfTheInputDoesNotMatter() {
        List<ForcedDistribution.EmployeeTotal> a = List.of(
                new ForcedDistribution.EmployeeTotal("x", 90),
                new ForcedDistribution.EmployeeTotal("y", 96),
                new ForcedDistribution.EmployeeTotal("z", 90));
        List<ForcedDistribution.EmployeeTotal> b = List.of(a.get(2), a.get(0), a.get(1));
        assertThat(ForcedDistribution.distribute(a, GradeScale.G1, Quota.G2))
                .isEqualTo(ForcedDistribution.distribute(b, GradeScale.G1, Quota.G2));
    }

    @Test
    void anEmptyDepartmentHasAnEmptyDistribution() {
        ForcedDistribution.Result r = distribute();
        assertThat(r.placements()).isEmpty();
        assertThat(r.distribution()).allSatisfy(s -> assertThat(s.actual()).isZero());
    }

    @Test
    void badTotalsAreNamed() {
        assertThatThrownBy(() -> distribute(90, -1)).hasMessage("[1].total: must be a number ≥ 0");
        assertThatThrownBy(() -> ForcedDistribution.distribute(
                        List.of(new ForcedDistribution.EmployeeTotal(null, 3)), GradeScale.G1, Quota.G2))
                .hasMessage("[0].employeeId: is required");
        assertThatThrownBy(() -> distribute(90, Double.POSITIVE_INFINITY))
                .hasMessage("[1].total: must be a finite number");
        assertThatThrownBy(() -> distribute(Double.NaN)).hasMessage("[0].total: must be a finite number");
    }

    @Test
    void anEmployeeIsDistributedOnce() {
        List<ForcedDistribution.EmployeeTotal> twice = List.of(
                new ForcedDistribution.EmployeeTotal("a", 90),
                new ForcedDistribution.EmployeeTotal("b", 80),
                new ForcedDistribution.EmployeeTotal("a", 70));
        assertThatThrownBy(() -> ForcedDistribution.distribute(twice, GradeScale.G1, Quota.G2))
                .isInstanceOf(ScoringException.class)
                .hasMessage("[2].employeeId: 'a' is listed twice (also at [0])");
    }
}
