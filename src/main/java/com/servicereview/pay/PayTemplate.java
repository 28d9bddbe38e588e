package com.servicereview.pay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The pay-input template of a unit and month (docs/pay.md): sheet 人员 People with a row per active person of the unit and
 * the units below it, sheet 单位 Units with a row per unit, both pre-filled with what is stored for the month and with empty
 * input cells otherwise, and sheet 说明 Notes explaining every column. Its headers are what the upload reads back.
 */
@Component
class PayTemplate {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PayScope scope;

    PayTemplate(PayScope scope) {
        this.scope = scope;
    }

    byte[] workbook(String period, String unitId) {
        PayService.checkPeriod(period);
        PayScope.Tree tree = scope.tree(unitId);
        Map<String, PayScope.Unit> units = tree.unitsById();
        Map<String, PayScope.StoredPerson> storedPeople = scope.storedPeople(period);
        Map<String, PayScope.StoredUnit> storedUnits = scope.storedUnits(period);
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(book);

            Sheet people = sheet(book, PaySheet.PEOPLE, styles);
            int r = 1;
            for (PayScope.Person p : tree.activePeople()) {
                Row row = people.createRow(r++);
                text(row, 0, p.id(), styles.text);
                text(row, 1, p.nameZh(), styles.text);
                PayScope.Unit unit = units.get(p.unitId());
                text(row, 2, unit.id() + " " + unit.nameZh(), styles.text);
                PayScope.StoredPerson stored = storedPeople.get(p.id());
                amount(row, 3, stored == null ? null : stored.postSalary(), styles.input);
                amount(row, 4, stored == null ? null : stored.ownSales(), styles.input);
                amount(row, 5, stored == null ? null : stored.seniorityPay(), styles.input);
            }

            Sheet unitSheet = sheet(book, PaySheet.UNITS, styles);
            r = 1;
            for (PayScope.Unit u : tree.activeUnits()) {
                Row row = unitSheet.createRow(r++);
                text(row, 0, u.id(), styles.text);
                text(row, 1, u.nameZh() + " " + u.nameEn(), styles.text);
                PayScope.StoredUnit stored = storedUnits.get(u.id());
                amount(row, 2, stored == null ? null : stored.teamBonusPool(), styles.input);
                amount(row, 3, stored == null ? null : stored.teamSales(), styles.input);
                amount(row, 4, stored == null ? null : stored.publicSales(), styles.input);
                amount(row, 5, stored == null ? null : stored.bonusPool(), styles.input);
            }

            notes(book, period, units.get(unitId), styles);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sheet with its bilingual header, frozen; the input columns shaded so that people see what to fill in. */
    private static Sheet sheet(XSSFWorkbook book, PaySheet kind, Styles styles) {
        Sheet sheet = book.createSheet(kind.sheetName());
        Row header = sheet.createRow(0);
        for (int i = 0; i < kind.columns().size(); i++) {
            PaySheet.Col column = kind.column(i);
            text(header, i, column.label(), column.amount() ? styles.inputHeader : styles.header);
            sheet.setColumnWidth(i, (column.amount() ? 20 : 22) * 256);
            // Cells below the rows written keep the column's style too: ids typed there stay text, amounts show 0.00.
            sheet.setDefaultColumnStyle(i, column.amount() ? styles.input : styles.text);
        }
        sheet.createFreezePane(2, 1);
        return sheet;
    }

    private static void notes(XSSFWorkbook book, String period, PayScope.Unit unit, Styles styles) {
        Sheet notes = book.createSheet(PaySheet.NOTES);
        int r = 0;
        r = line(notes, r, styles.header, "工资数据模板 Pay inputs template");
        r = line(notes, r, null, "月份 Month", period);
        r = line(notes, r, null, "单位 Unit", unit.id() + " " + unit.nameZh() + " " + unit.nameEn());
        r = line(
                notes,
                r,
                null,
                "生成时间 Generated",
                OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).format(STAMP) + " (UTC+8)");
        r++;
        r = line(notes, r, styles.header, "工作表 Sheet", "列 Column", "必填 Required", "说明", "Meaning");
        for (PaySheet kind : PaySheet.values()) {
            for (PaySheet.Col column : kind.columns()) {
                r = line(
                        notes,
                        r,
                        null,
                        kind.sheetName(),
                        column.label(),
                        column.requiredInHeader() ? "是 yes" : "否 no",
                        column.noteZh(),
                        column.noteEn());
            }
        }
        r++;
        r = line(notes, r, styles.header, "规则", "Rules");
        for (String[] rule : RULES) r = line(notes, r, null, rule[0], rule[1]);
        notes.setColumnWidth(0, 30 * 256);
        notes.setColumnWidth(1, 28 * 256);
        notes.setColumnWidth(2, 14 * 256);
        notes.setColumnWidth(3, 44 * 256);
        notes.setColumnWidth(4, 48 * 256);
    }

    private static final List<String[]> RULES = List.of(
            new String[] {
                "金额以元为单位：不小于 0，最多两位小数，小于 10¹²。", "Amounts in yuan: 0 or more, at most two decimals, below 10¹²."
            },
            new String[] {
                "一行的金额列全空则跳过该行，已存的数据不变。", "A row whose amounts are all empty is skipped; what is stored for it stays."
            },
            new String[] {"一行只要填了金额，必填的金额就都要填。", "A row with any amount needs all of its required amounts."},
            new String[] {
                "只能填写本单位及其下级单位的在职人员和单位，每人、每个单位只出现一次。",
                "Only active people and units of this unit and the units below it, each at most once."
            },
            new String[] {
                "上传时整份文件一起检查：有任何错误则什么都不保存，并列出每个错误的工作表、行、列、值和原因。",
                "The whole file is checked on upload: on any error nothing is stored, and every error is listed with its"
                        + " sheet, row, column, value and reason."
            },
            new String[] {
                "上传：HR 控制台“工资”页，或 POST /api/pay/inputs/{月份}?unit={单位}（multipart，字段 file）。",
                "Upload: the HR console's Pay page, or POST /api/pay/inputs/{month}?unit={unit} (multipart, part file)."
            });

    private static int line(Sheet sheet, int r, CellStyle style, String... values) {
        Row row = sheet.createRow(r);
        for (int i = 0; i < values.length; i++) text(row, i, values[i], style);
        return r + 1;
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) cell.setCellStyle(style);
    }

    private static void amount(Row row, int column, BigDecimal value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null) cell.setCellValue(value.doubleValue());
        cell.setCellStyle(style);
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle inputHeader;
        final CellStyle text;
        final CellStyle input;

        Styles(XSSFWorkbook book) {
            Font bold = book.createFont();
            bold.setBold(true);
            header = book.createCellStyle();
            header.setFont(bold);
            inputHeader = book.createCellStyle();
            inputHeader.setFont(bold);
            shade(inputHeader);
            text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            input = book.createCellStyle();
            input.setDataFormat(book.createDataFormat().getFormat("0.00"));
            shade(input);
        }

        private static void shade(CellStyle style) {
            style.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }
    }
}
