package com.servicereview.metrics;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves validated parsed rows into the record type's table, keyed by the natural key. A row whose
 * key exists is replaced only when a value differs, so re-importing the same file changes nothing
 * (and keeps the import_id of the import that brought the row).
 */
@Component
class RecordStore {

    /** How many staged rows were new, changed an existing row, or matched one exactly. */
    record Stored(long inserted, long updated, long unchanged) {}

    private final JdbcClient jdbc;

    RecordStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The periods the staged rows belong to, and the periods that rows they replace belonged to
     * (a corrected date can move a record to another month): all of them need new KPIs.
     */
    List<String> periodsTouched(RecordType type) {
        String join = type.key().stream()
                .map(k -> "t." + k + " = " + type.column(k).typed("p"))
                .collect(Collectors.joining(" and "));
        return jdbc.sql("""
                select period from (
                    select %1$s as period from %2$s p
                    union
                    select %3$s from %4$s t join %2$s p on %5$s
                ) periods where period is not null order by period
                """.formatted(
                                type.parsedPeriodOf("p"), StagingTable.PARSED, type.periodOf("t"), type.table(), join))
                .query(String.class)
                .list();
    }

    /**
     * Updates the rows whose key exists and differs, then inserts the new keys. Two plain statements
     * rather than INSERT … ON CONFLICT: a million new rows go in about twice as fast without the
     * speculative insertion, and the caller holds the import lock of the record type.
     */
    Stored upsert(RecordType type, String importId, long staged) {
        List<String> names = type.columns().stream().map(Column::name).toList();
        List<Column> nonKey = type.columns().stream()
                .filter(c -> !type.key().contains(c.name()))
                .toList();
        String keyMatch = type.key().stream()
                .map(k -> "t." + k + " = " + type.column(k).typed("p"))
                .collect(Collectors.joining(" and "));
        long updated = jdbc.sql("""
                with changed as (
                    update %1$s t set %2$s, import_id = :importId
                      from %3$s p
                     where %4$s and (%5$s) is distinct from (%6$s)
                    returning 1
                ) select count(*) from changed
                """.formatted(
                                type.table(),
                                nonKey.stream()
                                        .map(c -> c.name() + " = " + c.stored("p"))
                                        .collect(Collectors.joining(", ")),
                                StagingTable.PARSED,
                                keyMatch,
                                nonKey.stream().map(c -> "t." + c.name()).collect(Collectors.joining(", ")),
                                nonKey.stream().map(c -> c.stored("p")).collect(Collectors.joining(", "))))
                .param("importId", importId)
                .query(Long.class)
                .single();
        long inserted = jdbc.sql("""
                insert into %1$s (%2$s, import_id)
                select %3$s, :importId from %4$s p
                 where not exists (select 1 from %1$s t where %5$s)
                """.formatted(
                                type.table(),
                                String.join(", ", names),
                                type.columns().stream().map(c -> c.stored("p")).collect(Collectors.joining(", ")),
                                StagingTable.PARSED,
                                keyMatch))
                .param("importId", importId)
                .update();
        return new Stored(inserted, updated, staged - inserted - updated);
    }
}
