package com.servicereview.metrics;

import com.servicereview.audit.AuditLog;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs imports as background jobs: a job is recorded as RUNNING, runs on a small pool of its own
 * (a large file takes seconds to minutes; the caller polls {@code GET /api/imports/{id}}), logs a
 * line every progress-every rows, and ends SUCCEEDED or FAILED with its errors. The uploaded file
 * is a temporary copy, deleted when the job ends.
 */
@Service
class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final int QUEUED_IMPORTS = 100;

    /** More imports are waiting than the queue holds. */
    static final class BusyException extends RuntimeException {
        BusyException() {
            super("too many imports are waiting; try again later");
        }
    }

    private final MetricsImporter importer;
    private final ImportJobRepository jobs;
    private final AuditLog audit;
    private final ExecutorService pool;

    ImportJobs(MetricsImporter importer, ImportJobRepository jobs, AuditLog audit, MetricsProperties properties) {
        this.importer = importer;
        this.jobs = jobs;
        this.audit = audit;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(properties.importThreads(), properties.importThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_IMPORTS), r -> {
                    Thread thread = new Thread(r, "metrics-import-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Records the job and queues it; the job owns {@code file} and deletes it. Returns the import id. */
    String submit(RecordType type, ImportFormat format, Path file, String fileName, String user) {
        String id = UUID.randomUUID().toString();
        jobs.create(id, type, fileName, format, user);
        try {
            pool.execute(() -> run(id, type, format, file, fileName, user));
        } catch (RejectedExecutionException e) {
            jobs.crashed(id, "refused: too many imports are waiting");
            delete(file);
            throw new BusyException();
        }
        return id;
    }

    private void run(String id, RecordType type, ImportFormat format, Path file, String fileName, String user) {
        log.info("Import {} started: {} from {} ({})", id, type.id(), fileName, format);
        try {
            MetricsImporter.Outcome outcome = importer.run(id, type, format, file, fileName, rows -> {
                log.info("Import {}: {} rows read", id, rows);
                jobs.progress(id, rows);
            });
            jobs.finished(id, outcome);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("recordType", type.id());
            detail.put("file", fileName);
            detail.put("rows", outcome.rowsRead());
            detail.put("errors", outcome.errors().count());
            if (outcome.succeeded()) {
                detail.put("inserted", outcome.stored().inserted());
                detail.put("updated", outcome.stored().updated());
                detail.put("periods", outcome.periods());
            }
            audit.record(user, outcome.succeeded() ? "metrics.import" : "metrics.import-refused", id, detail);
            log.info("Import {} {}: {} rows, {} errors, {}", id, outcome.succeeded() ? "succeeded" : "failed",
                    outcome.rowsRead(), outcome.errors().count(), outcome.timings());
        } catch (RuntimeException e) {
            log.error("Import {} broke off", id, e);
            jobs.crashed(id, "the import broke off and changed nothing: " + e.getMessage());
        } finally {
            delete(file);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the uploaded copy {}", file, e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) pool.shutdownNow();
    }
}
