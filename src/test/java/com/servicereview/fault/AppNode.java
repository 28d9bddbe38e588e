package com.servicereview.fault;

import com.servicereview.ServiceReviewApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole application in a child JVM, as an operator runs it: on an embedded data directory of
 * its own, or on an external database. {@link #kill()} is kill -9 (SIGKILL), nothing shuts down.
 */
final class AppNode {

    // A start takes 30 s on a quiet 2-core machine, several minutes while other builds share it.
    private static final Duration START_WAIT = Duration.ofMinutes(12);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final int port;
    final Path dataDir;
    final Path log;
    private final List<String> command;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    private AppNode(String name, Path work, Path dataDir, Map<String, String> environment, List<String> extraArgs)
            throws IOException {
        this.name = name;
        this.port = freePort();
        this.dataDir = dataDir;
        this.log = work.resolve(name + ".log");
        this.environment = environment;
        this.command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                ServiceReviewApplication.class.getName(),
                "--server.port=" + port,
                "--service-review.metrics.upload-dir=" + work.resolve(name + "-uploads"),
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                "--logging.level.org.camunda=WARN"));
        if (dataDir != null) {
            command.add("--service-review.embedded-db.data-dir=" + dataDir);
        }
        command.addAll(extraArgs);
    }

    /** A node on an embedded PostgreSQL in {@code dataDir}, kept between its starts. */
    static AppNode embedded(String name, Path work, List<String> extraArgs) throws IOException {
        return new AppNode(name, work, work.resolve(name + "-pg"), Map.of(), extraArgs);
    }

    /** A node on an external database. */
    static AppNode external(String name, Path work, String jdbcUrl, String user, String password) throws IOException {
        return new AppNode(
                name,
                work,
                null,
                Map.of(
                        "SPRING_DATASOURCE_URL",
                        jdbcUrl,
                        "SPRING_DATASOURCE_USERNAME",
                        user,
                        "SPRING_DATASOURCE_PASSWORD",
                        password),
                List.of());
    }

    Path uploads() {
        return log.resolveSibling(name + "-uploads");
    }

    /** Starts the JVM without waiting. */
    void launch() throws IOException {
        starts++;
        Files.writeString(log, "==== start " + starts + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** Waits until this start logged "Started ServiceReviewApplication"; fails if the JVM died first. */
    void awaitStarted() throws Exception {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log);
            String current = text.substring(text.lastIndexOf("==== start " + starts));
            // Spring logs "Started" before the runners (the demo loaders) have run: wait for a demo login too.
            if (current.contains("Started ServiceReviewApplication") && demoLoginWorks()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " died during start " + starts + "; see " + log);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not start within " + START_WAIT + "; see " + log);
    }

    private boolean demoLoginWorks() {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/engine-rest/user/zhaomin/profile"))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString("zhaomin:demo".getBytes(StandardCharsets.UTF_8)))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** kill -9 of the JVM. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** kill -9 of the embedded postmaster (the JVM's death alone leaves it running). */
    void killPostmaster() throws IOException, InterruptedException {
        long pid = Long.parseLong(
                Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The data directory, its lock file and the upload folder; call after {@link #stop()}. */
    void deleteFiles() throws IOException {
        if (dataDir != null) {
            Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + ".lock"));
        }
        for (Path dir : dataDir == null ? List.of(uploads()) : List.of(uploads(), dataDir)) {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A connection to this node's embedded database: port from postmaster.pid, the generated password. */
    Connection embeddedConnection() throws IOException, SQLException {
        List<String> pid = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres",
                "postgres",
                Files.readString(dataDir.resolve("service-review.password")).trim());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
