package com.servicereview.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one browser-test script from {@code src/test/e2e/} with Node:
 * {@code node src/test/e2e/<script> <baseUrl> <outputDir>}. The script drives headless Chromium with
 * playwright-core (see {@code src/test/e2e/tasklist.mjs}) and exits 0 when every step passed.
 *
 * <p>The Maven build prepares what the scripts need before the tests: {@code npm ci} in {@code tools/}
 * and {@code tools/ensure-chromium.sh}. Screenshots go to {@code <buildDir>/e2e} (system property
 * {@code e2e.outputDir}, set by Surefire; {@code target/e2e} when run from an IDE).
 */
final class BrowserScript {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private static final Logger log = LoggerFactory.getLogger(BrowserScript.class);
    private static final Path SCRIPTS = Path.of("src/test/e2e");
    private static final Path PLAYWRIGHT = Path.of("tools/node_modules/playwright-core/package.json");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private BrowserScript() {}

    /** What a script run gave: its exit code, everything it printed, and where its files are. */
    record Result(String script, int exitCode, String output, Path outputDir) {

        /** A file the script wrote, e.g. a screenshot: {@code <outputDir>/<name>}. */
        Path file(String name) {
            return outputDir.resolve(name);
        }

        @Override
        public String toString() {
            return script + " exited with " + exitCode + ", output:\n" + output;
        }
    }

    /** Where the scripts write screenshots. */
    static Path outputDir() {
        return Path.of(System.getProperty("e2e.outputDir", "target/e2e")).toAbsolutePath();
    }

    static Result run(String script, String baseUrl) {
        return run(script, baseUrl, DEFAULT_TIMEOUT);
    }

    /**
     * Runs {@code src/test/e2e/<script>} against the application at {@code baseUrl} and waits at most
     * {@code timeout}; its output goes to the test log line by line as it comes.
     *
     * @throws AssertionError when the script cannot start (no node, no playwright-core, no Chromium) or
     *         does not finish in time
     */
    static Result run(String script, String baseUrl, Duration timeout) {
        Path scriptFile = SCRIPTS.resolve(script).toAbsolutePath();
        requireFile(scriptFile, "the browser-test script");
        requireFile(
                PLAYWRIGHT.toAbsolutePath(),
                "playwright-core; install the tools with ./mvnw generate-test-resources (or npm ci --prefix tools)");
        requireFile(
                CHROMIUM, "Chromium; install it with tools/ensure-chromium.sh (as root) or apt-get install chromium");
        Path outputDir = outputDir();
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        List<String> command =
                List.of(System.getProperty("e2e.node", "node"), scriptFile.toString(), baseUrl, outputDir.toString());
        log.info("browser test: {}", String.join(" ", command));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start node (is Node.js 20+ on the PATH?): " + e.getMessage(), e);
        }

        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> copyOutput(process, script, output), "browser-script-" + script);
        reader.setDaemon(true);
        reader.start();

        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                reader.join(5_000);
                throw new AssertionError(script + " did not finish within " + timeout.toSeconds()
                        + " s and was stopped; output so far:\n" + snapshot(output));
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + script, e);
        }
        return new Result(script, process.exitValue(), snapshot(output), outputDir);
    }

    private static void copyOutput(Process process, String script, StringBuilder output) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.info("[{}] {}", script, line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            log.warn("[{}] output stopped: {}", script, e.getMessage());
        }
    }

    private static String snapshot(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Stops node and the Chromium processes it started. */
    private static void destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static void requireFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new AssertionError("missing " + file + ": " + what);
        }
    }
}
