package com.servicereview.metrics;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves the staged rows into the record type's table, checked on the way, keyed by the natural key. A row whose
 * key exists is replaced only when a value differs, so re-importing the same file changes nothing
 * (and keeps the import_id of the import that brought the row).
 */
@Component
class RecordStore {

    /**
     * How many staged rows were new, changed an existing row, or matched one exactly; and the periods
     * (YYYY-MM) of the new and changed rows, including the period a changed row was in before (a
     * corrected date can move a record to another month): only they need new KPIs.
     */
    record Stored(long inserted, long updated, long unchanged, List<String> periods) {}

    private final JdbcClient jdbc;

    RecordStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the store lock of {@code type} for the caller's transaction: one transaction at a time stores rows of a
     * type (concurrent upserts of overlapping keys could deadlock) or regroups its month totals. Taking it again in
     * the same transaction does not wait.
     */
    void lock(RecordType type) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:lock))")
                .param("lock", "metrics-import:" + type.id())
                .query()
                .listOfRows();
    }

    /** Staged rows whose keys {@link #anyOfTheFirstStored} looks up: enough to tell a re-import or a correction. */
    static final long SAMPLE_ROWS = 1_000;

    /**
     * Whether any of the first {@value #SAMPLE_ROWS} staged keys is stored already: a re-imported or corrected file
     * is then merged at once. Looking up every key of a new month's file in a table of earlier months cost 2.2 s for a
     * million keys against 2,000,000 stored (index probes); a stored key beyond the sample makes the plain insert fail instead ({@link KeyConflict}).
     * Before validation, so the keys are parsed leniently: a key that does not parse matches nothing.
     */
    boolean anyOfTheFirstStored(RecordType type) {
        String keyMatch = type.key().stream()
                .map(k -> "t." + k + " = " + type.column(k).typed("x"))
                .collect(Collectors.joining(" and "));
        return jdbc.sql("select exists (select 1 from "
                        + StagingTable.parsedUpTo(
                                type.key().stream().map(type::column).toList(), SAMPLE_ROWS)
                        + " x join " + type.table() + " t on " + keyMatch + ")")
                .query(Boolean.class)
                .single();
    }

    /**
     * The plain insert met a key that is stored already or repeats in the file; the caller rolls it back and merges,
     * and the merge tells the two apart.
     */
    static final class KeyConflict extends RuntimeException {
        private KeyConflict(DuplicateKeyException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * The digest of the rows an import stages under {@code rules}: seeded with the SQL that judges and stores them,
     * so a row stored under other rules (a stricter vocabulary, a new default) does not match.
     */
    static RowDigest digestFor(StagingValidator.Rules rules) {
        return new RowDigest(
                rules.type().table() + "\n" + rows(rules.type(), StagingValidator.judgedRows(rules, Set.of(), false)));
    }

    /**
     * Stores the file in one pass over the staged rows, parsed and judged by {@code rules}
     * ({@link StagingValidator#judgedRows}): a plain insert unless {@code merge} (a new month's file), else the merge,
     * which parses and judges only the rows no stored row carries the digest of. Empty when a row was refused or a key
     * repeats in the file (the merge looks first); the caller then rolls back to before this and validates, for the
     * report. The insert throws {@link KeyConflict} at a key the table or the file already has. Against validating
     * first, it saves a second parse of every value (and, for a new month's file, the grouping of a million keys). The
     * caller holds the store lock of the record type, so no other import adds or changes a key meanwhile.
     */
    Optional<Stored> storeIfAllAccepted(
            StagingValidator.Rules rules, String importId, long staged, boolean merge, Set<String> plain) {
        RecordType type = rules.type();
        if (!merge)
            return insertIfAllAccepted(
                    type, importId, staged, rows(type, StagingValidator.judgedRows(rules, plain, false)));
        // A key twice among stored keys would update its row twice without an error: look first, over every staged
        // row (a row repeated exactly that is stored already would be skipped by its digest in the merge).
        return repeatsAKey(type, plain)
                ? Optional.empty()
                : merge(type, importId, staged, rows(type, StagingValidator.judgedRows(rules, plain, true)));
    }

    /** SQL: the values to store (defaults filled), the digest and whether the row was refused, of {@code judged}. */
    private static String rows(RecordType type, String judged) {
        return "select "
                + type.columns().stream()
                        .map(c -> c.storedFromParsed("p") + " as " + c.name())
                        .collect(Collectors.joining(", "))
                + ", p.row_digest, p.refused from " + judged + " p";
    }

    private Optional<Stored> insertIfAllAccepted(RecordType type, String importId, long staged, String rows) {
        String names = String.join(", ", type.columnNames());
        List<Map.Entry<String, Long>> periods;
        try {
            periods = jdbc.sql("""
                            with inserted as (
                                insert into %1$s as t (%2$s, row_digest, import_id)
                                select %2$s, row_digest, :importId from (%3$s) x where not x.refused
                                returning %4$s as month)
                            select %5$s as period, count(*) as n from inserted group by month order by month
                            """.formatted(type.table(), names, rows, type.monthOf("t"), type.periodOfMonth("month")))
                    .param("importId", importId)
                    .query((rs, n) -> Map.entry(rs.getString("period"), rs.getLong("n")))
                    .list();
        } catch (DuplicateKeyException conflict) {
            throw new KeyConflict(conflict);
        }
        long inserted = periods.stream().mapToLong(Map.Entry::getValue).sum();
        if (inserted != staged) return Optional.empty();
        return Optional.of(new Stored(
                inserted, 0, 0, periods.stream().map(Map.Entry::getKey).toList()));
    }

    /** Whether a key (as parsed) is in the file twice; validation then names the rows. */
    private boolean repeatsAKey(RecordType type, Set<String> plain) {
        String keys = type.key().stream().map(k -> type.column(k).typed("x")).collect(Collectors.joining(", "));
        return jdbc.sql("select exists (select 1 from "
                        + StagingTable.parsed(
                                type.key().stream().map(type::column).toList(), plain) + " x group by "
                        + keys + " having count(*) > 1)")
                .query(Boolean.class)
                .single();
    }

    /**
     * One statement, one pass over {@code rows} (the staged rows no stored row carries the digest of): each is compared
     * with the stored row of its key (one hash join), kept (in memory, the import's work_mem) and then inserted or
     * updated. A stored row of the same values counts as unchanged but takes the staged digest, its import_id kept, so
     * the next import of the file skips it: else a row stored before V27, under other rules or spelt otherwise would be
     * compared again by every import. Rows the digest skipped are not read at all. Plain INSERT and UPDATE rather than
     * INSERT … ON CONFLICT, whose speculative insertion makes a million new rows about twice as slow.
     * Empty when {@code rows} has a refused row (what was written is then the caller's to roll back).
     */
    private Optional<Stored> merge(RecordType type, String importId, long staged, String rows) {
        List<String> names = type.columnNames();
        List<String> nonKey =
                names.stream().filter(n -> !type.key().contains(n)).toList();
        String keyMatch = type.key().stream().map(k -> "t." + k + " = x." + k).collect(Collectors.joining(" and "));
        String sql = """
                with x as (%1$s),
                compared as materialized (
                    select x.*, t.%2$s is null as is_new, %3$s as old_period,
                           t.%2$s is not null and (%6$s) is not distinct from (%7$s) as same_values
                      from x left join %4$s t on %5$s),
                updated as (
                    update %4$s t set %8$s, row_digest = x.row_digest,
                                      import_id = case when x.same_values then t.import_id else :importId end
                      from compared x
                     where not x.refused and not x.is_new and %5$s
                    returning x.same_values),
                inserted as (
                    insert into %4$s (%9$s, row_digest, import_id)
                    select %9$s, row_digest, :importId from compared where not refused and is_new
                    returning 1)
                select (select count(*) from compared where refused) as refused,
                       (select count(*) from inserted) as inserted,
                       (select count(*) from updated where not same_values) as updated,
                       array(select period from (select %10$s as period from compared where not same_values
                                                 union select old_period from compared where not is_new and not same_values) p
                              where period is not null order by period) as periods
                """.formatted(
                        rows,
                        type.key().get(0),
                        type.periodOf("t"),
                        type.table(),
                        keyMatch,
                        nonKey.stream().map(n -> "t." + n).collect(Collectors.joining(", ")),
                        nonKey.stream().map(n -> "x." + n).collect(Collectors.joining(", ")),
                        nonKey.stream().map(n -> n + " = x." + n).collect(Collectors.joining(", ")),
                        String.join(", ", names),
                        type.periodOf("compared"));
        return jdbc.sql(sql)
                .param("importId", importId)
                .query((rs, n) -> {
                    if (rs.getLong("refused") > 0) return Optional.<Stored>empty();
                    long inserted = rs.getLong("inserted");
                    long updated = rs.getLong("updated");
                    return Optional.of(new Stored(
                            inserted, updated, staged - inserted - updated, periods(rs.getArray("periods"))));
                })
                .single();
    }

    private static List<String> periods(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
