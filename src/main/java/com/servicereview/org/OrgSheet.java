package com.servicereview.org;

import com.servicereview.metrics.RowLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three kinds of rows of an organisation file (docs/org.md): units, people and the R1 group
 * reviewers. Each is a CSV file (multipart part {@link #part}), a sheet of one .xlsx workbook (named
 * as in {@link #sheetNames}) or a member of one JSON document ({@link #part}). Headers may be the
 * English column names or their Chinese names.
 */
enum OrgSheet implements RowLayout {
    UNITS(
            "units",
            List.of("单位", "Units"),
            column("unit_id", true, "单位编号", "单位代码", "unit"),
            column("name_zh", true, "中文名称", "单位名称"),
            column("name_en", true, "英文名称"),
            column("kind", true, "类型", "单位类型"),
            column("parent_id", false, "上级单位", "parent", "parent_unit"),
            column("head_id", true, "负责人", "head")),

    PEOPLE(
            "people",
            List.of("人员", "People"),
            column("employee_id", true, "工号", "员工编号", "employee"),
            column("name_zh", true, "中文姓名", "姓名"),
            column("name_en", true, "英文姓名", "拼音"),
            column("unit_id", false, "单位", "所属单位", "unit"),
            column("job_title", false, "职位", "岗位"),
            column("role", true, "角色"),
            column("supervisor_id", false, "直接上级", "supervisor"),
            column("email", false, "邮箱", "电子邮件"),
            column("phone", false, "电话", "手机"),
            column("active_from", true, "入职日期", "生效日期"),
            column("active_to", false, "离职日期", "截止日期"),
            column("hr_committee", false, "人事决策委员会"),
            column("flags", false, "考核标记", "标记")),

    GROUP_REVIEWERS(
            "groupReviewers",
            List.of("评议人", "GroupReviewers", "Group reviewers", "group_reviewers"),
            column("unit_id", true, "被评单位", "单位", "unit"),
            column("reviewer_id", true, "评议人", "reviewer"));

    private final String part;
    private final List<String> sheetNames;
    private final List<Col> columns;

    OrgSheet(String part, List<String> sheetNames, Col... columns) {
        this.part = part;
        this.sheetNames = sheetNames;
        this.columns = List.of(columns);
    }

    /** The multipart part of a CSV file and the JSON member of this kind. */
    String part() {
        return part;
    }

    List<String> sheetNames() {
        return sheetNames;
    }

    @Override
    public String id() {
        return part;
    }

    @Override
    public List<String> columnNames() {
        return columns.stream().map(Col::name).toList();
    }

    @Override
    public boolean requiredColumn(int index) {
        return columns.get(index).required();
    }

    @Override
    public int columnIndex(String normalisedName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).names().contains(normalisedName)) return i;
        }
        return -1;
    }

    int index(String column) {
        return columnNames().indexOf(column);
    }

    private static Col column(String name, boolean required, String... aliases) {
        List<String> names = new ArrayList<>();
        names.add(name);
        for (String alias : aliases) names.add(alias.toLowerCase(Locale.ROOT).replace(' ', '_'));
        return new Col(name, required, names);
    }

    private record Col(String name, boolean required, List<String> names) {}
}
