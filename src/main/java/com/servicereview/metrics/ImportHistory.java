package com.servicereview.metrics;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the HR console shows of imports: the record types one may import and the latest import jobs. */
@Component
public class ImportHistory {

    /** One import job, newest first in {@link #latest}; the counts are null until the job succeeded. */
    public record Job(
            String importId,
            String recordType,
            String fileName,
            String status,
            String startedBy,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            long rowsRead,
            Long inserted,
            Long updated,
            Long unchanged,
            long errorCount) {}

    private final JdbcClient jdbc;

    ImportHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids of {@code POST /api/imports/{recordType}}, in their declared order. */
    public List<String> recordTypes() {
        return Arrays.stream(RecordType.values()).map(RecordType::id).toList();
    }

    public List<Job> latest(int limit) {
        return jdbc.sql("""
                        select id, record_type, file_name, status, started_by, started_at, finished_at, rows_read,
                               rows_inserted, rows_updated, rows_unchanged, error_count
                          from review.metric_import order by started_at desc, id limit ?""")
                .param(limit)
                .query((rs, n) -> new Job(
                        rs.getString("id"),
                        rs.getString("record_type"),
                        rs.getString("file_name"),
                        rs.getString("status"),
                        rs.getString("started_by"),
                        rs.getObject("started_at", OffsetDateTime.class),
                        rs.getObject("finished_at", OffsetDateTime.class),
                        rs.getLong("rows_read"),
                        (Long) rs.getObject("rows_inserted"),
                        (Long) rs.getObject("rows_updated"),
                        (Long) rs.getObject("rows_unchanged"),
                        rs.getLong("error_count")))
                .list();
    }
}
