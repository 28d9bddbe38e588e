package com.servicereview.pay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The payroll files: one row per employee, the pay lines as columns, the total (M3) among them. */
final class PayExport {

    static final List<String> FIXED_HEADERS =
            List.of("工号 Employee ID", "姓名 Name (zh)", "Name (en)", "排名 Rank", "等级 Grade");
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private PayExport() {}

    static List<String> headers() {
        List<String> headers = new ArrayList<>(FIXED_HEADERS);
        for (PayLineKind kind : PayLineKind.values()) headers.add(kind.header());
        return headers;
    }

    /** UTF-8 with a byte-order mark (Excel in China then reads it as UTF-8), CRLF, RFC 4180 quoting. */
    static byte[] csv(PayService.CyclePay pay) {
        StringBuilder out = new StringBuilder();
        line(out, headers());
        for (PayService.EmployeePay e : pay.employees()) {
            List<String> cells = new ArrayList<>(List.of(
                    e.employeeId(),
                    e.nameZh(),
                    e.nameEn(),
                    String.valueOf(e.rank()),
                    e.grade() == null ? "" : e.grade()));
            for (PayLineKind kind : PayLineKind.values()) {
                PayService.Line l = e.lines().get(kind);
                cells.add(l == null ? "" : l.amount().toPlainString());
            }
            line(out, cells);
        }
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            String c = cells.get(i);
            out.append(c.matches(".*[\",\r\n].*") || c.startsWith("=") ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        out.append("\r\n");
    }

    /** Sheet 工资 Pay (numbers as numeric cells, format 0.00) and sheet 公式 Formulas (every line with its arithmetic). */
    static byte[] xlsx(PayService.CyclePay pay) {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.createDataFormat().getFormat("0.00"));
            Sheet sheet = book.createSheet("工资 Pay");
            Row header = sheet.createRow(0);
            List<String> headers = headers();
            for (int i = 0; i < headers.size(); i++) header.createCell(i).setCellValue(headers.get(i));
            int r = 1;
            for (PayService.EmployeePay e : pay.employees()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(e.employeeId());
                row.createCell(1).setCellValue(e.nameZh());
                row.createCell(2).setCellValue(e.nameEn());
                row.createCell(3).setCellValue(e.rank());
                row.createCell(4).setCellValue(e.grade() == null ? "" : e.grade());
                int c = FIXED_HEADERS.size();
                for (PayLineKind kind : PayLineKind.values()) {
                    PayService.Line l = e.lines().get(kind);
                    Cell cell = row.createCell(c++);
                    if (l != null) {
                        cell.setCellValue(l.amount().doubleValue());
                        cell.setCellStyle(money);
                    }
                }
            }
            sheet.createFreezePane(2, 1);
            for (int i = 0; i < headers.size(); i++) sheet.setColumnWidth(i, 18 * 256);
            Sheet formulas = sheet.getWorkbook().createSheet("公式 Formulas");
            Row fh = formulas.createRow(0);
            String[] fHeaders = {"工号 Employee ID", "项目 Line", "金额 Amount", "计算 Formula"};
            for (int i = 0; i < fHeaders.length; i++) fh.createCell(i).setCellValue(fHeaders[i]);
            int fr = 1;
            for (PayService.EmployeePay e : pay.employees()) {
                for (PayService.Line l : e.lines().values()) {
                    Row row = formulas.createRow(fr++);
                    row.createCell(0).setCellValue(e.employeeId());
                    row.createCell(1).setCellValue(l.kind().header());
                    Cell amount = row.createCell(2);
                    amount.setCellValue(l.amount().doubleValue());
                    amount.setCellStyle(money);
                    row.createCell(3).setCellValue(l.formula());
                }
            }
            formulas.setColumnWidth(1, 30 * 256);
            formulas.setColumnWidth(3, 100 * 256);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
