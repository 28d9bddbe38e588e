package com.servicereview.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every benchmark prints beside its figures: the machine's load and the database's settings; and a stopwatch. */
public final class BenchMachine {

    private BenchMachine() {}

    /** The 1, 5 and 15 minute load averages: the machine may be shared, so every figure goes with its load. */
    public static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A PostgreSQL setting as the benchmark's connection sees it (fsync, synchronous_commit…). */
    public static String setting(JdbcClient jdbc, String name) {
        return jdbc.sql("select current_setting('" + name + "')")
                .query(String.class)
                .single();
    }

    /** Seconds since {@code since} (a {@link System#nanoTime()}). */
    public static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
