package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server comes back by itself after kill -9, and never touches what is not its own. */
class EmbeddedServerRestartTest {

    @TempDir
    Path tmp;

    @Test
    void restartsAfterKill9OfTheJvmAndRefusesASecondLiveInstance() throws Exception {
        Path dataDir = tmp.resolve("pg");
        Process child = startChild(dataDir);
        try {
            long postmaster = postmasterPid(dataDir);
            assertThatThrownBy(() -> EmbeddedServer.start(dataDir, true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(
                            "Another Service Review instance is using the embedded database in " + dataDir);
            assertThat(alive(postmaster))
                    .as("a refused start leaves the live instance's server alone")
                    .isTrue();

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(alive(postmaster))
                    .as("zonky's postmaster outlives a killed JVM")
                    .isTrue();

            long started = System.nanoTime();
            try (EmbeddedServer server = EmbeddedServer.start(dataDir, true)) {
                System.out.printf(
                        "restart after kill -9 of the JVM: %d ms%n", (System.nanoTime() - started) / 1_000_000);
                assertThat(alive(postmaster)).as("the stale server was stopped").isFalse();
                assertThat(query(server, "select count(*) from child_marker")).isEqualTo("1");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void restartsAfterKill9OfTheJvmAndThePostmasterWithTheCommittedRow() throws Exception {
        Path dataDir = tmp.resolve("pg");
        Process child = startChild(dataDir);
        long postmaster = postmasterPid(dataDir);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        new ProcessBuilder("kill", "-9", Long.toString(postmaster))
                .inheritIO()
                .start()
                .waitFor();
        long started = System.nanoTime();
        try (EmbeddedServer server = EmbeddedServer.start(dataDir, true)) {
            System.out.printf(
                    "restart after kill -9 of the JVM and the postmaster: %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(query(server, "select count(*) from child_marker"))
                    .as("committed before READY, so on disk")
                    .isEqualTo("1");
        }
    }

    @Test
    void aPidFileNamingAnotherLiveProcessIsNotKilled() throws Exception {
        Path dataDir = tmp.resolve("pg");
        EmbeddedServer.start(dataDir, true).close();
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dataDir.resolve("postmaster.pid"), stranger.pid() + "\n" + dataDir + "\n");
            try (EmbeddedServer server = EmbeddedServer.start(dataDir, true)) {
                assertThat(query(server, "select 1")).isEqualTo("1");
            }
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void aDataDirectoryFromBeforePasswordsGetsOne() throws Exception {
        Path dataDir = tmp.resolve("pg");
        EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start()
                .close();
        try (EmbeddedServer server = EmbeddedServer.start(dataDir, true)) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, "")
                            .close())
                    .isInstanceOf(SQLException.class);
            assertThat(query(server, "select 1")).isEqualTo("1");
        }
        try (EmbeddedServer again = EmbeddedServer.start(dataDir, true)) {
            assertThat(query(again, "select 1"))
                    .as("the stored password is used on the next start")
                    .isEqualTo("1");
        }
    }

    @Test
    void onlyAPostgresOfThisVeryDirectoryCountsAsOurs() throws Exception {
        Path dataDir = Files.createDirectories(tmp.resolve("pg"));
        Path other = Files.createDirectories(tmp.resolve("other"));
        assertThat(StalePostmaster.isPostgresOf(
                        List.of("/opt/pg/bin/postgres", "-D", dataDir.toString(), "-p", "5432"), dataDir))
                .isTrue();
        assertThat(StalePostmaster.isPostgresOf(List.of("/opt/pg/bin/postgres", "-D", other.toString()), dataDir))
                .isFalse();
        assertThat(StalePostmaster.isPostgresOf(List.of("/usr/bin/sleep", "-D", dataDir.toString()), dataDir))
                .isFalse();
        assertThat(StalePostmaster.isPostgresOf(List.of("/opt/pg/bin/postgres"), dataDir))
                .isFalse();
    }

    private static Process startChild(Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedServerChild.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder log = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                // Keep draining so that the child never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(ignored -> {});
                    } catch (UncheckedIOException killed) {
                        // the test killed the child
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return child;
            }
            log.append(line).append(System.lineSeparator());
        }
        throw new IllegalStateException("the child server did not start:\n" + log);
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(
                Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !StalePostmaster.isZombie(pid);
    }

    private static String query(EmbeddedServer server, String sql) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(server.jdbcUrl(), EmbeddedServer.USER, server.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
