package com.servicereview.report;

import com.servicereview.report.CycleReport.BreakdownRow;
import com.servicereview.report.CycleReport.GradeRow;
import com.servicereview.report.CycleReport.IndicatorColumn;
import com.servicereview.report.CycleReport.Line;
import com.servicereview.report.CycleReport.RankRow;
import com.servicereview.report.CycleReport.TrendPoint;
import com.servicereview.scoring.Grade;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link CycleReport} as one self-contained HTML page: no scripts, no external resources,
 * charts as inline SVG, every label in Chinese and English, and print CSS so that the browser's
 * "Print to PDF" gives the archive copy (A4 landscape).
 */
final class ReportHtml {

    private static final String ACTUAL_COLOUR = "#2f6db5";
    private static final String QUOTA_COLOUR = "#c9d3df";
    private static final String LINE_COLOUR = "#2f6db5";

    private ReportHtml() {
    }

    static String render(CycleReport report) {
        CycleReport.Cycle c = report.cycle();
        StringBuilder h = new StringBuilder(16_384);
        head(h, "考核周期报告 " + c.period() + " " + c.unitNameZh() + " / Cycle report " + c.unitNameEn());
        h.append("<header>\n<h1>考核周期报告 <span class=\"en\">Review cycle report</span></h1>\n");
        h.append("<p class=\"subtitle\">").append(esc(c.unitNameZh())).append(" <span class=\"en\">")
                .append(esc(c.unitNameEn())).append("</span> · ").append(esc(c.period())).append(" · ")
                .append(esc(c.schemeNameZh())).append(" <span class=\"en\">").append(esc(c.schemeNameEn()))
                .append("</span></p>\n");
        h.append("<dl class=\"facts\">");
        fact(h, "周期", "Cycle", "<code>" + esc(c.id()) + "</code>");
        fact(h, "状态", "Status", esc(c.status()));
        fact(h, "参评人数", "Assessed", String.valueOf(report.headcount()));
        fact(h, "等级", "Grades", report.headcount() == 0 ? "尚未排名 <span class=\"en\">not ranked yet</span>"
                : report.calibrated() ? "已校准 <span class=\"en\">calibrated (final)</span>"
                : "建议（未校准） <span class=\"en\">proposed, not yet calibrated</span>");
        h.append("</dl>\n");
        String file = CycleReportController.fileName(c.id());
        h.append("<nav class=\"no-print\"><a href=\"/api/cycles/").append(escUrl(c.id())).append("/report.xlsx\" download=\"")
                .append(esc(file)).append(".xlsx\">下载 Excel <span class=\"en\">Download .xlsx</span></a>")
                .append("<a href=\"/api/cycles/").append(escUrl(c.id())).append("/report\">JSON</a>")
                .append("<span class=\"hint\">打印为 PDF 以存档 <span class=\"en\">Print to PDF for the archive copy</span></span></nav>\n");
        h.append("</header>\n");

        distribution(h, report);
        ranking(h, report.ranking());
        breakdown(h, report.indicators(), report.breakdown());
        trend(h, report.trend());
        h.append("<footer>Service Review · ").append(esc(c.id())).append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /** A small bilingual page for refusals. */
    static String message(String title, String text) {
        StringBuilder h = new StringBuilder();
        head(h, title);
        h.append("<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(text)).append("</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void head(StringBuilder h, String title) {
        h.append("""
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>""").append(esc(title)).append("""
                </title>
                <style>
                  :root { --ink: #1f2933; --muted: #616e7c; --rule: #d9e2ec; --head: #f0f4f8; }
                  * { box-sizing: border-box; }
                  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Segoe UI", Arial, sans-serif;
                         color: var(--ink); margin: 24px auto; max-width: 1180px; padding: 0 16px; font-size: 14px; line-height: 1.45; }
                  h1 { font-size: 24px; margin: 0 0 4px; }
                  h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
                  .en { color: var(--muted); font-weight: normal; }
                  h1 .en, h2 .en { font-size: 0.8em; }
                  .subtitle { margin: 0 0 12px; font-size: 15px; }
                  dl.facts { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 0 0 12px; }
                  dl.facts div { display: flex; gap: 6px; }
                  dl.facts dt { color: var(--muted); }
                  dl.facts dd { margin: 0; font-weight: 600; }
                  nav { display: flex; gap: 16px; align-items: baseline; margin: 8px 0; }
                  nav a { background: #2f6db5; color: #fff; padding: 5px 12px; border-radius: 4px; text-decoration: none; }
                  nav a .en { color: #dbe7f5; }
                  nav .hint { color: var(--muted); font-size: 13px; }
                  section { margin-bottom: 8px; }
                  .chart { display: block; width: 100%; max-width: 1100px; height: auto; }
                  table.compact { width: auto; min-width: 60%; }
                  td.who { white-space: nowrap; }
                  table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
                  th, td { border: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
                  th { background: var(--head); font-weight: 600; }
                  th .en { display: block; font-size: 11px; }
                  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
                  tr.overridden td { background: #fff8e6; }
                  .table-wrap { overflow-x: auto; }
                  table.breakdown { font-size: 12px; }
                  table.breakdown th { min-width: 64px; }
                  .grade { white-space: nowrap; }
                  .note { color: var(--muted); font-size: 12px; margin: 4px 0; }
                  .empty { color: var(--muted); font-style: italic; }
                  footer { margin-top: 32px; color: var(--muted); font-size: 11px; border-top: 1px solid var(--rule); padding-top: 6px; }
                  @page { size: A4 landscape; margin: 12mm; }
                  @media print {
                    body { margin: 0; max-width: none; padding: 0; font-size: 11px; }
                    .no-print { display: none !important; }
                    * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
                    h2 { break-after: avoid; page-break-after: avoid; }
                    .chart, tr { break-inside: avoid; page-break-inside: avoid; }
                    thead { display: table-header-group; }
                    .table-wrap { overflow: visible; }
                    table { font-size: 10px; }
                    table.breakdown { font-size: 9px; }
                    th, td { padding: 2px 4px; }
                    th .en { font-size: 9px; }
                    section.trend { break-before: page; page-break-before: always; }
                  }
                </style>
                </head>
                <body>
                """);
    }

    private static void fact(StringBuilder h, String zh, String en, String valueHtml) {
        h.append("<div><dt>").append(zh).append(" <span class=\"en\">").append(en).append("</span></dt><dd>")
                .append(valueHtml).append("</dd></div>");
    }

    // ---- distribution ----------------------------------------------------------------------

    private static void distribution(StringBuilder h, CycleReport report) {
        h.append("<section class=\"distribution\">\n<h2>等级分布 <span class=\"en\">Grade distribution — actual vs quota (G2)</span></h2>\n");
        distributionChart(h, report.distribution());
        h.append("<table class=\"compact\">\n<thead><tr>");
        th(h, "等级", "Grade", false);
        th(h, "配额", "Quota %", true);
        th(h, "名额", "Seats", true);
        th(h, "人数", "Count", true);
        th(h, "实际占比", "Actual %", true);
        h.append("</tr></thead>\n<tbody>\n");
        for (GradeRow row : report.distribution()) {
            h.append("<tr><td class=\"grade\">").append(gradeLabel(row.grade())).append("</td>")
                    .append(num(fmt(row.quotaPercent(), 0) + "%"))
                    .append(num(row.seats() == null ? "不设上限 <span class=\"en\">not capped</span>" : String.valueOf(row.seats())))
                    .append(num(String.valueOf(row.count())))
                    .append(num(fmt(row.actualPercent(), 1) + "%")).append("</tr>\n");
        }
        h.append("<tr><th>合计 <span class=\"en\">Total</span></th><td></td><td></td>")
                .append(num("<strong>" + report.headcount() + "</strong>")).append(num(report.headcount() == 0 ? "–" : "100%"))
                .append("</tr>\n</tbody>\n</table>\n");
        h.append("<p class=\"note\">前三个等级的配额是上限（名额 = 向下取整(配额 × 人数)），后两个等级是参考目标。"
                + " <span class=\"en\">The top three quotas are upper bounds (seats = floor(quota × headcount)); the bottom two are targets.</span></p>\n");
        h.append("</section>\n");
    }

    private static void distributionChart(StringBuilder h, List<GradeRow> rows) {
        int width = 1100, height = 300, left = 56, right = 16, top = 36, bottom = 58;
        double plotW = width - left - right, plotH = height - top - bottom;
        double max = 10;
        for (GradeRow r : rows) max = Math.max(max, Math.max(r.actualPercent(), r.quotaPercent()));
        max = Math.ceil(max / 10.0) * 10;
        h.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"inherit\" font-size=\"12\">\n")
                .append("<title>等级分布：实际与配额 / Grade distribution: actual vs quota</title>\n");
        yGrid(h, left, top, plotW, plotH, 0, max, niceStep(max), "%");
        double band = plotW / rows.size(), barW = Math.min(38, band * 0.3);
        for (int i = 0; i < rows.size(); i++) {
            GradeRow r = rows.get(i);
            double cx = left + band * i + band / 2;
            bar(h, cx - barW - 2, barW, top, plotH, r.quotaPercent() / max, QUOTA_COLOUR, fmt(r.quotaPercent(), 0) + "%",
                    "配额 Quota " + r.grade().labelEn());
            bar(h, cx + 2, barW, top, plotH, r.actualPercent() / max, ACTUAL_COLOUR,
                    fmt(r.actualPercent(), 1) + "% (" + r.count() + ")", "实际 Actual " + r.grade().labelEn());
            text(h, cx, top + plotH + 18, "middle", "#1f2933", r.labelZh());
            text(h, cx, top + plotH + 34, "middle", "#616e7c", r.labelEn());
        }
        legend(h, left, 14, new String[]{"配额 Quota", "实际 Actual"}, new String[]{QUOTA_COLOUR, ACTUAL_COLOUR}, false);
        h.append("</svg>\n");
    }

    private static void bar(StringBuilder h, double x, double w, double top, double plotH, double share, String colour,
                            String label, String title) {
        double barH = Math.max(0, share) * plotH, y = top + plotH - barH;
        h.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w))
                .append("\" height=\"").append(f(barH)).append("\" fill=\"").append(colour).append("\"><title>")
                .append(esc(title)).append(": ").append(esc(label)).append("</title></rect>\n");
        value(h, x + w / 2, y - 4, label);
    }

    // ---- ranking and breakdown ---------------------------------------------------------------

    private static void ranking(StringBuilder h, List<RankRow> rows) {
        h.append("<section class=\"ranking\">\n<h2>排名 <span class=\"en\">Ranking</span></h2>\n");
        if (rows.isEmpty()) {
            h.append("<p class=\"empty\">尚无建议等级（评审未全部归档）。 No proposed grades yet (reviews not all archived).</p>\n</section>\n");
            return;
        }
        h.append("<table>\n<thead><tr>");
        th(h, "名次", "Rank", true);
        th(h, "员工", "Employee", false);
        th(h, "总分", "Total", true);
        th(h, "自然等级", "Natural grade", false);
        th(h, "建议等级", "Proposed grade", false);
        th(h, "最终等级", "Grade", false);
        th(h, "调整", "Overridden", false);
        h.append("</tr></thead>\n<tbody>\n");
        for (RankRow r : rows) {
            h.append(r.overridden() ? "<tr class=\"overridden\">" : "<tr>")
                    .append(num(String.valueOf(r.rank())))
                    .append("<td class=\"who\">").append(employee(r.employee())).append("</td>")
                    .append(num(fmt(r.total(), 2)))
                    .append("<td class=\"grade\">").append(gradeLabel(r.naturalGrade())).append("</td>")
                    .append("<td class=\"grade\">").append(gradeLabel(r.proposedGrade())).append("</td>")
                    .append("<td class=\"grade\"><strong>").append(gradeLabel(r.grade())).append("</strong></td><td>")
                    .append(r.overridden() ? "是 <span class=\"en\">Yes</span>" + (r.overrideReason() == null ? ""
                            : "：" + esc(r.overrideReason())) : "–")
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void breakdown(StringBuilder h, List<IndicatorColumn> columns, List<BreakdownRow> rows) {
        h.append("<section class=\"breakdown\">\n<h2>指标明细 <span class=\"en\">Per-indicator breakdown (points / maximum)</span></h2>\n");
        if (rows.isEmpty()) {
            h.append("<p class=\"empty\">尚无评分。 No scores yet.</p>\n</section>\n");
            return;
        }
        h.append("<div class=\"table-wrap\"><table class=\"breakdown\">\n<thead><tr>");
        th(h, "员工", "Employee", false);
        for (IndicatorColumn c : columns) {
            h.append("<th class=\"num\" title=\"").append(esc(c.indicatorId())).append("\">").append(esc(c.nameZh()))
                    .append("<span class=\"en\">").append(esc(c.nameEn())).append(" (").append(fmt(c.maxPoints(), 0))
                    .append(")</span></th>");
        }
        th(h, "总分", "Total", true);
        th(h, "评分等级", "Score grade", false);
        h.append("</tr></thead>\n<tbody>\n");
        for (BreakdownRow r : rows) {
            Map<String, Line> byId = new HashMap<>();
            for (Line l : r.lines()) byId.put(l.indicatorId(), l);
            h.append("<tr><td class=\"who\">").append(employee(r.employee())).append("</td>");
            for (IndicatorColumn c : columns) {
                Line l = byId.get(c.indicatorId());
                if (l == null) {
                    h.append("<td class=\"num\">–</td>");
                } else {
                    h.append("<td class=\"num\"");
                    if (l.rule() != null) h.append(" title=\"").append(esc(l.rule())).append('"');
                    h.append('>').append(fmt(l.points(), 2)).append("</td>");
                }
            }
            h.append(num("<strong>" + fmt(r.total(), 2) + "</strong>")).append("<td class=\"grade\">")
                    .append(gradeLabel(r.grade())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n<p class=\"note\">每位员工最新评分版本的明细（申诉改分后为新版本）；括号内为满分。"
                + " <span class=\"en\">From each employee's latest score version (an upheld appeal adds one); maximum points in "
                        + "brackets.</span></p>\n</section>\n");
    }

    // ---- trend -------------------------------------------------------------------------------

    private static void trend(StringBuilder h, CycleReport.TrendWindow trend) {
        h.append("<section class=\"trend\">\n<h2>近12期趋势 <span class=\"en\">Trend over the last 12 periods (")
                .append(esc(trend.from())).append(" – ").append(esc(trend.to())).append(")</span></h2>\n");
        trendChart(h, trend);
        h.append("<table class=\"compact\">\n<thead><tr>");
        th(h, "期间", "Period", false);
        th(h, "评审数", "Reviews", true);
        th(h, "平均分", "Average total", true);
        for (Grade g : Grade.values()) th(h, g.labelZh() + "（校准后）", g.labelEn() + " (after calibration)", true);
        h.append("</tr></thead>\n<tbody>\n");
        if (trend.periods().isEmpty()) {
            h.append("<tr><td colspan=\"").append(3 + Grade.values().length)
                    .append("\" class=\"empty\">暂无数据 No scored reviews in these periods</td></tr>\n");
        }
        for (TrendPoint p : trend.periods()) {
            h.append("<tr><td>").append(esc(p.period())).append("</td>").append(num(String.valueOf(p.reviews())))
                    .append(num(fmt(p.averageTotal(), 2)));
            for (Grade g : Grade.values()) h.append(num(String.valueOf(p.grades().getOrDefault(g, 0))));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"note\">本单位（含下属小组）现有员工、本方案的已评分评审；红点为本周期。"
                + " <span class=\"en\">Scored reviews of this scheme for the employees now in the unit (and its teams); the red point is "
                        + "this cycle.</span></p>\n</section>\n");
    }

    private static void trendChart(StringBuilder h, CycleReport.TrendWindow trend) {
        int width = 1100, height = 280, left = 56, right = 16, top = 36, bottom = 50;
        double plotW = width - left - right, plotH = height - top - bottom;
        YearMonth from = YearMonth.parse(trend.from());
        int months = CycleReportService.TREND_MONTHS;
        double min = 100, max = 0;
        for (TrendPoint p : trend.periods()) {
            min = Math.min(min, p.averageTotal());
            max = Math.max(max, p.averageTotal());
        }
        double lo = trend.periods().isEmpty() ? 0 : Math.max(0, Math.floor((min - 5) / 10) * 10);
        double hi = trend.periods().isEmpty() ? 100 : Math.ceil((max + 5) / 10) * 10;
        h.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"inherit\" font-size=\"12\">\n")
                .append("<title>近12期平均分 / Average total over the last 12 periods</title>\n");
        yGrid(h, left, top, plotW, plotH, lo, hi, niceStep(hi - lo), "");
        double step = plotW / months;
        for (int i = 0; i < months; i++) {
            YearMonth m = from.plusMonths(i);
            double x = left + step * i + step / 2;
            text(h, x, top + plotH + 18, "middle", "#616e7c", m.toString().substring(2), 11);
        }
        legend(h, left, 14, new String[]{"平均分 Average total"}, new String[]{LINE_COLOUR}, true);
        if (trend.periods().isEmpty()) {
            text(h, left + plotW / 2, top + plotH / 2, "middle", "#616e7c", "暂无数据 / No data", 14);
            h.append("</svg>\n");
            return;
        }
        StringBuilder points = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (TrendPoint p : trend.periods()) {
            int index = (int) java.time.temporal.ChronoUnit.MONTHS.between(from, YearMonth.parse(p.period()));
            double x = left + step * index + step / 2;
            double y = top + plotH - (p.averageTotal() - lo) / (hi - lo) * plotH;
            points.append(f(x)).append(',').append(f(y)).append(' ');
            marks.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"4\" fill=\"")
                    .append(p.period().equals(trend.to()) ? "#d64545" : LINE_COLOUR).append("\"><title>").append(p.period())
                    .append(": ").append(fmt(p.averageTotal(), 2)).append(" (").append(p.reviews()).append(")</title></circle>\n");
            value(marks, x, y - 10, fmt(p.averageTotal(), 2));
        }
        h.append("<polyline fill=\"none\" stroke=\"").append(LINE_COLOUR).append("\" stroke-width=\"2\" points=\"")
                .append(points.toString().trim()).append("\"/>\n").append(marks);
        h.append("</svg>\n");
    }

    // ---- small helpers -----------------------------------------------------------------------

    private static void yGrid(StringBuilder h, double left, double top, double plotW, double plotH, double lo, double hi,
                              double step, String unit) {
        for (double v = lo; v <= hi + 1e-9; v += step) {
            double y = top + plotH - (v - lo) / (hi - lo) * plotH;
            h.append("<line x1=\"").append(f(left)).append("\" x2=\"").append(f(left + plotW)).append("\" y1=\"").append(f(y))
                    .append("\" y2=\"").append(f(y)).append("\" stroke=\"").append(v == lo ? "#9aa5b1" : "#e4e7eb").append("\"/>\n");
            text(h, left - 6, y + 4, "end", "#616e7c", fmt(v, 0) + unit, 11);
        }
    }

    /** Grid steps for a span that is a multiple of ten: 5, 10 or 20. */
    private static double niceStep(double span) {
        return span <= 30 ? 5 : span <= 60 ? 10 : 20;
    }

    private static void legend(StringBuilder h, double x, double y, String[] labels, String[] colours, boolean line) {
        for (int i = 0; i < labels.length; i++) {
            double lx = x + i * 150;
            if (line) {
                h.append("<line x1=\"").append(f(lx)).append("\" x2=\"").append(f(lx + 18)).append("\" y1=\"").append(f(y - 4))
                        .append("\" y2=\"").append(f(y - 4)).append("\" stroke=\"").append(colours[i]).append("\" stroke-width=\"2\"/>\n");
            } else {
                h.append("<rect x=\"").append(f(lx)).append("\" y=\"").append(f(y - 10)).append("\" width=\"12\" height=\"12\" fill=\"")
                        .append(colours[i]).append("\"/>\n");
            }
            text(h, lx + 24, y, "start", "#1f2933", labels[i], 12);
        }
    }

    private static void text(StringBuilder h, double x, double y, String anchor, String colour, String text) {
        text(h, x, y, anchor, colour, text, 12);
    }

    private static void text(StringBuilder h, double x, double y, String anchor, String colour, String text, int size) {
        h.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"").append(colour).append("\" font-size=\"").append(size).append("\">").append(esc(text))
                .append("</text>\n");
    }

    /** A figure on a chart, with a white halo so that it stays legible over lines and grid. */
    private static void value(StringBuilder h, double x, double y, String text) {
        h.append("<text class=\"value\" x=\"").append(f(x)).append("\" y=\"").append(f(y))
                .append("\" text-anchor=\"middle\" fill=\"#1f2933\" font-size=\"11\" stroke=\"#fff\" stroke-width=\"3\"")
                .append(" paint-order=\"stroke\">").append(esc(text)).append("</text>\n");
    }

    private static void th(StringBuilder h, String zh, String en, boolean numeric) {
        h.append(numeric ? "<th class=\"num\">" : "<th>").append(esc(zh)).append("<span class=\"en\">").append(esc(en))
                .append("</span></th>");
    }

    private static String num(String html) {
        return "<td class=\"num\">" + html + "</td>";
    }

    private static String employee(CycleReport.Employee e) {
        return esc(e.nameZh()) + " <span class=\"en\">" + esc(e.nameEn()) + "</span>";
    }

    private static String gradeLabel(Grade g) {
        return g == null ? "–" : esc(g.labelZh()) + " <span class=\"en\">" + esc(g.labelEn()) + "</span>";
    }

    static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String f(double value) {
        return fmt(value, 1);
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** Cycle ids hold letters, digits, '-', ':' and '.'; anything else is percent-encoded. */
    private static String escUrl(String s) {
        return esc(java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("%3A", ":"));
    }
}
