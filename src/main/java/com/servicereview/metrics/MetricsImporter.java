package com.servicereview.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one import in one transaction: stream the file into a staging table (COPY), each row with its digest, then
 * check every row in SQL and store the rows in one pass (inserted, or merged by key; a re-imported row that a stored
 * row carries the digest of is skipped unparsed), and regroup the month totals and recompute the KPIs of every
 * period whose rows changed.
 * When that pass refuses a row it is rolled back and the file validated, for the report of every error: a failed
 * import changes nothing.
 */
@Component
class MetricsImporter {

    /** The result of one import; {@code stored} and {@code periods} are null when it failed. */
    record Outcome(
            long rowsRead,
            RecordStore.Stored stored,
            List<String> periods,
            ImportErrors errors,
            Map<String, Long> timings) {
        boolean succeeded() {
            return errors.isEmpty();
        }
    }

    /** Stores of at least this many new or changed rows refresh the table's planner statistics. */
    private static final long ANALYZE_AFTER_ROWS = 10_000;

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final StagingValidator validator;
    private final RecordStore store;
    private final MonthTotals monthTotals;
    private final KpiAggregator aggregator;
    private final MetricsProperties properties;

    MetricsImporter(
            DataSource dataSource,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            StagingValidator validator,
            RecordStore store,
            MonthTotals monthTotals,
            KpiAggregator aggregator,
            MetricsProperties properties) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.validator = validator;
        this.store = store;
        this.monthTotals = monthTotals;
        this.aggregator = aggregator;
        this.properties = properties;
    }

    /** Imports {@code file}; {@code progress} hears the number of rows read every progress-every rows. */
    Outcome run(
            String importId, RecordType type, ImportFormat format, Path file, String fileName, LongConsumer progress) {
        return transactions.execute(status -> {
            ImportErrors errors = new ImportErrors(fileName, properties.maxErrors());
            Map<String, Long> timings = new LinkedHashMap<>();
            long start = System.nanoTime();
            // Bulk work in one transaction: hash aggregates over a million keys should not spill to disk.
            jdbc.sql("set local work_mem = '256MB'").update();
            monthTotals.keptByThisTransaction();
            // Stale totals regrouped before this import takes its store lock: taking the other type's lock while
            // holding its own could deadlock with an import of that type doing the same.
            monthTotals.regroupIfStale();
            Connection connection = DataSourceUtils.getConnection(dataSource);
            StagingValidator.Rules rules = validator.rules(type);
            Staged staged = stage(connection, rules, format, file, errors, progress);
            long rows = staged.rows();
            start = lap(timings, "readAndCopyMs", start);
            RecordStore.Stored stored = null;
            // The reader's errors (a truncated row…) come first; validation adds the rows' own.
            if (errors.isEmpty()) {
                // Check and store in one pass; only a file with errors is validated (below) for its report, after
                // rolling the attempt back. Under the lock, so no other import stores a key of this file meanwhile.
                store.lock(type);
                Object beforeStore = status.createSavepoint();
                try {
                    stored = store.storeIfAllAccepted(
                                    rules, importId, rows, store.anyOfTheFirstStored(type), staged.plain())
                            .orElse(null);
                } catch (RecordStore.KeyConflict conflict) {
                    // A key beyond the sample is stored (or repeats): back to before the insert, and merge.
                    status.rollbackToSavepoint(beforeStore);
                    stored = store.storeIfAllAccepted(rules, importId, rows, true, staged.plain())
                            .orElse(null);
                }
                if (stored == null) status.rollbackToSavepoint(beforeStore);
                else status.releaseSavepoint(beforeStore);
                start = lap(timings, "checkedStoreMs", start);
            }
            if (stored == null) {
                validator.validate(rules, errors, staged.plain());
                lap(timings, "validateMs", start);
                // The pass and validation apply the same rules: whatever the pass refused, validation names.
                if (errors.isEmpty())
                    throw new IllegalStateException(
                            "the one-pass store of " + type.id() + " refused rows that validation accepts");
                status.setRollbackOnly();
                return new Outcome(rows, null, null, errors, timings);
            }
            if (stored.inserted() + stored.updated() >= ANALYZE_AFTER_ROWS) {
                // Statistics of the table as it now is: without them the month's totals below (and every aggregation
                // until autovacuum comes by) grouped a million rows by sorting them, 0.65 s instead of 0.3 s.
                jdbc.sql("analyze " + type.table()).update();
                start = lap(timings, "analyzeMs", start);
            }
            // Months without a new or changed row keep their totals and KPIs: they were computed from the same rows.
            List<String> periods = stored.periods();
            for (String period : periods) {
                monthTotals.refresh(type, YearMonth.parse(period));
                aggregator.recompute(YearMonth.parse(period), "metrics:" + importId);
            }
            lap(timings, "aggregateMs", start);
            return new Outcome(rows, stored, periods, errors, timings);
        });
    }

    private record Staged(long rows, Set<String> plain) {}

    private Staged stage(
            Connection connection,
            StagingValidator.Rules rules,
            ImportFormat format,
            Path file,
            ImportErrors errors,
            LongConsumer progress) {
        RecordType type = rules.type();
        try (StagingTable staging = StagingTable.open(
                connection, type, RecordStore.digestFor(rules), properties.progressEvery(), progress)) {
            format.source(file, type).read(staging, errors);
            return new Staged(staging.finish(), staging.plainColumns());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("staging the rows failed: " + e.getMessage(), e);
        }
    }

    private static long lap(Map<String, Long> timings, String name, long since) {
        long now = System.nanoTime();
        timings.put(name, (now - since) / 1_000_000);
        return now;
    }
}
