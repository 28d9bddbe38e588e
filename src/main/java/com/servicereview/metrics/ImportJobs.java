package com.servicereview.metrics;

import com.servicereview.audit.AuditLog;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Runs imports as background jobs: a job is recorded as RUNNING, runs on a small pool of its own
 * (a large file takes seconds to minutes; the caller polls {@code GET /api/imports/{id}}), logs a
 * line every progress-every rows, and ends SUCCEEDED or FAILED with its errors. The uploaded file
 * is a temporary copy in the upload folder ({@code service-review.metrics.upload-dir}), deleted when
 * the job ends.
 *
 * <p>Crashes: while a job is RUNNING its node beats every {@value #HEARTBEAT_SECONDS} s. Every
 * node, at start-up and then at each beat, marks FAILED ("interrupted") the RUNNING jobs of other
 * nodes whose heartbeat is older than {@value #STALE_SECONDS} s and deletes their upload copies.
 * Only the database clock is compared, so the nodes' clocks do not matter.
 */
@Service
class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final int QUEUED_IMPORTS = 100;
    static final int HEARTBEAT_SECONDS = 10;
    static final int STALE_SECONDS = 30;
    private static final String UPLOAD_PREFIX = "metrics-import-";
    /** Tomcat spools multipart bodies here too (spring.servlet.multipart.location). */
    private static final String SPOOL_PREFIX = "upload_";

    private static final Duration ORPHAN_AGE = Duration.ofDays(1);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
    private final ScheduledExecutorService heartbeat;
    private final Path uploadDir;
    /** This JVM: a node that restarts is a new node, so it never mistakes its dead jobs for its own. */
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    ImportJobs(
            MetricsImporter importer,
            ImportJobRepository jobs,
            AuditLog audit,
            MetricsProperties properties,
            @Value("${service-review.metrics.upload-dir}") Path uploadDir)
            throws IOException {
        this.importer = importer;
        this.jobs = jobs;
        this.audit = audit;
        this.uploadDir = Files.createDirectories(uploadDir.toAbsolutePath().normalize());
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                properties.importThreads(),
                properties.importThreads(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_IMPORTS),
                r -> {
                    Thread thread = new Thread(r, "metrics-import-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "metrics-import-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, 0, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** A new, empty, owner-only file in the upload folder for an upload's copy; the caller deletes it on failure. */
    Path newUpload(String suffix) throws IOException {
        return Files.createTempFile(uploadDir, UPLOAD_PREFIX, suffix, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    private void beat() {
        try {
            jobs.heartbeat(node);
            for (ImportJobRepository.Interrupted job : jobs.interrupt(node, STALE_SECONDS)) {
                log.warn("Import {} was interrupted: node {} stopped beating; marked FAILED", job.id(), job.node());
                if (job.uploadPath() != null) {
                    delete(Path.of(job.uploadPath()));
                }
            }
            removeOrphanUploads();
        } catch (RuntimeException | IOException e) {
            // The next beat tries again; a missed beat is harmless until STALE_SECONDS have passed.
            log.warn("Import heartbeat failed: {}", e.getMessage());
        }
    }

    /**
     * Upload copies without a job (a node killed while copying) and Tomcat spool files, untouched for
     * a day: the folder may be shared with installations on other databases, whose running jobs this
     * node cannot see, so only what nobody can still be using goes.
     */
    private void removeOrphanUploads() throws IOException {
        Instant before = Instant.now().minus(ORPHAN_AGE);
        try (DirectoryStream<Path> uploads = Files.newDirectoryStream(
                uploadDir,
                file -> file.getFileName().toString().startsWith(UPLOAD_PREFIX)
                        || file.getFileName().toString().startsWith(SPOOL_PREFIX))) {
            for (Path upload : uploads) {
                if (Files.getLastModifiedTime(upload).toInstant().isBefore(before)) {
                    log.warn("Removing the orphaned upload copy {}", upload);
                    delete(upload);
                }
            }
        }
    }

    /** Records the job and queues it; the job owns {@code file} and deletes it. Returns the import id. */
    String submit(RecordType type, ImportFormat format, Path file, String fileName, String user) {
        String id = UUID.randomUUID().toString();
        jobs.create(
                id, type, fileName, format, user, node, file.toAbsolutePath().toString());
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
            log.info(
                    "Import {} {}: {} rows, {} errors, {}",
                    id,
                    outcome.succeeded() ? "succeeded" : "failed",
                    outcome.rowsRead(),
                    outcome.errors().count(),
                    outcome.timings());
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
        heartbeat.shutdownNow();
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) pool.shutdownNow();
    }
}
