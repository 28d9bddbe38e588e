package com.servicereview.report;

import com.servicereview.report.CycleReport.GradeRow;
import com.servicereview.report.CycleReport.TrendPoint;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of the report page's two charts, as the page embeds them (JSON) for ECharts: series ready to
 * draw, category labels in the page's language. The tables under the charts show the same figures.
 *
 * @param distribution the grades, best first: quota against actual share
 * @param trend        all twelve months of the trend window, null where a month has no scored review
 */
record ReportCharts(Distribution distribution, Trend trend) {

    /**
     * @param grades        grade codes ({@code OUTSTANDING} …)
     * @param labels        the grades' names in the page's language
     * @param quotaPercent  the scheme's G2 share per grade
     * @param actualPercent the share of the cycle's people with the grade
     * @param count         the number of those people
     */
    record Distribution(
            List<String> grades,
            List<String> labels,
            List<Double> quotaPercent,
            List<Double> actualPercent,
            List<Integer> count) {}

    /**
     * @param periods      the twelve months, oldest first
     * @param averageTotal the month's average total, or null
     * @param reviews      the month's number of scored reviews, 0 where there are none
     * @param current      the cycle's own month (the last one), marked on the chart
     */
    record Trend(List<String> periods, List<Double> averageTotal, List<Integer> reviews, String current) {}

    static ReportCharts of(CycleReport report, boolean english) {
        List<String> grades = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> quota = new ArrayList<>();
        List<Double> actual = new ArrayList<>();
        List<Integer> count = new ArrayList<>();
        for (GradeRow row : report.distribution()) {
            grades.add(row.grade().name());
            labels.add(english ? row.labelEn() : row.labelZh());
            quota.add(row.quotaPercent());
            actual.add(row.actualPercent());
            count.add(row.count());
        }

        Map<String, TrendPoint> byPeriod = new HashMap<>();
        for (TrendPoint p : report.trend().periods()) byPeriod.put(p.period(), p);
        List<String> periods = new ArrayList<>();
        List<Double> average = new ArrayList<>();
        List<Integer> reviews = new ArrayList<>();
        YearMonth from = YearMonth.parse(report.trend().from());
        for (int i = 0; i < CycleReportService.TREND_MONTHS; i++) {
            String period = from.plusMonths(i).toString();
            TrendPoint point = byPeriod.get(period);
            periods.add(period);
            average.add(point == null ? null : point.averageTotal());
            reviews.add(point == null ? 0 : point.reviews());
        }
        return new ReportCharts(
                new Distribution(grades, labels, quota, actual, count),
                new Trend(periods, average, reviews, report.trend().to()));
    }
}
