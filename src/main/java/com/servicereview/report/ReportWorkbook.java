package com.servicereview.report;

import com.servicereview.report.CycleReport.BreakdownRow;
import com.servicereview.report.CycleReport.GradeRow;
import com.servicereview.report.CycleReport.IndicatorColumn;
import com.servicereview.report.CycleReport.Line;
import com.servicereview.report.CycleReport.RankRow;
import com.servicereview.report.CycleReport.TrendPoint;
import com.servicereview.scoring.Grade;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The cycle report as an .xlsx workbook: sheets 分布 Distribution, 排名 Ranking, 明细 Breakdown and
 * 趋势 Trend. Row 1 names the cycle, row 2 is blank, row 3 holds the bilingual headers ("中文 English"),
 * the data starts in row 4; every figure is a numeric cell (percentages as numbers of percent).
 */
final class ReportWorkbook {

    static final String DISTRIBUTION = "分布 Distribution";
    static final String RANKING = "排名 Ranking";
    static final String BREAKDOWN = "明细 Breakdown";
    static final String TREND = "趋势 Trend";
    /** Zero-based index of the header row; data rows follow it. */
    static final int HEADER_ROW = 2;

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final CellStyle header;
    private final CellStyle title;
    private final CellStyle twoDecimals;
    private final CellStyle oneDecimal;

    private ReportWorkbook() {
        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setWrapText(true);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 13);
        title = workbook.createCellStyle();
        title.setFont(big);
        twoDecimals = workbook.createCellStyle();
        twoDecimals.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
        oneDecimal = workbook.createCellStyle();
        oneDecimal.setDataFormat(workbook.createDataFormat().getFormat("0.0"));
    }

    static byte[] write(CycleReport report) {
        ReportWorkbook book = new ReportWorkbook();
        try (XSSFWorkbook wb = book.workbook;
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.distribution(report);
            book.ranking(report);
            book.breakdown(report);
            book.trend(report);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Sheet sheet(String name, CycleReport report, String what, List<String> headers) {
        Sheet sheet = workbook.createSheet(name);
        CycleReport.Cycle c = report.cycle();
        Cell cell = sheet.createRow(0).createCell(0);
        cell.setCellValue(what + " · " + c.unitNameZh() + " " + c.unitNameEn() + " · " + c.period() + " · "
                + c.schemeNameZh() + " " + c.schemeNameEn() + " · " + c.id());
        cell.setCellStyle(title);
        Row row = sheet.createRow(HEADER_ROW);
        for (int i = 0; i < headers.size(); i++) {
            Cell h = row.createCell(i);
            h.setCellValue(headers.get(i));
            h.setCellStyle(header);
            sheet.setColumnWidth(i, Math.max(12, Math.min(40, headers.get(i).length() + 4)) * 256);
        }
        sheet.createFreezePane(0, HEADER_ROW + 1);
        return sheet;
    }

    private void distribution(CycleReport report) {
        Sheet sheet = sheet(
                DISTRIBUTION,
                report,
                "等级分布 Grade distribution",
                List.of("等级 Grade", "等级 Grade (中文)", "配额% Quota %", "名额 Seats", "人数 Count", "实际% Actual %"));
        int r = HEADER_ROW + 1;
        for (GradeRow g : report.distribution()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(g.labelEn());
            row.createCell(1).setCellValue(g.labelZh());
            number(row, 2, g.quotaPercent(), oneDecimal);
            if (g.seats() == null) row.createCell(3).setCellValue("不设上限 not capped");
            else number(row, 3, g.seats(), null);
            number(row, 4, g.count(), null);
            number(row, 5, g.actualPercent(), oneDecimal);
        }
        Row total = sheet.createRow(r);
        total.createCell(0).setCellValue("合计 Total");
        number(total, 4, report.headcount(), null);
        sheet.setColumnWidth(0, 22 * 256);
    }

    private void ranking(CycleReport report) {
        Sheet sheet = sheet(
                RANKING,
                report,
                "排名 Ranking",
                List.of(
                        "名次 Rank",
                        "员工编号 Employee id",
                        "姓名 Name",
                        "Name",
                        "总分 Total",
                        "自然等级 Natural grade",
                        "建议等级 Proposed grade",
                        "最终等级 Grade",
                        "调整 Overridden",
                        "调整理由 Override reason"));
        int r = HEADER_ROW + 1;
        for (RankRow rank : report.ranking()) {
            Row row = sheet.createRow(r++);
            number(row, 0, rank.rank(), null);
            row.createCell(1).setCellValue(rank.employee().id());
            row.createCell(2).setCellValue(rank.employee().nameZh());
            row.createCell(3).setCellValue(rank.employee().nameEn());
            number(row, 4, rank.total(), twoDecimals);
            row.createCell(5).setCellValue(label(rank.naturalGrade()));
            row.createCell(6).setCellValue(label(rank.proposedGrade()));
            row.createCell(7).setCellValue(label(rank.grade()));
            row.createCell(8).setCellValue(rank.overridden() ? "是 Yes" : "否 No");
            if (rank.overrideReason() != null) row.createCell(9).setCellValue(rank.overrideReason());
        }
        sheet.setColumnWidth(9, 40 * 256);
    }

    private void breakdown(CycleReport report) {
        List<IndicatorColumn> columns = report.indicators();
        List<String> headers = new ArrayList<>(List.of("员工编号 Employee id", "姓名 Name", "Name"));
        for (IndicatorColumn c : columns) {
            headers.add(c.nameZh() + " " + c.nameEn() + " (" + String.format(Locale.ROOT, "%.0f", c.maxPoints()) + ")");
        }
        headers.addAll(List.of("总分 Total", "评分等级 Score grade", "评分版本 Score version"));
        Sheet sheet = sheet(BREAKDOWN, report, "指标明细 Per-indicator breakdown", headers);
        int r = HEADER_ROW + 1;
        for (BreakdownRow b : report.breakdown()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(b.employee().id());
            row.createCell(1).setCellValue(b.employee().nameZh());
            row.createCell(2).setCellValue(b.employee().nameEn());
            for (int i = 0; i < columns.size(); i++) {
                Line l = b.line(columns.get(i).indicatorId());
                if (l != null) number(row, 3 + i, l.points(), twoDecimals);
            }
            int next = 3 + columns.size();
            number(row, next, b.total(), twoDecimals);
            row.createCell(next + 1).setCellValue(label(b.grade()));
            number(row, next + 2, b.scoreVersion(), null);
        }
        sheet.getRow(HEADER_ROW).setHeightInPoints(48);
    }

    private void trend(CycleReport report) {
        List<String> headers = new ArrayList<>(List.of("期间 Period", "评审数 Reviews", "平均分 Average total"));
        for (Grade g : Grade.values()) headers.add(g.labelZh() + " " + g.labelEn());
        Sheet sheet = sheet(
                TREND,
                report,
                "近12期趋势 Trend " + report.trend().from() + " – " + report.trend().to(),
                headers);
        int r = HEADER_ROW + 1;
        for (TrendPoint p : report.trend().periods()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(p.period());
            number(row, 1, p.reviews(), null);
            number(row, 2, p.averageTotal(), twoDecimals);
            int i = 3;
            for (Grade g : Grade.values()) number(row, i++, p.grades().getOrDefault(g, 0), null);
        }
    }

    private static void number(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) cell.setCellStyle(style);
    }

    private static String label(Grade g) {
        return g == null ? "" : g.labelZh() + " " + g.labelEn();
    }
}
