package com.servicereview.metrics;

import java.util.List;

/**
 * The columns a row source maps a file's header onto: their names in order, which are required, and
 * which header names (after {@link HeaderMapping#normalise}) stand for which column. A record type of
 * the service-record imports is one; the organisation import's sheets are others.
 */
public interface RowLayout {

    /** What the rows are, for messages: "tickets", "people". */
    String id();

    /** The column names, in the order a row's values are handed on. */
    List<String> columnNames();

    boolean requiredColumn(int index);

    /** The column a normalised header name stands for, or -1. */
    default int columnIndex(String normalisedName) {
        return columnNames().indexOf(normalisedName);
    }
}
