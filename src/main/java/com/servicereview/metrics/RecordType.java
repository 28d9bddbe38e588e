package com.servicereview.metrics;

import static com.servicereview.metrics.Column.choice;
import static com.servicereview.metrics.Column.optional;
import static com.servicereview.metrics.Column.required;
import static com.servicereview.metrics.ColumnType.AMOUNT;
import static com.servicereview.metrics.ColumnType.BOOLEAN;
import static com.servicereview.metrics.ColumnType.COUNT;
import static com.servicereview.metrics.ColumnType.DATE;
import static com.servicereview.metrics.ColumnType.EMPLOYEE;
import static com.servicereview.metrics.ColumnType.PERIOD;
import static com.servicereview.metrics.ColumnType.POINTS;
import static com.servicereview.metrics.ColumnType.TEXT;
import static com.servicereview.metrics.ColumnType.TIMESTAMP;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The raw record types an import accepts ({@code POST /api/imports/{recordType}}): their columns
 * (the header names of a file, the keys of a JSON object), their natural key and the column that
 * places a record in a period. The tables are in V3__metrics.sql; docs/metrics.md documents them.
 */
enum RecordType implements RowLayout {
    TICKETS(
            "tickets",
            "ticket",
            "opened_at",
            List.of("ticket_id"),
            List.of(
                    required("ticket_id", TEXT),
                    required("employee_id", EMPLOYEE),
                    choice("channel", false, "other", "phone", "chat", "email", "web", "other"),
                    optional("after_sales", BOOLEAN, "false"),
                    required("opened_at", TIMESTAMP),
                    optional("first_response_at", TIMESTAMP, null),
                    optional("resolved_at", TIMESTAMP, null),
                    optional("contacts", COUNT, "1"),
                    optional("reopened", COUNT, "0"),
                    optional("escalated", BOOLEAN, "false")),
            vocabulary -> List.of(
                    new Check(
                            "first_response_at",
                            "{first_response_at} < {opened_at}",
                            "'早于 opened_at / is before opened_at'"),
                    new Check("resolved_at", "{resolved_at} < {opened_at}", "'早于 opened_at / is before opened_at'"),
                    new Check("contacts", "{contacts} = 0", "'至少为 1 / must be at least 1'"))),

    SESSIONS(
            "sessions",
            "service_session",
            "started_at",
            List.of("session_id"),
            List.of(
                    required("session_id", TEXT),
                    required("employee_id", EMPLOYEE),
                    choice("channel", true, null, "chat", "call"),
                    choice("direction", false, "in", "in", "out"),
                    required("started_at", TIMESTAMP),
                    choice("outcome", true, null, "answered", "abandoned", "transferred"),
                    optional("first_response_seconds", AMOUNT, null),
                    optional("inquiry", BOOLEAN, "false"),
                    optional("ordered", BOOLEAN, "false"),
                    optional("paid", BOOLEAN, "false"),
                    optional("amount", AMOUNT, "0")),
            vocabulary -> List.of(
                    new Check(
                            "first_response_seconds",
                            "{outcome} in ('answered', 'transferred') and p.first_response_seconds is null",
                            "'会话已接听或转接时必填 / is required when the session was answered or transferred'"),
                    new Check(
                            "first_response_seconds",
                            "{outcome} = 'abandoned' and p.first_response_seconds is not null",
                            "'放弃的会话必须留空 / must be empty for an abandoned session'"),
                    new Check(
                            "paid",
                            "{paid} and not coalesce({ordered}, false)",
                            "'为“是”，但 ordered 不是 / is yes but ordered is not'"),
                    new Check(
                            "amount",
                            "{amount} > 0 and not coalesce({paid}, false)",
                            "'大于 0，但 paid 不是“是” / is above 0 but paid is not yes'"))),

    SURVEYS(
            "surveys",
            "survey",
            "surveyed_at",
            List.of("survey_id"),
            List.of(
                    required("survey_id", TEXT),
                    required("employee_id", EMPLOYEE),
                    required("surveyed_at", TIMESTAMP),
                    required("score", AMOUNT),
                    optional("scale", AMOUNT, "5")),
            vocabulary -> List.of(
                    new Check("scale", "{scale} = 0", "'必须大于 0 / must be above 0'"),
                    new Check(
                            "score",
                            "{score} > coalesce({scale}, 5)",
                            "'超过满分（' || coalesce({scale}, 5) || '） / is above the scale (' || coalesce({scale}, 5) || ')'"))),

    REVISITS(
            "revisits",
            "revisit",
            "revisited_at",
            List.of("revisit_id"),
            List.of(
                    required("revisit_id", TEXT),
                    required("employee_id", EMPLOYEE),
                    required("revisited_at", TIMESTAMP),
                    optional("authentic", BOOLEAN, null)),
            vocabulary -> List.of()),

    COMPLAINTS(
            "complaints",
            "complaint",
            "received_at",
            List.of("complaint_id"),
            List.of(
                    required("complaint_id", TEXT),
                    required("employee_id", EMPLOYEE),
                    required("received_at", TIMESTAMP),
                    optional("ticket_id", TEXT, null)),
            vocabulary -> List.of()),

    SPOT_CHECKS(
            "spot-checks",
            "spot_check",
            "checked_at",
            List.of("check_id"),
            List.of(
                    required("check_id", TEXT),
                    required("employee_id", EMPLOYEE),
                    required("checked_at", TIMESTAMP),
                    choice("result", true, null, "pass", "fail")),
            vocabulary -> List.of()),

    REPORTS(
            "reports",
            "report_submission",
            "submitted_at",
            List.of("report_id"),
            List.of(
                    required("report_id", TEXT),
                    required("employee_id", EMPLOYEE),
                    required("submitted_at", TIMESTAMP),
                    required("truthful", BOOLEAN)),
            vocabulary -> List.of()),

    EVENTS(
            "events",
            "service_event",
            "occurred_at",
            List.of("event_id"),
            List.of(
                    required("event_id", TEXT),
                    required("employee_id", EMPLOYEE),
                    required("occurred_at", TIMESTAMP),
                    required("event_type", TEXT),
                    optional("points", POINTS, null)),
            RecordType::eventChecks),

    ATTENDANCE(
            "attendance",
            "attendance",
            "work_date",
            List.of("employee_id", "work_date"),
            List.of(
                    required("employee_id", EMPLOYEE),
                    required("work_date", DATE),
                    choice("status", true, null, "present", "leave", "absent")),
            vocabulary -> List.of()),

    KPI_INPUTS(
            "kpi-inputs",
            "kpi_input",
            "period",
            List.of("employee_id", "period", "input_key"),
            List.of(
                    required("employee_id", EMPLOYEE),
                    required("period", PERIOD),
                    required("input_key", TEXT),
                    required("value", AMOUNT)),
            RecordType::inputChecks);

    private final String id;
    private final String table;
    private final String periodColumn;
    private final List<String> key;
    private final List<Column> columns;
    private final Function<SchemeVocabulary, List<Check>> checks;

    RecordType(
            String id,
            String table,
            String periodColumn,
            List<String> key,
            List<Column> columns,
            Function<SchemeVocabulary, List<Check>> checks) {
        this.id = id;
        this.table = table;
        this.periodColumn = periodColumn;
        this.key = key;
        this.columns = columns;
        this.checks = checks;
    }

    static Optional<RecordType> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    static String knownIds() {
        return Arrays.stream(values()).map(RecordType::id).collect(Collectors.joining(", "));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    @Override
    public boolean requiredColumn(int index) {
        return columns.get(index).required();
    }

    /** Whether {@code column} is the record's one-column text id, stored with collation "C" (V24). */
    boolean hasByteOrderedKey(Column column) {
        return key.size() == 1 && key.get(0).equals(column.name()) && column.type() == TEXT;
    }

    /** The table in schema review. */
    String table() {
        return "review." + table;
    }

    List<Column> columns() {
        return columns;
    }

    List<String> key() {
        return key;
    }

    Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** The column that places a record in a period. */
    String periodColumn() {
        return periodColumn;
    }

    /** SQL: the period (YYYY-MM) of a stored row of this type, row alias {@code alias}. */
    String periodOf(String alias) {
        return periodOfMonth(monthOf(alias));
    }

    /**
     * SQL: the month of a stored row, row alias {@code alias}, as a value that groups cheaply (date_trunc rather than
     * to_char on a million rows); {@link #periodOfMonth} spells it.
     */
    String monthOf(String alias) {
        return switch (column(periodColumn).type()) {
            case PERIOD -> alias + "." + periodColumn;
            default -> "date_trunc('month', " + alias + "." + periodColumn + ")";
        };
    }

    /** SQL: the period (YYYY-MM) of {@code month}, a {@link #monthOf}. */
    String periodOfMonth(String month) {
        return switch (column(periodColumn).type()) {
            case PERIOD -> month;
            default -> "to_char(" + month + ", 'YYYY-MM')";
        };
    }

    List<Check> checks(SchemeVocabulary vocabulary) {
        return checks.apply(vocabulary);
    }

    /** Event types must be known; ranged types (审计通报 −2..−10) need points in range, fixed ones none. */
    private static List<Check> eventChecks(SchemeVocabulary vocabulary) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(
                "event_type",
                "{event_type} not in (" + SchemeVocabulary.literals(vocabulary.eventTypes()) + ")",
                "'不是任何方案的事件类型 / is not an event type of any scheme (known: "
                        + String.join(", ", vocabulary.eventTypes()) + ")'"));
        StringBuilder condition = new StringBuilder("case {event_type}");
        StringBuilder reason = new StringBuilder("case {event_type}");
        for (SchemeVocabulary.EventPoints e : vocabulary.eventPoints()) {
            String type = "'" + e.type() + "'";
            if (e.fixed()) {
                condition.append(" when ").append(type).append(" then p.points is not null");
                reason.append(" when ")
                        .append(type)
                        .append(" then '必须留空：")
                        .append(e.type())
                        .append(" 固定计 ")
                        .append(number(e.min()))
                        .append(" 分 / must be empty: ")
                        .append(e.type())
                        .append(" always counts ")
                        .append(number(e.min()))
                        .append("'");
            } else {
                condition
                        .append(" when ")
                        .append(type)
                        .append(" then p.points is null or {points} not between ")
                        .append(number(e.min()))
                        .append(" and ")
                        .append(number(e.max()));
                reason.append(" when ")
                        .append(type)
                        .append(" then '")
                        .append(e.type())
                        .append(" 必须在 ")
                        .append(number(e.min()))
                        .append(" 到 ")
                        .append(number(e.max()))
                        .append(" 之间 / must be between ")
                        .append(number(e.min()))
                        .append(" and ")
                        .append(number(e.max()))
                        .append(" for ")
                        .append(e.type())
                        .append("'");
            }
        }
        checks.add(new Check(
                "points",
                condition.append(" else false end").toString(),
                reason.append(" end").toString()));
        return checks;
    }

    /** Keys must be scheme inputs; values must suit the unit (a percent is at most 100, a count whole). */
    private static List<Check> inputChecks(SchemeVocabulary vocabulary) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(
                "input_key",
                "{input_key} not in (" + SchemeVocabulary.literals(vocabulary.inputKeys()) + ")",
                "'不是任何方案的输入项 / is not an input of any scheme'"));
        StringBuilder over = new StringBuilder("case {input_key}");
        StringBuilder overReason = new StringBuilder("case {input_key}");
        StringBuilder fraction = new StringBuilder("case {input_key}");
        for (SchemeVocabulary.InputRule rule : vocabulary.inputRules()) {
            String key = "'" + rule.key() + "'";
            if (Double.isFinite(rule.max())) {
                over.append(" when ").append(key).append(" then {value} > ").append(number(rule.max()));
                overReason
                        .append(" when ")
                        .append(key)
                        .append(" then '超过 ")
                        .append(number(rule.max()))
                        .append("（")
                        .append(rule.unit())
                        .append("） / is over ")
                        .append(number(rule.max()))
                        .append(" (")
                        .append(rule.unit())
                        .append(")'");
            }
            if (rule.whole()) {
                fraction.append(" when ").append(key).append(" then {value} <> trunc({value})");
            }
        }
        checks.add(new Check(
                "value",
                over.append(" else false end").toString(),
                overReason.append(" end").toString()));
        checks.add(new Check(
                "value",
                fraction.append(" else false end").toString(),
                "'必须为整数（' || {input_key} || '） / must be a whole number for ' || {input_key}"));
        return checks;
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
