package com.servicereview.pay;

import com.servicereview.metrics.CsvRowSource;
import com.servicereview.metrics.ImportError;
import com.servicereview.metrics.ImportErrors;
import com.servicereview.metrics.ImportFormat;
import com.servicereview.metrics.RowSource;
import com.servicereview.metrics.XlsxRowSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reads and checks an uploaded pay-input file of one unit and month (docs/pay.md): the template's workbook (sheets 人员 People
 * and 单位 Units), or the people as a CSV file and the units as another. Rows are read with the imports' row sources; every
 * fault is collected with its file, sheet, row, column, value and reason ("中文 / English"), and the inputs are handed on
 * only when there is none, so that an upload is stored whole or not at all.
 */
@Component
class PayUpload {

    /** How many errors an answer lists (all are counted). */
    static final int ERROR_LIMIT = 200;

    static final BigDecimal MAX_AMOUNT = PayService.MAX_AMOUNT;

    /** An uploaded file: the multipart part it came in ({@code file} or {@code units}), its name as sent, and our copy. */
    record File(String part, String name, Path path) {}

    /** A row as read, its values in {@link PaySheet} column order. */
    private record Line(String file, String sheet, long number, String[] values) {}

    /** The checked inputs and how many rows were skipped (nothing filled in), or the errors. */
    record Outcome(PayService.Inputs inputs, int skipped, ImportErrors errors) {}

    private final PayScope scope;

    PayUpload(PayScope scope) {
        this.scope = scope;
    }

    Outcome read(String unitId, List<File> files) throws IOException {
        PayScope.Tree tree = scope.tree(unitId);
        ImportErrors errors = new ImportErrors(files.get(0).name(), ERROR_LIMIT);
        Map<PaySheet, List<Line>> lines = new EnumMap<>(PaySheet.class);
        for (File file : files) readFile(file, lines, errors);
        Checker checker = new Checker(scope, tree, errors);
        List<PayService.EmployeeInput> employees = checker.people(lines.getOrDefault(PaySheet.PEOPLE, List.of()));
        List<PayService.UnitInput> units = checker.units(lines.getOrDefault(PaySheet.UNITS, List.of()));
        if (errors.isEmpty() && employees.isEmpty() && units.isEmpty())
            errors.add(0, null, null, "没有填写任何金额，没有可保存的数据 / no amounts are filled in: nothing to store");
        return new Outcome(new PayService.Inputs(units, employees), checker.skipped, errors);
    }

    private void readFile(File file, Map<PaySheet, List<Line>> lines, ImportErrors errors) throws IOException {
        ImportErrors fileErrors = errors.in(file.name(), null);
        Optional<ImportFormat> format = ImportFormat.sniff(file.path());
        if (format.isEmpty()) {
            fileErrors.add(
                    0,
                    null,
                    null,
                    "是旧版 Excel 97-2003（.xls）文件，请另存为 .xlsx / is a legacy Excel 97-2003 (.xls) workbook; save it as .xlsx");
            return;
        }
        boolean unitsPart = file.part().equals(PayController.UNITS_PART);
        if (format.get() == ImportFormat.CSV) {
            PaySheet kind = unitsPart ? PaySheet.UNITS : PaySheet.PEOPLE;
            collect(
                    new CsvRowSource(file.path(), kind),
                    file.name(),
                    null,
                    lines.computeIfAbsent(kind, k -> new ArrayList<>()),
                    errors);
            return;
        }
        if (unitsPart) {
            collect(
                    new XlsxRowSource(file.path(), PaySheet.UNITS, List.of()),
                    file.name(),
                    null,
                    lines.computeIfAbsent(PaySheet.UNITS, k -> new ArrayList<>()),
                    errors);
            return;
        }
        List<String> sheets = XlsxRowSource.sheetNames(file.path());
        if (sheets.isEmpty()) {
            // Reading it says what is wrong (damaged, truncated).
            collect(
                    new XlsxRowSource(file.path(), PaySheet.PEOPLE, List.of()),
                    file.name(),
                    null,
                    new ArrayList<>(),
                    errors);
            return;
        }
        boolean any = false;
        for (PaySheet kind : PaySheet.values()) {
            Optional<String> sheet = sheets.stream()
                    .filter(name ->
                            kind.sheetNames().stream().anyMatch(wanted -> wanted.equalsIgnoreCase(name.strip())))
                    .findFirst();
            if (sheet.isEmpty()) continue;
            any = true;
            collect(
                    new XlsxRowSource(file.path(), kind, List.of(sheet.get())),
                    file.name(),
                    sheet.get(),
                    lines.computeIfAbsent(kind, k -> new ArrayList<>()),
                    errors);
        }
        if (!any)
            fileErrors.add(
                    0,
                    null,
                    null,
                    "没有名为“人员 People”或“单位 Units”的工作表（工作表：" + String.join("、", sheets)
                            + "）/ has no sheet named 人员 People or 单位 Units (sheets: " + String.join(", ", sheets)
                            + ")");
    }

    /** Reads one source; its faults (already in Chinese and English) go to {@code errors}. */
    private static void collect(RowSource source, String file, String sheet, List<Line> into, ImportErrors errors)
            throws IOException {
        ImportErrors read = new ImportErrors(file, ERROR_LIMIT);
        source.read((number, values) -> into.add(new Line(file, sheet, number, values)), read.in(file, sheet));
        for (ImportError e : read.shown()) {
            // A sheet left empty is no fault: the other sheet may hold the inputs.
            if (sheet != null
                    && e.row() == 0
                    && (e.reason().equals(RowSource.EMPTY_FILE) || e.reason().equals(RowSource.NO_DATA_ROWS))) continue;
            errors.in(e.file(), e.sheet()).add(e.row(), e.column(), e.value(), e.reason());
        }
    }

    /** The checks of the rows against the unit's tree; every fault goes to {@code errors}. */
    private static final class Checker {

        private final PayScope scope;
        private final PayScope.Tree tree;
        private final Map<String, PayScope.Person> people;
        private final Map<String, PayScope.Unit> units;
        private final ImportErrors errors;
        private int skipped;

        Checker(PayScope scope, PayScope.Tree tree, ImportErrors errors) {
            this.scope = scope;
            this.tree = tree;
            this.people = tree.peopleById();
            this.units = tree.unitsById();
            this.errors = errors;
        }

        List<PayService.EmployeeInput> people(List<Line> lines) {
            PaySheet kind = PaySheet.PEOPLE;
            Set<String> elsewhereIds = new LinkedHashSet<>();
            for (Line line : lines) {
                String id = value(line, kind, "employee_id");
                if (id != null && !people.containsKey(id)) elsewhereIds.add(id);
            }
            Map<String, String> elsewhere = scope.unitsOfEmployees(elsewhereIds);
            Map<String, Long> firstRow = new HashMap<>();
            List<PayService.EmployeeInput> inputs = new ArrayList<>();
            for (Line line : lines) {
                String id = value(line, kind, "employee_id");
                boolean ok = true;
                if (id == null) {
                    error(line, kind, "employee_id", null, "工号必填 / the employee id is required");
                    ok = false;
                } else if (!people.containsKey(id)) {
                    error(
                            line,
                            kind,
                            "employee_id",
                            id,
                            elsewhere.containsKey(id)
                                    ? "不属于单位 " + tree.unitId() + " 及其下级单位（所属单位：" + elsewhere.get(id)
                                            + "）/ is not in unit " + tree.unitId() + " or a unit below it (unit: "
                                            + elsewhere.get(id) + ")"
                                    : "未知员工 / unknown employee");
                    ok = false;
                } else if (!people.get(id).active()) {
                    error(line, kind, "employee_id", id, "已停用（离职）的员工 / is no longer active (has left)");
                    ok = false;
                } else if (firstRow.containsKey(id)) {
                    error(
                            line,
                            kind,
                            "employee_id",
                            id,
                            "重复：第 " + firstRow.get(id) + " 行已有此工号 / listed twice: already in row " + firstRow.get(id));
                    ok = false;
                } else {
                    firstRow.put(id, line.number());
                    String name = value(line, kind, "name");
                    PayScope.Person person = people.get(id);
                    if (name != null
                            && !name.equals(person.nameZh())
                            && !name.equalsIgnoreCase(person.nameEn())
                            && !name.equalsIgnoreCase(person.nameZh() + " " + person.nameEn())) {
                        error(
                                line,
                                kind,
                                "name",
                                name,
                                "与工号不符：" + id + " 是 " + person.nameZh() + " / does not match the employee id: " + id
                                        + " is " + person.nameEn());
                        ok = false;
                    }
                }
                Amounts amounts = new Amounts(line, kind, "post_salary", "own_sales", "seniority_pay");
                if (amounts.empty()) {
                    if (ok) skipped++;
                    continue;
                }
                BigDecimal post = amounts.get("post_salary", true);
                BigDecimal own = amounts.get("own_sales", true);
                BigDecimal seniority = amounts.get("seniority_pay", false);
                if (ok && amounts.ok) inputs.add(new PayService.EmployeeInput(id, post, own, seniority));
            }
            return inputs;
        }

        List<PayService.UnitInput> units(List<Line> lines) {
            PaySheet kind = PaySheet.UNITS;
            Set<String> outside = new LinkedHashSet<>();
            for (Line line : lines) {
                String id = value(line, kind, "unit_id");
                if (id != null && !units.containsKey(id)) outside.add(id);
            }
            List<String> existing = scope.existingUnits(outside);
            Map<String, Long> firstRow = new HashMap<>();
            List<PayService.UnitInput> inputs = new ArrayList<>();
            for (Line line : lines) {
                String id = value(line, kind, "unit_id");
                boolean ok = true;
                if (id == null) {
                    error(line, kind, "unit_id", null, "单位编号必填 / the unit id is required");
                    ok = false;
                } else if (!units.containsKey(id)) {
                    error(
                            line,
                            kind,
                            "unit_id",
                            id,
                            existing.contains(id)
                                    ? "不是单位 " + tree.unitId() + " 或其下级单位 / is not unit " + tree.unitId()
                                            + " or a unit below it"
                                    : "未知单位 / unknown unit");
                    ok = false;
                } else if (!units.get(id).active()) {
                    error(line, kind, "unit_id", id, "已撤销的单位 / the unit is no longer active");
                    ok = false;
                } else if (firstRow.containsKey(id)) {
                    error(
                            line,
                            kind,
                            "unit_id",
                            id,
                            "重复：第 " + firstRow.get(id) + " 行已有此单位 / listed twice: already in row " + firstRow.get(id));
                    ok = false;
                } else {
                    firstRow.put(id, line.number());
                }
                Amounts amounts =
                        new Amounts(line, kind, "team_bonus_pool", "team_sales", "public_sales", "bonus_pool");
                if (amounts.empty()) {
                    if (ok) skipped++;
                    continue;
                }
                BigDecimal pool = amounts.get("team_bonus_pool", true);
                BigDecimal sales = amounts.get("team_sales", true);
                BigDecimal publicSales = amounts.get("public_sales", true);
                BigDecimal bonus = amounts.get("bonus_pool", true);
                if (ok && amounts.ok) inputs.add(new PayService.UnitInput(id, pool, sales, publicSales, bonus));
            }
            return inputs;
        }

        private void error(Line line, PaySheet kind, String column, String value, String reason) {
            errors.in(line.file(), line.sheet())
                    .add(line.number(), kind.column(kind.index(column)).label(), value, reason);
        }

        /** The amounts of one row, parsed as they are asked for; {@code ok} turns false at the first bad one. */
        private final class Amounts {
            private final Line line;
            private final PaySheet kind;
            private final List<String> columns;
            private boolean ok = true;

            Amounts(Line line, PaySheet kind, String... columns) {
                this.line = line;
                this.kind = kind;
                this.columns = List.of(columns);
            }

            boolean empty() {
                return columns.stream().allMatch(c -> value(line, kind, c) == null);
            }

            BigDecimal get(String column, boolean required) {
                String text = value(line, kind, column);
                String reason = null;
                BigDecimal amount = null;
                if (text == null) {
                    if (required) reason = "必填（此行已填了其他金额）/ is required (the row has other amounts)";
                } else {
                    try {
                        amount = new BigDecimal(text);
                    } catch (NumberFormatException e) {
                        reason = "不是数字（元，例如 5000.00）/ is not a number (yuan, e.g. 5000.00)";
                    }
                    if (amount != null) {
                        if (amount.signum() < 0) reason = "不能为负数 / must not be negative";
                        else if (amount.stripTrailingZeros().scale() > 2)
                            reason = "最多两位小数 / has more than two decimals";
                        else if (amount.compareTo(MAX_AMOUNT) >= 0)
                            reason = "须小于 1000000000000 元 / must be below 1000000000000 yuan";
                    }
                }
                if (reason != null) {
                    error(line, kind, column, text, reason);
                    ok = false;
                    return null;
                }
                return amount;
            }
        }

        private static String value(Line line, PaySheet kind, String column) {
            return line.values()[kind.index(column)];
        }
    }
}
