package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An import left RUNNING by a node that died (its heartbeat stopped) is marked FAILED
 * "interrupted" by a live node within a heartbeat, and its upload copy is removed; a running import
 * whose node still beats is left alone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InterruptedImportsTest {

    @Autowired
    JdbcClient jdbc;

    @Value("${service-review.metrics.upload-dir}")
    Path uploadDir;

    @Test
    void aDeadNodesImportIsFailedAndItsCopyRemoved() throws Exception {
        Path copy = Files.createTempFile(Files.createDirectories(uploadDir), "metrics-import-", ".upload");
        String dead = insertRunning("dead-node", "now() - interval '5 minutes'", copy);
        String alive = insertRunning("live-node", "now() + interval '1 hour'", null);

        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        while (!"FAILED".equals(status(dead).get("status")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(status(dead)).containsEntry("status", "FAILED");
        assertThat((String) status(dead).get("message"))
                .startsWith("已中断：执行它的节点（dead-node）已停止")
                .contains("/ interrupted: the node running it (dead-node) stopped");
        assertThat(copy).doesNotExist();
        assertThat(status(alive)).containsEntry("status", "RUNNING");
        jdbc.sql("delete from review.metric_import where id in (?, ?)")
                .params(dead, alive)
                .update();
    }

    private String insertRunning(String node, String heartbeat, Path upload) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into review.metric_import (id, record_type, file_name, format, status, started_by, node, heartbeat_at, upload_path)
                values (:id, 'sessions', 'sessions.csv', 'CSV', 'RUNNING', 'zhaomin', :node, %s, :upload)""".formatted(heartbeat))
                .param("id", id)
                .param("node", node)
                .param("upload", upload == null ? null : upload.toString())
                .update();
        return id;
    }

    private Map<String, Object> status(String id) {
        return jdbc.sql("select status, message from review.metric_import where id = ?")
                .param(id)
                .query()
                .singleRow();
    }
}
