package com.servicereview.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The rows of one import, streamed with PostgreSQL COPY (text format) into a temporary table of
 * text columns ({@value #NAME}: row_no, the row's {@link RowDigest} and the record type's columns), which the store's
 * one pass and the validation read through {@link #parsed}. COPY is about 7× faster than batched inserts; the
 * table lives in the import's transaction only (ON COMMIT DROP), so imports running side by side
 * never see each other's rows, and as a temporary table it writes no WAL.
 */
final class StagingTable implements RowSource.RowSink, AutoCloseable {

    static final String NAME = "import_stage";
    private static final int FLUSH_CHARS = 1 << 16;

    private final CopyIn copy;
    private final StringBuilder pending = new StringBuilder(FLUSH_CHARS + 1024);
    private final long progressEvery;
    private final LongConsumer progress;
    private final List<Column> columns;
    private final RowDigest digest;
    /** Per column: every value so far is {@link ColumnType#plain}. */
    private final boolean[] plain;

    private long rows;
    private boolean ended;

    private StagingTable(
            CopyIn copy, List<Column> columns, RowDigest digest, long progressEvery, LongConsumer progress) {
        this.copy = copy;
        this.columns = columns;
        this.digest = digest;
        this.progressEvery = progressEvery;
        this.progress = progress;
        plain = new boolean[columns.size()];
        for (int i = 0; i < plain.length; i++) plain[i] = columns.get(i).type().hasPlainSpelling();
    }

    /** Creates the table on the transaction's connection and opens the COPY into it; {@code digest} digests each row. */
    static StagingTable open(
            Connection connection, RecordType type, RowDigest digest, long progressEvery, LongConsumer progress)
            throws SQLException {
        // A text key compares as its stored column does (V24), or the store's joins would mix two collations.
        String columns = type.columns().stream()
                .map(c -> c.name() + " text" + (type.hasByteOrderedKey(c) ? " collate \"C\"" : ""))
                .collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table " + NAME + " (row_no bigint not null, row_digest text not null, "
                    + columns + ") on commit drop");
        }
        String names = type.columns().stream().map(Column::name).collect(Collectors.joining(", "));
        CopyIn copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("copy " + NAME + " (row_no, row_digest, " + names + ") from stdin");
        return new StagingTable(copy, type.columns(), digest, progressEvery, progress);
    }

    @Override
    public void accept(long row, String[] values) throws IOException {
        pending.append(row).append('\t');
        digest.appendTo(pending, values);
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            pending.append('\t');
            if (value == null) pending.append("\\N");
            else {
                if (plain[i] && !columns.get(i).type().plain(value)) plain[i] = false;
                escape(value);
            }
        }
        pending.append('\n');
        if (pending.length() >= FLUSH_CHARS) flush();
        if (++rows % progressEvery == 0) progress.accept(rows);
    }

    /** COPY text format: backslash, tab and line breaks are escaped. */
    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> pending.append("\\\\");
                case '\t' -> pending.append("\\t");
                case '\n' -> pending.append("\\n");
                case '\r' -> pending.append("\\r");
                // PostgreSQL text cannot hold NUL; a visible replacement makes the value fail its check instead.
                case '\0' -> pending.append('\uFFFD');
                default -> pending.append(c);
            }
        }
    }

    private void flush() throws IOException {
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        pending.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IOException("staging the rows failed: " + e.getMessage(), e);
        }
    }

    /** Ends the COPY; returns the rows staged. */
    long finish() throws IOException, SQLException {
        flush();
        ended = true;
        copy.endCopy();
        return rows;
    }

    /**
     * The columns whose every staged value is {@link ColumnType#plain}: {@link #parsed} may cast them. Known once the
     * rows are staged.
     */
    Set<String> plainColumns() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < plain.length; i++)
            if (plain[i]) names.add(columns.get(i).name());
        return Set.copyOf(names);
    }

    /**
     * SQL: a subquery over the staged rows with {@code columns} parsed (text under the column's name, typed
     * value as v_name; row_digest as bytes) and the employee looked up; the {@code plain} ones (all their values spelt plainly) by a
     * cast instead of the lenient parser, which gives the same values for them. {@code offset 0} keeps the planner
     * from pulling the parsers up into the query that reads it, so each value is parsed once, without writing the
     * parsed rows anywhere.
     */
    static String parsed(List<Column> columns, Set<String> plain) {
        return parsed(columns, plain, "");
    }

    /**
     * {@link #parsed(List, Set)} of the staged rows that no row of {@code table} carries the digest of: the rows that
     * are new, differ from the stored row of their key, or match one stored without this digest.
     */
    static String parsedUnlessStored(List<Column> columns, Set<String> plain, String table) {
        return parsed(
                columns,
                plain,
                " where not exists (select 1 from " + table + " t where t.row_digest = decode(s.row_digest, 'hex'))");
    }

    /** {@link #parsed(List, Set)} of the staged rows up to {@code lastRow} (file order). */
    static String parsedUpTo(List<Column> columns, long lastRow) {
        return parsed(columns, Set.of(), " where s.row_no <= " + lastRow);
    }

    private static String parsed(List<Column> columns, Set<String> plain, String where) {
        String selected = columns.stream()
                .map(c -> "s." + c.name() + ", " + c.parse("s", plain.contains(c.name())) + " as v_" + c.name())
                .collect(Collectors.joining(", "));
        boolean employee = columns.stream().anyMatch(c -> c.type() == ColumnType.EMPLOYEE);
        return "(select s.row_no, decode(s.row_digest, 'hex') as row_digest, " + selected + " from " + NAME + " s"
                + (employee ? " left join review.employee emp on emp.id = s.employee_id" : "") + where + " offset 0)";
    }

    /** Cancels an unfinished COPY so that the connection can roll back. */
    @Override
    public void close() throws SQLException {
        if (!ended && copy.isActive()) copy.cancelCopy();
    }
}
