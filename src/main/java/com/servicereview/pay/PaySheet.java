package com.servicereview.pay;

import com.servicereview.metrics.RowLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two sheets of a pay-input workbook (docs/pay.md, "Template and upload"): people and units. The template writes each
 * column's {@link Col#label} ("岗位工资 Post salary") as its header; an upload may also name a column by its Chinese or
 * English half, by its column name or by its JSON field (postSalary), so a re-imported template and a hand-made file both
 * map. The people sheet alone may come as a CSV file too.
 */
enum PaySheet implements RowLayout {
    PEOPLE(
            "人员 People",
            List.of("人员 People", "人员", "People"),
            new Col(
                    "employee_id",
                    "employeeId",
                    "工号",
                    "Employee ID",
                    true,
                    false,
                    "必填；系统中的员工编号（登录名）",
                    "required; the employee id (login)"),
            new Col(
                    "name",
                    null,
                    "姓名",
                    "Name",
                    false,
                    false,
                    "核对用：须与工号对应的中文或英文姓名一致",
                    "a check: must be the id's Chinese or English name"),
            new Col("unit", null, "所属单位", "Unit", false, false, "仅供参考，导入时忽略", "for reference, ignored on upload"),
            new Col("post_salary", "postSalary", "岗位工资", "Post salary", true, true, "岗位工资（元）", "post salary (yuan)"),
            new Col(
                    "own_sales",
                    "ownSales",
                    "个人销售额",
                    "Own sales",
                    true,
                    true,
                    "个人销售额（元），M1 个人提成",
                    "own sales (yuan), M1 personal commission"),
            new Col(
                    "seniority_pay",
                    "seniorityPay",
                    "工龄工资",
                    "Seniority pay",
                    false,
                    true,
                    "工龄工资（元）；可空，空为 0",
                    "seniority pay (yuan); may be empty, then 0")),

    UNITS(
            "单位 Units",
            List.of("单位 Units", "单位", "Units"),
            new Col(
                    "unit_id",
                    "unitId",
                    "单位编号",
                    "Unit ID",
                    true,
                    false,
                    "必填；本单位或其下级单位的编号",
                    "required; the unit or a unit below it"),
            new Col(
                    "unit_name",
                    null,
                    "单位名称",
                    "Unit name",
                    false,
                    false,
                    "仅供参考，导入时忽略",
                    "for reference, ignored on upload"),
            new Col(
                    "team_bonus_pool",
                    "teamBonusPool",
                    "团队总奖金",
                    "Team bonus pool",
                    true,
                    true,
                    "团队总奖金（元），M1",
                    "team bonus pool (yuan), M1"),
            new Col(
                    "team_sales",
                    "teamSales",
                    "团队销售额",
                    "Team sales",
                    true,
                    true,
                    "团队销售额（元），M1",
                    "team sales (yuan), M1"),
            new Col(
                    "public_sales",
                    "publicSales",
                    "公共销售业绩总额",
                    "Public sales",
                    true,
                    true,
                    "公共销售业绩总额（元），M2",
                    "public sales (yuan), M2"),
            new Col(
                    "bonus_pool",
                    "bonusPool",
                    "奖金池",
                    "Bonus pool",
                    true,
                    true,
                    "奖金池（元），M4 按 5:2:3 分配",
                    "bonus pool (yuan), M4 split 5:2:3"));

    /** The notes sheet of the template (never read back). */
    static final String NOTES = "说明 Notes";

    private final String sheetName;
    private final List<String> sheetNames;
    private final List<Col> columns;

    PaySheet(String sheetName, List<String> sheetNames, Col... columns) {
        this.sheetName = sheetName;
        this.sheetNames = sheetNames;
        this.columns = List.of(columns);
    }

    /** One column: its name, its JSON field (null when not an input), its header halves, whether the header must have it and
     * whether it holds an amount in yuan, and what it means (for the notes sheet). */
    record Col(
            String name,
            String jsonField,
            String zh,
            String en,
            boolean requiredInHeader,
            boolean amount,
            String noteZh,
            String noteEn) {

        /** The template's header: "岗位工资 Post salary". */
        String label() {
            return zh + " " + en;
        }

        /** Every header name that stands for this column, normalised as the row sources do (lower case, spaces → _). */
        List<String> headerNames() {
            List<String> names = new ArrayList<>(List.of(name, normalise(label()), normalise(zh), normalise(en)));
            if (jsonField != null) names.add(normalise(jsonField));
            return names;
        }
    }

    /** The template's sheet name. */
    String sheetName() {
        return sheetName;
    }

    /** The names an uploaded workbook's sheet may have. */
    List<String> sheetNames() {
        return sheetNames;
    }

    List<Col> columns() {
        return columns;
    }

    Col column(int index) {
        return columns.get(index);
    }

    int index(String column) {
        return columnNames().indexOf(column);
    }

    @Override
    public String id() {
        return sheetName;
    }

    @Override
    public List<String> columnNames() {
        return columns.stream().map(Col::name).toList();
    }

    @Override
    public boolean requiredColumn(int index) {
        return columns.get(index).requiredInHeader();
    }

    @Override
    public int columnIndex(String normalisedName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).headerNames().contains(normalisedName)) return i;
        }
        return -1;
    }

    /** As {@code metrics.HeaderMapping} normalises a header cell. */
    static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
    }
}
