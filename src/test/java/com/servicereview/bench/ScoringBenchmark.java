package com.servicereview.bench;

import com.servicereview.scoring.BuiltInSchemes;
import com.servicereview.scoring.ForcedDistribution;
import com.servicereview.scoring.GradeScale;
import com.servicereview.scoring.Quota;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.ScoreInput;
import com.servicereview.scoring.ScoreResult;
import com.servicereview.scoring.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring throughput on one thread (target ≥ 1,000,000 cs-staff-monthly scorecards/s) and forced
 * distribution of 100,000 employees (target < 200 ms). Run: {@code ./mvnw -Pbench test-compile exec:exec}.
 */
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ScoringBenchmark {

    private static final int INPUTS = 1024;

    private Scheme staff;
    private ScoreInput[] inputs;
    private List<ForcedDistribution.EmployeeTotal> department;
    private int next;

    @Setup
    public void setUp() {
        staff = BuiltInSchemes.load("cs-staff-monthly");
        Random random = new Random(42);
        inputs = new ScoreInput[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            inputs[i] = new ScoreInput(
                    Map.of(
                            "complaint-rate",
                            random.nextInt(200) / 100.0,
                            "revisit-completion",
                            70 + random.nextInt(31) * 1.0,
                            "satisfaction",
                            70 + random.nextInt(31) * 1.0,
                            "failed-spot-checks",
                            random.nextInt(4) * 1.0,
                            "revisit-authenticity",
                            random.nextInt(8) * 1.0,
                            "report-authenticity",
                            random.nextInt(3) * 1.0),
                    random.nextInt(4) == 0
                            ? List.of(new ScoreInput.EventOccurrence("praise-letter", 1, null))
                            : List.of(),
                    Map.of(
                            "self",
                            Map.of("answer-quality", 20 + random.nextInt(11) * 1.0),
                            "supervisor",
                            Map.of("answer-quality", 18 + random.nextInt(13) * 1.0),
                            "group",
                            Map.of("answer-quality", 20 + random.nextInt(11) * 1.0)),
                    Map.of());
        }
        department = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            department.add(new ForcedDistribution.EmployeeTotal("emp-" + i, random.nextInt(10_001) / 100.0));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ScoreResult scoreCsStaffMonthly() {
        next = (next + 1) & (INPUTS - 1);
        return Scorer.score(staff, inputs[next]);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ForcedDistribution.Result distribute100k() {
        return ForcedDistribution.distribute(department, GradeScale.G1, Quota.G2);
    }
}
