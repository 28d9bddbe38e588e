package com.servicereview.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import jobs in {@code review.metric_import}. Every write commits on its own (a new
 * transaction), so progress is visible while the import's own transaction is still open.
 */
@Repository
public class ImportJobRepository {

    /** An import job as the status endpoint and the console's history show it; the counts are null until it succeeded. */
    public record ImportJob(
            String importId,
            String recordType,
            String fileName,
            String format,
            String status,
            String startedBy,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            long rowsRead,
            Long inserted,
            Long updated,
            Long unchanged,
            List<String> periods,
            long errorCount,
            JsonNode errors,
            long moreErrors,
            String message,
            JsonNode timings) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final ObjectMapper json;

    ImportJobRepository(JdbcClient jdbc, PlatformTransactionManager transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
    }

    /** A job left RUNNING by a node that stopped beating, now FAILED. */
    record Interrupted(String id, String node, String uploadPath) {}

    void create(
            String id,
            RecordType type,
            String fileName,
            ImportFormat format,
            String user,
            String node,
            String uploadPath) {
        write(
                """
                insert into review.metric_import (id, record_type, file_name, format, status, started_by, node, heartbeat_at, upload_path)
                values (:id, :type, :file, :format, 'RUNNING', :user, :node, now(), :upload)""",
                Map.of(
                        "id",
                        id,
                        "type",
                        type.id(),
                        "file",
                        fileName,
                        "format",
                        format.name(),
                        "user",
                        user,
                        "node",
                        node,
                        "upload",
                        uploadPath));
    }

    /** This node is alive: its RUNNING jobs (queued ones too) are not interrupted. */
    void heartbeat(String node) {
        write(
                "update review.metric_import set heartbeat_at = now() where node = :node and status = 'RUNNING'",
                Map.of("node", node));
    }

    /**
     * Marks FAILED the RUNNING jobs of other nodes that have not beaten for {@code staleSeconds}
     * (rows from before heartbeats count from their start) and returns them.
     */
    List<Interrupted> interrupt(String node, int staleSeconds) {
        return ownTransaction.execute(status -> jdbc.sql("""
                update review.metric_import
                   set status = 'FAILED', finished_at = now(),
                       message = '已中断：执行它的节点（' || coalesce(node, 'unknown') || '）已停止，未导入任何数据，请重新导入'
                                 || ' / interrupted: the node running it (' || coalesce(node, 'unknown') || ') stopped;'
                                 || ' nothing was imported, import the file again'
                 where status = 'RUNNING' and node is distinct from :node
                   and coalesce(heartbeat_at, started_at) < now() - make_interval(secs => :stale)
                returning id, node, upload_path""")
                .param("node", node)
                .param("stale", staleSeconds)
                .query((rs, n) ->
                        new Interrupted(rs.getString("id"), rs.getString("node"), rs.getString("upload_path")))
                .list());
    }

    void progress(String id, long rowsRead) {
        write("update review.metric_import set rows_read = :rows where id = :id", Map.of("id", id, "rows", rowsRead));
    }

    void finished(String id, MetricsImporter.Outcome outcome) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", id);
        params.put("status", outcome.succeeded() ? "SUCCEEDED" : "FAILED");
        params.put("rows", outcome.rowsRead());
        params.put(
                "inserted", outcome.stored() == null ? null : outcome.stored().inserted());
        params.put("updated", outcome.stored() == null ? null : outcome.stored().updated());
        params.put(
                "unchanged", outcome.stored() == null ? null : outcome.stored().unchanged());
        params.put(
                "periods", outcome.periods() == null ? null : outcome.periods().toArray(String[]::new));
        params.put("errorCount", outcome.errors().count());
        params.put(
                "errors",
                toJson(outcome.errors().shown().stream()
                        .map(ImportJobRepository::errorJson)
                        .toList()));
        params.put(
                "message",
                outcome.succeeded()
                        ? null
                        : outcome.errors().count() + " 个错误，未导入任何数据 / "
                                + outcome.errors().count() + " error(s); nothing was imported");
        params.put("timings", toJson(outcome.timings()));
        write("""
                update review.metric_import
                   set status = :status, finished_at = now(), rows_read = :rows, rows_inserted = :inserted,
                       rows_updated = :updated, rows_unchanged = :unchanged, periods = :periods,
                       error_count = :errorCount, errors = cast(:errors as jsonb), message = :message,
                       timings = cast(:timings as jsonb)
                 where id = :id""", params);
    }

    /** The import broke off (not a data error): nothing was imported. */
    void crashed(String id, String message) {
        write("""
                update review.metric_import set status = 'FAILED', finished_at = now(), message = :message where id = :id""", Map.of("id", id, "message", message));
    }

    Optional<ImportJob> find(String id) {
        return jdbc.sql("select * from review.metric_import where id = :id")
                .param("id", id)
                .query(this::job)
                .optional();
    }

    /** The latest jobs, newest first (the console's history). */
    public List<ImportJob> latest(int limit) {
        return jdbc.sql("select * from review.metric_import order by started_at desc, id limit :limit")
                .param("limit", limit)
                .query(this::job)
                .list();
    }

    private ImportJob job(ResultSet rs, int n) throws SQLException {
        JsonNode errors = readJson(rs.getString("errors"));
        Array periods = rs.getArray("periods");
        return new ImportJob(
                rs.getString("id"),
                rs.getString("record_type"),
                rs.getString("file_name"),
                rs.getString("format"),
                rs.getString("status"),
                rs.getString("started_by"),
                rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class),
                rs.getLong("rows_read"),
                (Long) rs.getObject("rows_inserted"),
                (Long) rs.getObject("rows_updated"),
                (Long) rs.getObject("rows_unchanged"),
                periods == null ? null : Arrays.asList((String[]) periods.getArray()),
                rs.getLong("error_count"),
                errors,
                rs.getLong("error_count") - errors.size(),
                rs.getString("message"),
                readJson(rs.getString("timings")));
    }

    private static Map<String, Object> errorJson(ImportError error) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("file", error.file());
        if (error.sheet() != null) map.put("sheet", error.sheet());
        map.put("row", error.row());
        map.put("column", error.column());
        map.put("value", error.value());
        map.put("reason", error.reason());
        map.put("message", error.message());
        return map;
    }

    private void write(String sql, Map<String, ?> params) {
        ownTransaction.executeWithoutResult(
                status -> jdbc.sql(sql).params(params).update());
    }

    private JsonNode readJson(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored import outcome is not JSON", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("import outcome is not serialisable", e);
        }
    }
}
