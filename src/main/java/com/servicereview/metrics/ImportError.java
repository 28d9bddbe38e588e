package com.servicereview.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reason an import was refused. {@code row} is the spreadsheet row (the header is row 1) of a
 * CSV or .xlsx file, or the 1-based position in a JSON array; 0 when the fault is the whole file.
 * {@code sheet} names the workbook sheet (or the JSON member) when a file has several, else null.
 * {@code column} is null when the fault is not one column's.
 */
public record ImportError(String file, String sheet, long row, String column, String value, String reason) {

    /** "tickets.csv row 12, column opened_at ('2021-02-30'): is not a date-time …" */
    public String message() {
        StringBuilder text = new StringBuilder(file);
        if (sheet != null) text.append(" sheet ").append(sheet);
        if (row > 0) text.append(" row ").append(row);
        if (column != null) text.append(row > 0 ? ", column " : " column ").append(column);
        if (value != null) text.append(" ('").append(value).append("')");
        return text.append(": ").append(reason).toString();
    }

    /** The members of an error in a problem detail's {@code errors} list, with the message that joins them. */
    public Map<String, Object> asJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("file", file);
        map.put("sheet", sheet);
        map.put("row", row);
        map.put("column", column);
        map.put("value", value);
        map.put("reason", reason);
        map.put("message", message());
        return map;
    }
}
