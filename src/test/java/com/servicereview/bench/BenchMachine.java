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

    /** CPU time used so far by this JVM and by the PostgreSQL processes running now (all users'), in seconds. */
    public record Cpu(double jvmSeconds, double postgresSeconds) {
        public Cpu minus(Cpu earlier) {
            return new Cpu(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds);
        }
    }

    /**
     * From {@code /proc/<pid>/stat} (user + system time, in clock ticks of 1/100 s): where the 2 cores went, this
     * JVM or the database. A PostgreSQL backend that ends in between takes its time with it; the pool's stay.
     */
    public static Cpu cpu() {
        long self = ProcessHandle.current().pid();
        long jvm = 0;
        long postgres = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String command = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                if (Long.parseLong(name) == self) jvm += ticks;
                else if (command.startsWith("postgres")) postgres += ticks;
            }
        } catch (IOException e) {
            return new Cpu(Double.NaN, Double.NaN);
        }
        return new Cpu(jvm / 100.0, postgres / 100.0);
    }

    /** Seconds since {@code since} (a {@link System#nanoTime()}). */
    public static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
