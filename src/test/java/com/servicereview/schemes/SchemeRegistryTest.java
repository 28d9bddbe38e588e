package com.servicereview.schemes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.servicereview.scoring.SchemeValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Start-up loading: invalid files stop the start; a published version cannot change silently. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SchemeRegistryTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @TempDir
    Path dir;

    private String builtIn(String id) throws IOException {
        try (var in =
                Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream("schemes/" + id + ".yaml"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private SchemeRegistry load() {
        return new SchemeRegistry(List.of("file:" + dir + "/*.yaml"), jdbc, transactions);
    }

    private int rows() {
        return jdbc.sql("select count(*) from review.scheme_version")
                .query(Integer.class)
                .single();
    }

    @Test
    void anEditedSchemeWithTheSameVersionIsRefusedAndNothingIsWritten() throws IOException {
        Files.writeString(
                dir.resolve("a-new.yaml"), builtIn("cs-manager").replace("id: cs-manager", "id: cs-manager-copy"));
        Files.writeString(
                dir.resolve("cs-staff-monthly.yaml"),
                builtIn("cs-staff-monthly").replace("bonusCap: 10", "bonusCap: 20"));
        int before = rows();
        assertThatThrownBy(this::load)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "scheme 'cs-staff-monthly' version 1 differs from the version already published; raise its version number to publish a change");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aNewVersionIsPublishedBesideTheOldOne() throws IOException {
        Files.writeString(
                dir.resolve("cs-staff-monthly-v2.yaml"),
                builtIn("cs-staff-monthly")
                        .replace("version: 1", "version: 2")
                        .replace("bonusCap: 10", "bonusCap: 20"));
        Files.writeString(dir.resolve("cs-staff-monthly.yaml"), builtIn("cs-staff-monthly"));
        SchemeRegistry registry = load();
        assertThat(registry.find("cs-staff-monthly", null))
                .hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(2));
        assertThat(registry.find("cs-staff-monthly", 1))
                .hasValueSatisfying(s -> assertThat(s.bonusCap()).isEqualTo(10));
        assertThat(jdbc.sql("select count(*) from review.scheme_version where scheme_id = 'cs-staff-monthly'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        jdbc.sql("delete from review.scheme_version where scheme_id = 'cs-staff-monthly' and version = 2")
                .update();
    }

    /** Two nodes starting at once with a version neither has recorded: the primary key decides, neither start fails. */
    @Test
    void twoNodesStartingTogetherRecordAVersionOnce() throws Exception {
        Files.writeString(
                dir.resolve("together.yaml"),
                builtIn("cs-manager").replace("id: cs-manager", "id: cs-manager-together"));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SchemeRegistry>> started = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                started.add(nodes.submit(() -> {
                    go.await();
                    return load();
                }));
            }
            go.countDown();
            for (Future<SchemeRegistry> node : started) {
                assertThat(node.get(60, TimeUnit.SECONDS).find("cs-manager-together", 1))
                        .isPresent();
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from review.scheme_version where scheme_id = 'cs-manager-together'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        jdbc.sql("delete from review.scheme_version where scheme_id = 'cs-manager-together'")
                .update();
    }

    @Test
    void anInvalidFileStopsTheStartWithEveryFault() throws IOException {
        Files.writeString(
                dir.resolve("broken.yaml"),
                builtIn("after-sales-team")
                        .replace("weight: 20", "weight: 25")
                        .replace("kind: lower-is-better", "kind: lower-is-betta"));
        assertThatThrownBy(this::load)
                .isInstanceOf(SchemeValidationException.class)
                .satisfies(e -> assertThat(((SchemeValidationException) e).problems())
                        .extracting(Object::toString)
                        .containsExactly(
                                "scheme 'after-sales-team', indicators: weights sum to 105, not 100 (W1); fix the weights or declare normalise: true",
                                "scheme 'after-sales-team', indicator 'handling-time', kind: unknown kind 'lower-is-betta'; known: ratio-to-target, "
                                        + "rate, threshold, lower-is-better, bracket-deduction, count-bracket, per-occurrence-deduction, "
                                        + "rank-relative, rated, multi-rater-average, event-deduction",
                                "scheme 'after-sales-team', indicator 'complaint-rate', kind: unknown kind 'lower-is-betta'; known: ratio-to-target, "
                                        + "rate, threshold, lower-is-better, bracket-deduction, count-bracket, per-occurrence-deduction, "
                                        + "rank-relative, rated, multi-rater-average, event-deduction"));
    }
}
