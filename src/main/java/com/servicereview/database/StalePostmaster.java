package com.servicereview.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running by an earlier start of this application that died without
 * stopping it (kill -9 of the JVM: zonky's postmaster is a daemon and outlives it). Called only while
 * holding the {@link DataDirectoryLock}, so no live instance of ours uses that server any more.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    private StalePostmaster() {}

    /**
     * Stops the server named by {@code postmaster.pid} if it is a postgres of exactly this data
     * directory (fast shutdown, as {@code pg_ctl stop -m fast}); removes a pid file that names a
     * live process of something else (a reused PID, which PostgreSQL itself would take for a running
     * server). A process that cannot be identified is left alone and the start refused.
     */
    static void stopIfRunning(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (NoSuchFileException e) {
            return;
        }
        if (lines.size() < 2) {
            return; // half-written by a crashing postmaster: PostgreSQL deals with it
        }
        long pid = Long.parseLong(lines.get(0).trim());
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // dead: PostgreSQL removes its own stale pid file
        }
        Optional<List<String>> commandLine = isZombie(pid) ? Optional.empty() : commandLine(process.get());
        // An empty command line: killed a moment ago and still exiting, or exited and not reaped.
        if (commandLine.isEmpty() && exitsSoon(process.get())) {
            clearIfUnreaped(dataDir, pid, lines);
            return;
        }
        if (commandLine.isEmpty()) {
            throw new IllegalStateException(
                    "postmaster.pid in " + dataDir + " names PID " + pid
                            + ", whose command line cannot be read; stop it by hand if it is a PostgreSQL server of this directory");
        }
        if (!samePath(Path.of(lines.get(1).trim()), dataDir) || !isPostgresOf(commandLine.get(), dataDir)) {
            log.warn(
                    "postmaster.pid in {} names PID {} ({}), which is not a PostgreSQL server of this directory:"
                            + " removing the stale pid file",
                    dataDir,
                    pid,
                    String.join(" ", commandLine.get()));
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("Stopping the PostgreSQL server (PID {}) that an earlier start left running on {}", pid, dataDir);
        long started = System.nanoTime();
        signal("INT", pid);
        if (!waitForExit(process.get())) {
            throw new IllegalStateException("The PostgreSQL server (PID " + pid + ") left running on " + dataDir
                    + " did not stop within " + STOP_WAIT.toSeconds() + " s");
        }
        clearIfUnreaped(dataDir, pid, lines);
        log.info(
                "Stopped the stale PostgreSQL server (PID {}) in {} ms",
                pid,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * PostgreSQL takes an exited but unreaped PID for a running server and refuses to start; then the
     * pid file goes, once no old backend is attached to its shared memory (the interlock PostgreSQL
     * itself checks with the pid file).
     */
    private static void clearIfUnreaped(Path dataDir, long pid, List<String> lines) throws IOException {
        if (isZombie(pid)) {
            awaitDetached(dataDir, lines);
            Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
            log.info("Removed postmaster.pid of the exited, not yet reaped PostgreSQL server (PID {})", pid);
        }
    }

    static boolean isPostgresOf(List<String> commandLine, Path dataDir) {
        if (commandLine.isEmpty()
                || !Path.of(commandLine.get(0)).getFileName().toString().equals("postgres")) {
            return false;
        }
        int option = commandLine.indexOf("-D");
        return option >= 0
                && option + 1 < commandLine.size()
                && samePath(Path.of(commandLine.get(option + 1)), dataDir);
    }

    /** /proc/PID/cmdline on Linux, the JDK's view elsewhere. */
    private static Optional<List<String>> commandLine(ProcessHandle process) throws IOException {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        if (Files.isReadable(proc)) {
            String raw = Files.readString(proc);
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(List.of(raw.split("\0")));
        }
        ProcessHandle.Info info = process.info();
        return info.command().map(command -> {
            List<String> line = new ArrayList<>();
            line.add(command);
            info.arguments().ifPresent(arguments -> line.addAll(List.of(arguments)));
            return line;
        });
    }

    private static boolean exitsSoon(ProcessHandle process) throws IOException {
        long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() || isZombie(process.pid())) {
                return true;
            }
            pause();
        }
        return false;
    }

    /**
     * Waits until the SysV segment named on line 7 of postmaster.pid ("key shmid") has no process
     * attached (/proc/sysvipc/shm, column nattch): backends of a killed postmaster exit on their own soon.
     */
    private static void awaitDetached(Path dataDir, List<String> pidFile) throws IOException {
        Path segments = Path.of("/proc/sysvipc/shm");
        if (pidFile.size() < 7 || !Files.isReadable(segments)) {
            return;
        }
        String[] ids = pidFile.get(6).trim().split("\\s+");
        if (ids.length < 2) {
            return;
        }
        String shmid = ids[1];
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (attached(segments, shmid)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Processes of the killed PostgreSQL server of " + dataDir
                        + " are still attached to its shared memory (shmid " + shmid + "); stop them by hand");
            }
            pause();
        }
    }

    private static boolean attached(Path segments, String shmid) throws IOException {
        for (String line : Files.readAllLines(segments)) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length > 6 && columns[1].equals(shmid)) {
                return !columns[6].equals("0");
            }
        }
        return false;
    }

    /** An exited server whose parent has not reaped it yet (PID 1 in some containers never does). */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean samePath(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static void signal(String signal, long pid) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            kill.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PID " + pid, e);
        }
    }

    private static boolean waitForExit(ProcessHandle process) throws IOException {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (process.isAlive() && !isZombie(process.pid())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the stale PostgreSQL server", e);
        }
    }
}
