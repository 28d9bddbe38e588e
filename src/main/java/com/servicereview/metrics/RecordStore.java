package com.servicereview.metrics;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves validated staged rows into the record type's table, keyed by the natural key. A row whose
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
     * One statement, one pass over the staged rows: each is cast once and compared with the stored row of
     * its key (one hash join); only the new and the changed rows are kept (in memory, the import's
     * work_mem) and then inserted or updated. Unchanged rows are only read. Plain INSERT and UPDATE rather
     * than INSERT … ON CONFLICT, whose speculative insertion makes a million new rows about twice as slow:
     * the caller holds the import lock of the record type, so no other import adds a key meanwhile.
     */
    Stored upsert(RecordType type, String importId, long staged) {
        List<String> names = type.columns().stream().map(Column::name).toList();
        List<String> nonKey =
                names.stream().filter(n -> !type.key().contains(n)).toList();
        String sql = """
                with x as (select %1$s from %2$s s),
                changed as materialized (
                    select x.*, t.%3$s is null as is_new, %4$s as old_period
                      from x left join %5$s t on %6$s
                     where t.%3$s is null or (%7$s) is distinct from (%8$s)),
                updated as (
                    update %5$s t set %9$s, import_id = :importId
                      from changed x
                     where not x.is_new and %6$s
                    returning 1),
                inserted as (
                    insert into %5$s (%10$s, import_id)
                    select %10$s, :importId from changed where is_new
                    returning 1)
                select (select count(*) from inserted) as inserted,
                       (select count(*) from updated) as updated,
                       array(select period from (select %11$s as period from changed
                                                 union select old_period from changed where not is_new) p
                              where period is not null order by period) as periods
                """.formatted(
                        type.columns().stream()
                                .map(c -> c.storedFromStage("s") + " as " + c.name())
                                .collect(Collectors.joining(", ")),
                        StagingTable.NAME,
                        type.key().get(0),
                        type.periodOf("t"),
                        type.table(),
                        type.key().stream().map(k -> "t." + k + " = x." + k).collect(Collectors.joining(" and ")),
                        nonKey.stream().map(n -> "t." + n).collect(Collectors.joining(", ")),
                        nonKey.stream().map(n -> "x." + n).collect(Collectors.joining(", ")),
                        nonKey.stream().map(n -> n + " = x." + n).collect(Collectors.joining(", ")),
                        String.join(", ", names),
                        type.periodOf("changed"));
        return jdbc.sql(sql)
                .param("importId", importId)
                .query((rs, n) -> {
                    long inserted = rs.getLong("inserted");
                    long updated = rs.getLong("updated");
                    return new Stored(inserted, updated, staged - inserted - updated, periods(rs.getArray("periods")));
                })
                .single();
    }

    private static List<String> periods(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
