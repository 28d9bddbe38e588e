package com.servicereview.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.report.CycleReport.BreakdownRow;
import com.servicereview.report.CycleReport.Employee;
import com.servicereview.report.CycleReport.GradeRow;
import com.servicereview.report.CycleReport.IndicatorColumn;
import com.servicereview.report.CycleReport.Line;
import com.servicereview.report.CycleReport.RankRow;
import com.servicereview.report.CycleReport.TrendPoint;
import com.servicereview.report.CycleReport.TrendWindow;
import com.servicereview.schemes.SchemeRegistry;
import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Quota;
import com.servicereview.scoring.Scheme;
import com.servicereview.web.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a cycle's report from our tables (read-only): {@code cycle}, {@code cycle_member},
 * {@code calibration}, {@code review}, {@code score} and {@code employee}.
 */
@Service
public class CycleReportService {

    /** The trend covers this many months, ending with the cycle's own period. */
    static final int TREND_MONTHS = 12;

    private final JdbcClient jdbc;
    private final SchemeRegistry schemes;
    private final ObjectMapper json;

    public CycleReportService(JdbcClient jdbc, SchemeRegistry schemes, ObjectMapper json) {
        this.jdbc = jdbc;
        this.schemes = schemes;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public CycleReport report(String cycleId) {
        CycleReport.Cycle cycle = cycle(cycleId);
        Optional<Scheme> scheme = schemes.versionFor(cycle.schemeId(), cycle.period(), cycleId);
        Quota quota = scheme.map(Scheme::quota).orElse(Quota.G2);
        List<RankRow> ranking = ranking(cycleId);
        boolean calibrated = !ranking.isEmpty()
                && jdbc.sql("select count(*) from review.calibration where cycle_id = ? and final_grade is null")
                                .param(cycleId)
                                .query(Integer.class)
                                .single()
                        == 0;
        List<BreakdownRow> breakdown = breakdown(cycleId);
        return new CycleReport(
                cycle,
                ranking.size(),
                calibrated,
                distribution(ranking, quota),
                ranking,
                columns(breakdown),
                breakdown,
                trend(cycle));
    }

    private CycleReport.Cycle cycle(String cycleId) {
        return jdbc.sql("""
                        select c.id, c.unit_id, u.name_zh, u.name_en, c.period, c.scheme_id, c.status
                          from review.cycle c join review.org_unit u on u.id = c.unit_id
                         where c.id = ?""")
                .param(cycleId)
                .query((rs, n) -> {
                    Optional<Scheme> scheme = schemes.versionFor(rs.getString(6), rs.getString(5), rs.getString(1));
                    return new CycleReport.Cycle(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            scheme.map(Scheme::nameZh).orElse(rs.getString(6)),
                            scheme.map(Scheme::nameEn).orElse(rs.getString(6)),
                            rs.getString(7));
                })
                .optional()
                .orElseThrow(() -> new NotFoundException("cycleId", "unknown cycle '" + cycleId + "'"));
    }

    private List<RankRow> ranking(String cycleId) {
        return jdbc.sql("""
                        select c.rank, c.employee_id, e.name_zh, e.name_en, c.total, c.natural_grade, c.proposed_grade,
                               c.final_grade, c.override_reason
                          from review.calibration c join review.employee e on e.id = c.employee_id
                         where c.cycle_id = ? order by c.rank, c.employee_id""")
                .param(cycleId)
                .query((rs, n) -> {
                    Grade proposed = Grade.valueOf(rs.getString(7));
                    String finalGrade = rs.getString(8);
                    Grade grade = finalGrade == null ? proposed : Grade.valueOf(finalGrade);
                    return new RankRow(
                            rs.getInt(1),
                            new Employee(rs.getString(2), rs.getString(3), rs.getString(4)),
                            rs.getDouble(5),
                            Grade.valueOf(rs.getString(6)),
                            proposed,
                            grade,
                            grade != proposed,
                            rs.getString(9));
                })
                .list();
    }

    static List<GradeRow> distribution(List<RankRow> ranking, Quota quota) {
        int headcount = ranking.size();
        Map<Grade, Integer> counts = new EnumMap<>(Grade.class);
        for (RankRow row : ranking) counts.merge(row.grade(), 1, Integer::sum);
        List<GradeRow> rows = new ArrayList<>();
        for (Grade grade : Grade.values()) {
            int count = counts.getOrDefault(grade, 0);
            Integer seats = Quota.capped(grade) ? quota.seats(grade, headcount) : null;
            double percent = headcount == 0 ? 0 : round(100.0 * count / headcount, 1);
            rows.add(new GradeRow(
                    grade,
                    grade.labelZh(),
                    grade.labelEn(),
                    quota.percent().getOrDefault(grade, 0.0),
                    seats,
                    count,
                    percent));
        }
        return rows;
    }

    /** The latest score version of every assessed member's review, in ranking order. */
    private List<BreakdownRow> breakdown(String cycleId) {
        return jdbc.sql("""
                        select e.id, e.name_zh, e.name_en, s.review_id, s.version, s.total, s.grade, s.result::text
                          from review.cycle_member m
                          join review.employee e on e.id = m.employee_id
                          join lateral (select * from review.score s where s.review_id = m.review_id
                                         order by s.version desc limit 1) s on true
                          left join review.calibration c on c.cycle_id = m.cycle_id and c.employee_id = m.employee_id
                         where m.cycle_id = ? and m.eligible
                         order by c.rank nulls last, s.total desc, e.id""")
                .param(cycleId)
                .query((rs, n) -> new BreakdownRow(
                        new Employee(rs.getString(1), rs.getString(2), rs.getString(3)),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getDouble(6),
                        Grade.valueOf(rs.getString(7)),
                        lines(rs.getString(8))))
                .list();
    }

    private List<Line> lines(String result) {
        try {
            List<Line> lines = new ArrayList<>();
            for (JsonNode line : json.readTree(result).path("breakdown")) {
                JsonNode input = line.path("input");
                lines.add(new Line(
                        line.path("indicatorId").asText(),
                        line.path("nameZh").asText(),
                        line.path("nameEn").asText(),
                        line.path("points").asDouble(),
                        line.path("maxPoints").asDouble(),
                        line.path("rule").isNull() || line.path("rule").isMissingNode()
                                ? null
                                : line.path("rule").asText(),
                        input.isNumber() ? input.asDouble() : null));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<IndicatorColumn> columns(List<BreakdownRow> breakdown) {
        Map<String, IndicatorColumn> columns = new LinkedHashMap<>();
        for (BreakdownRow row : breakdown) {
            for (Line line : row.lines()) {
                columns.putIfAbsent(
                        line.indicatorId(),
                        new IndicatorColumn(line.indicatorId(), line.nameZh(), line.nameEn(), line.maxPoints()));
            }
        }
        return List.copyOf(columns.values());
    }

    /**
     * Scored reviews ({@code final_total} set) of the cycle's scheme, for the employees now in the
     * cycle's unit or any unit below it, over the twelve months ending with the cycle's period.
     */
    private TrendWindow trend(CycleReport.Cycle cycle) {
        YearMonth to = YearMonth.parse(cycle.period());
        String from = to.minusMonths(TREND_MONTHS - 1).toString();
        Map<String, TrendPoint> points = new LinkedHashMap<>();
        jdbc.sql("""
                        with recursive units(id) as (
                            select id from review.org_unit where id = :unit
                            union all
                            select u.id from review.org_unit u join units on u.parent_id = units.id),
                        -- the grade after calibration (HR's final, else the proposal), as in the ranking; the
                        -- review's own score grade only where no cycle calibrated it
                        graded as (
                            select r.period, r.final_total,
                                   coalesce((select coalesce(c.final_grade, c.proposed_grade)
                                               from review.cycle_member m
                                               join review.calibration c on c.cycle_id = m.cycle_id and c.employee_id = m.employee_id
                                              where m.review_id = r.id
                                              order by c.decided_at desc nulls last limit 1), r.final_grade) as grade
                              from review.review r join review.employee e on e.id = r.employee_id
                             where e.org_unit_id in (select id from units)
                               and r.scheme_id = :scheme and r.period between :from and :to and r.final_total is not null)
                        select period, grouping(grade) = 1 as whole_period, count(*), round(avg(final_total), 2), grade
                          from graded
                         group by grouping sets ((period), (period, grade))
                         order by period, grouping(grade) desc, grade""")
                .param("unit", cycle.unitId())
                .param("scheme", cycle.schemeId())
                .param("from", from)
                .param("to", cycle.period())
                .query(rs -> {
                    String period = rs.getString(1);
                    String grade = rs.getString(5);
                    if (rs.getBoolean(2)) {
                        Map<Grade, Integer> grades = new EnumMap<>(Grade.class);
                        for (Grade g : Grade.values()) grades.put(g, 0);
                        points.put(
                                period,
                                new TrendPoint(
                                        period,
                                        rs.getInt(3),
                                        rs.getBigDecimal(4).doubleValue(),
                                        grades));
                    } else if (grade != null) {
                        points.get(period).grades().put(Grade.valueOf(grade), rs.getInt(3));
                    }
                });
        return new TrendWindow(from, cycle.period(), List.copyOf(points.values()));
    }

    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value)
                .setScale(decimals, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
