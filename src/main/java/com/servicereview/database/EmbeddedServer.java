package com.servicereview.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL (zonky binaries) as this application runs it: durable unless told
 * otherwise, listening on 127.0.0.1 only, password (SCRAM) authentication for every connection with a
 * generated password kept in the data directory (owner-only), and a clean start after a crash (a
 * server left running by a killed JVM is stopped first; a second live instance is refused).
 */
final class EmbeddedServer implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
    static final String USER = "postgres";
    static final String DATABASE = "postgres";
    /** In the data directory, mode 0600: operators read it to connect with psql. */
    static final String PASSWORD_FILE = "service-review.password";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    // After kill -9 the server replays its WAL before it accepts connections; zonky's 10 s is tight.
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

    private final EmbeddedPostgres postgres;
    private final DataDirectoryLock lock;
    private final Path dataDir;
    private final String password;

    private EmbeddedServer(EmbeddedPostgres postgres, DataDirectoryLock lock, Path dataDir, String password) {
        this.postgres = postgres;
        this.lock = lock;
        this.dataDir = dataDir;
        this.password = password;
    }

    /**
     * Starts the server on {@code dataDir}, kept between runs, or on a new temporary directory
     * (deleted on close) when {@code dataDir} is null. {@code durable=false} turns fsync and
     * synchronous_commit off, for benchmarks only: a crash may then lose acknowledged commits.
     */
    static EmbeddedServer start(Path dataDir, boolean durable) throws IOException {
        boolean temporary = dataDir == null;
        Path dir = temporary ? temporaryDirectory() : dataDir.toAbsolutePath().normalize();
        DataDirectoryLock lock = null;
        try {
            if (!temporary) {
                Files.createDirectories(dir.getParent());
                lock = DataDirectoryLock.acquire(dir);
                StalePostmaster.stopIfRunning(dir);
            }
            boolean initialised = Files.exists(dir.resolve("postgresql.conf"));
            Path passwordFile = dir.resolve(PASSWORD_FILE);
            // A directory made before passwords existed: it still trusts local connections until we set one.
            boolean passwordless = initialised && !Files.exists(passwordFile);
            String password = initialised && !passwordless
                    ? Files.readString(passwordFile).trim()
                    : newPassword();
            String onOff = durable ? "on" : "off";
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(temporary)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // zonky passes -F (fsync off) and synchronous_commit=off; a later -c wins.
                    .setServerConfig("fsync", onOff)
                    .setServerConfig("synchronous_commit", onOff)
                    .setServerConfig("full_page_writes", "on")
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(initialisedDir -> {
                        writeHba(initialisedDir.toPath(), !passwordless);
                        if (!passwordless) {
                            writePasswordFile(passwordFile, password);
                        }
                    });
            Path initdbPassword = null;
            if (!initialised) {
                initdbPassword = Files.createTempFile(
                        "service-review-initdb-", ".pw", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.writeString(initdbPassword, password);
                // zonky hands locale settings to initdb as --key=value.
                builder.setLocaleConfig("pwfile", initdbPassword.toString());
            }
            EmbeddedPostgres postgres;
            try {
                postgres = builder.start();
            } finally {
                if (initdbPassword != null) {
                    Files.deleteIfExists(initdbPassword);
                }
            }
            if (passwordless) {
                setPassword(postgres, password);
                writePasswordFile(passwordFile, password);
                writeHba(dir, true);
                reloadConfiguration(postgres);
                log.info("Embedded PostgreSQL in {} now requires a password (kept in {})", dir, passwordFile);
            }
            if (durable) {
                log.info(
                        "Embedded PostgreSQL on 127.0.0.1:{}, data directory {}: durable (fsync, synchronous_commit on)",
                        postgres.getPort(),
                        temporary ? "(temporary)" : dir);
            } else {
                log.warn(
                        "Embedded PostgreSQL on 127.0.0.1:{} runs with fsync and synchronous_commit OFF"
                                + " (service-review.embedded-db.durable=false): benchmarks only, a crash may lose acknowledged work",
                        postgres.getPort());
            }
            return new EmbeddedServer(postgres, lock, dir, password);
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    int port() {
        return postgres.getPort();
    }

    String password() {
        return password;
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** Under zonky's working directory, whose clean-up stops a server that a killed test JVM left behind. */
    private static Path temporaryDirectory() throws IOException {
        Path parent = Path.of(System.getProperty(
                "ot.epg.working-dir", new File(System.getProperty("java.io.tmpdir"), "embedded-pg").getPath()));
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "service-review-");
    }

    private static String newPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Rewritten at every start, so the rules are ours whatever an earlier version or initdb wrote. */
    private static void writeHba(Path dir, boolean passwords) {
        String method = passwords ? "scram-sha-256" : "trust";
        try {
            Files.writeString(dir.resolve("pg_hba.conf"), """
                    # Written by Service Review at every start: loopback only%s.
                    local   all   all                  %s
                    host    all   all   127.0.0.1/32   %s
                    """.formatted(
                    passwords ? ", password (SCRAM) for everyone" : " (until the password is set)", method, method));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePasswordFile(Path file, String password) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            Files.writeString(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setPassword(EmbeddedPostgres postgres, String password) throws IOException {
        // The password is base64url: nothing to escape in the literal (ALTER ROLE takes no parameters).
        execute(postgres, "alter role " + USER + " password '" + password + "'");
    }

    private static void reloadConfiguration(EmbeddedPostgres postgres) throws IOException {
        execute(postgres, "select pg_reload_conf()");
    }

    private static void execute(EmbeddedPostgres postgres, String sql) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IOException("embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
