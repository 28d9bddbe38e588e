package com.servicereview.metrics;

import java.io.IOException;

/** A file in one of the import formats, read front to back without holding it in memory. */
public interface RowSource {

    /**
     * Reads the header (if the format has one) and every row, handing each well-formed row to
     * {@code sink} as values in the record type's column order (trimmed; empty cells null). Faults of
     * the file's structure (header, column counts, truncation, encoding) go to {@code errors}.
     */
    void read(RowSink sink, ImportErrors errors) throws IOException;

    interface RowSink {
        void accept(long row, String[] values) throws IOException;
    }
}
