package com.servicereview.metrics;

import java.io.IOException;

/** A file in one of the import formats, read front to back without holding it in memory. */
public interface RowSource {

    /** The fault of a file without any line; callers that read several parts of one upload may tolerate it. */
    String EMPTY_FILE = "文件为空 / the file is empty";

    /** The fault of a file with a header and nothing below it. */
    String NO_DATA_ROWS = "文件只有表头，没有数据行 / the file has a header but no data rows";

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
