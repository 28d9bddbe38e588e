package com.servicereview.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV (comma-separated, double quotes, quoted values may hold commas, quotes and line
 * breaks; CRLF or LF), streamed through a fixed buffer. The first record is the header. Rows are
 * numbered like a spreadsheet: the header is row 1. A row with fewer cells than the header is an
 * error (typically the cut last line of a truncated file), as is a file ending inside quotes.
 */
public final class CsvRowSource implements RowSource {

    private final Path file;
    private final RowLayout type;

    public CsvRowSource(Path file, RowLayout type) {
        this.file = file;
        this.type = type;
    }

    @Override
    public void read(RowSink sink, ImportErrors errors) throws IOException {
        TextEncoding.Detected encoding;
        try {
            encoding = TextEncoding.detect(file);
        } catch (TextEncoding.UnreadableEncodingException e) {
            errors.add(0, null, null, e.getMessage());
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.skip());
            Records records = new Records(new InputStreamReader(in, encoding.charset()));
            List<String> header = records.next();
            if (header == null) {
                errors.add(0, null, null, EMPTY_FILE);
                return;
            }
            HeaderMapping mapping = HeaderMapping.of(type, header, 1, errors);
            if (mapping == null) return;
            long dataRows = 0;
            for (List<String> cells = records.next(); cells != null; cells = records.next()) {
                long row = records.number();
                if (records.unterminatedQuoteFrom() > 0) break;
                if (cells.size() == 1 && cells.get(0).isBlank()) continue;
                if (cells.size() < mapping.fileColumns()) {
                    errors.add(
                            row,
                            null,
                            null,
                            "只有 " + cells.size() + " 列，表头有 " + mapping.fileColumns() + " 列（文件是否被截断？） / has "
                                    + cells.size() + " of the header's " + mapping.fileColumns()
                                    + " columns (is the file truncated?)");
                    continue;
                }
                if (cells.size() > mapping.fileColumns()) {
                    errors.add(
                            row,
                            null,
                            null,
                            "有 " + cells.size() + " 列，但表头只有 " + mapping.fileColumns() + " 列 / has " + cells.size()
                                    + " columns but the header has " + mapping.fileColumns());
                    continue;
                }
                String[] values = mapping.map(cells);
                if (values == null) continue;
                dataRows++;
                sink.accept(row, values);
            }
            if (records.unterminatedQuoteFrom() > 0) {
                errors.add(
                        records.unterminatedQuoteFrom(),
                        null,
                        null,
                        "引号内的值从这里开始却没有结束：文件被截断了 / a quoted value starts here and never ends: the file is truncated");
            } else if (dataRows == 0 && errors.isEmpty()) {
                errors.add(0, null, null, NO_DATA_ROWS);
            }
        }
    }

    /** The CSV state machine over a buffered reader. */
    private static final class Records {

        private final Reader reader;
        private final char[] buffer = new char[1 << 16];
        private int length;
        private int position;
        private long number;
        private long unterminatedQuoteFrom;
        private final StringBuilder cell = new StringBuilder();

        Records(Reader reader) {
            this.reader = reader;
        }

        /** The spreadsheet row number of the record last returned. */
        long number() {
            return number;
        }

        /** The row where a never-closed quoted value began, or 0. */
        long unterminatedQuoteFrom() {
            return unterminatedQuoteFrom;
        }

        /** The next record's cells, or null at the end of the file. */
        List<String> next() throws IOException {
            int c = read();
            if (c < 0) return null;
            number++;
            List<String> cells = new ArrayList<>();
            cell.setLength(0);
            boolean quoted = false;
            while (true) {
                if (quoted) {
                    if (c < 0) {
                        unterminatedQuoteFrom = number;
                        cells.add(cell.toString());
                        return cells;
                    }
                    if (c == '"') {
                        int after = read();
                        if (after == '"') {
                            cell.append('"');
                        } else {
                            quoted = false;
                            c = after;
                            continue;
                        }
                    } else {
                        cell.append((char) c);
                    }
                } else if (c < 0 || c == '\n') {
                    cells.add(cell.toString());
                    return cells;
                } else if (c == '\r') {
                    int after = read();
                    if (after != '\n' && after >= 0) position--;
                    cells.add(cell.toString());
                    return cells;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '"' && cell.toString().isBlank()) {
                    cell.setLength(0);
                    quoted = true;
                } else {
                    cell.append((char) c);
                }
                c = read();
            }
        }

        private int read() throws IOException {
            if (position == length) {
                length = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (length <= 0) {
                    length = 0;
                    return -1;
                }
            }
            return buffer[position++];
        }
    }
}
