package com.servicereview.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * G2: grades a department against its quota. The rule, deterministic and documented in docs/scoring.md:
 * <ol>
 *   <li>Each person's natural grade is G1 on their total.</li>
 *   <li>People are ranked by total, highest first; equal totals share a rank (1, 2, 2, 4) and are
 *       listed by employee id, which affects nothing but the order.</li>
 *   <li>The top three grades have seats = floor(quota% × headcount), so a quota is never exceeded;
 *       in a team of 9, 10% is 0 seats for OUTSTANDING. The bottom two grades are not capped.</li>
 *   <li>Going down the ranking, a group of equal totals takes the best grade at or below its
 *       natural grade that still has a seat for every member of the group. Ties are never split:
 *       if a group does not fit, all of it moves down, and that grade is closed for everyone after,
 *       so a higher total never ends with a lower grade than a lower total.</li>
 * </ol>
 */
public final class ForcedDistribution {

    private ForcedDistribution() {}

    public record EmployeeTotal(String employeeId, double total) {}

    public record Placement(String employeeId, double total, int rank, Grade naturalGrade, Grade grade) {
        public boolean demoted() {
            return grade != naturalGrade;
        }
    }

    /** Per grade: the target share, the seats it allowed, how many G1 would have given, how many got it. */
    public record Share(
            Grade grade, double targetPercent, Integer seats, int natural, int actual, double actualPercent) {}

    public record Result(List<Placement> placements, List<Share> distribution) {}

    public static Result distribute(List<EmployeeTotal> totals, GradeScale scale, Quota quota) {
        int n = totals.size();
        EmployeeTotal[] sorted = totals.toArray(new EmployeeTotal[0]);
        Map<String, Integer> positions = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            EmployeeTotal t = sorted[i];
            if (t == null || t.employeeId() == null)
                throw new ScoringException("[" + i + "].employeeId", "is required");
            if (!Double.isFinite(t.total())) throw new ScoringException("[" + i + "].total", "must be a finite number");
            if (t.total() < 0) throw new ScoringException("[" + i + "].total", "must be a number ≥ 0");
            // One person placed twice would take two seats of the quota.
            Integer first = positions.putIfAbsent(t.employeeId(), i);
            if (first != null)
                throw new ScoringException(
                        "[" + i + "].employeeId", "'" + t.employeeId() + "' is listed twice (also at [" + first + "])");
        }
        Arrays.sort(sorted, (a, b) -> {
            int c = Double.compare(b.total(), a.total());
            return c != 0 ? c : a.employeeId().compareTo(b.employeeId());
        });

        Map<Grade, Integer> free = new EnumMap<>(Grade.class);
        for (Grade g : Grade.values()) free.put(g, quota.seats(g, n));
        Map<Grade, Integer> natural = new EnumMap<>(Grade.class);
        Map<Grade, Integer> actual = new EnumMap<>(Grade.class);
        List<Placement> placements = new ArrayList<>(n);
        Grade ceiling = Grade.OUTSTANDING;
        int i = 0;
        while (i < n) {
            int end = i;
            while (end < n && sorted[end].total() == sorted[i].total()) end++;
            int size = end - i;
            Grade naturalGrade = scale.gradeOf(sorted[i].total());
            Grade grade = naturalGrade.ordinal() < ceiling.ordinal() ? ceiling : naturalGrade;
            while (free.get(grade) < size) {
                grade = grade.lower();
                ceiling = grade;
            }
            if (Quota.capped(grade)) free.put(grade, free.get(grade) - size);
            for (int k = i; k < end; k++) {
                placements.add(new Placement(sorted[k].employeeId(), sorted[k].total(), i + 1, naturalGrade, grade));
            }
            natural.merge(naturalGrade, size, Integer::sum);
            actual.merge(grade, size, Integer::sum);
            i = end;
        }
        List<Share> shares = new ArrayList<>();
        for (Grade g : Grade.values()) {
            int count = actual.getOrDefault(g, 0);
            shares.add(new Share(
                    g,
                    quota.percent().get(g),
                    Quota.capped(g) ? quota.seats(g, n) : null,
                    natural.getOrDefault(g, 0),
                    count,
                    n == 0 ? 0 : Scorer.round2(100.0 * count / n)));
        }
        return new Result(placements, shares);
    }
}
