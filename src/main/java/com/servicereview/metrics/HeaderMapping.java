package com.servicereview.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Where each of a file's columns goes in a record type's column order, from the header names. */
final class HeaderMapping {

    private final int[] target;
    private final int width;

    private HeaderMapping(int[] target, int width) {
        this.target = target;
        this.width = width;
    }

    /** "Ticket ID", "ticket-id" and "ticket_id" all name ticket_id. */
    static String normalise(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
    }

    /**
     * The mapping of a header row, or null when the header is unusable: a name that is no column of
     * the type, a column named twice, or a required column missing are all reported.
     */
    static HeaderMapping of(RowLayout type, List<String> header, long row, ImportErrors errors) {
        List<String> names = type.columnNames();
        int[] target = new int[header.size()];
        Set<String> seen = new HashSet<>();
        boolean usable = true;
        for (int i = 0; i < header.size(); i++) {
            String name = normalise(header.get(i));
            target[i] = name.isEmpty() ? -1 : type.columnIndex(name);
            if (name.isEmpty()) continue;
            if (target[i] < 0) {
                errors.add(row, header.get(i), null, notAColumn(type, names));
                usable = false;
            } else if (!seen.add(names.get(target[i]))) {
                errors.add(row, names.get(target[i]), null, "在表头中出现了两次 / is named twice in the header");
                usable = false;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (type.requiredColumn(i) && !seen.contains(names.get(i))) missing.add(names.get(i));
        }
        for (String name : missing) {
            errors.add(row, name, null, "是必填列，但表头中没有 / is a required column but is missing from the header");
        }
        return usable && missing.isEmpty() ? new HeaderMapping(target, names.size()) : null;
    }

    /** Why a header name or JSON key is refused: it names no column of {@code type}. */
    static String notAColumn(RowLayout type, List<String> names) {
        String listed = String.join(", ", names);
        return "不是 " + type.id() + " 的列（列：" + listed + "） / is not a column of " + type.id() + " (columns: " + listed
                + ")";
    }

    /** How many columns the file has. */
    int fileColumns() {
        return target.length;
    }

    /** A row's cells in the type's column order; null when every cell is empty (a blank row). */
    String[] map(List<String> cells) {
        String[] values = new String[width];
        boolean blank = true;
        for (int i = 0; i < cells.size() && i < target.length; i++) {
            String cell = cells.get(i);
            if (cell == null) continue;
            cell = cell.strip();
            if (cell.isEmpty()) continue;
            blank = false;
            if (target[i] >= 0) values[target[i]] = cell;
        }
        return blank ? null : values;
    }
}
