package com.servicereview.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The digest that recognises a re-imported row (V27) tells every two different rows and rules apart. */
class RowDigestTest {

    private static String digest(RowDigest digest, String... values) {
        StringBuilder out = new StringBuilder();
        digest.appendTo(out, values);
        return out.toString();
    }

    @Test
    void differentValuesNullsAndBoundariesGiveDifferentDigests() {
        RowDigest digest = new RowDigest("rules");
        String row = digest(digest, "S1", "agent1", "chat");

        assertThat(row).hasSize(32).matches("[0-9a-f]+");
        assertThat(digest(digest, "S1", "agent1", "chat")).isEqualTo(row);
        assertThat(List.of(
                        digest(digest, "S1", "agent1", "call"),
                        digest(digest, "S1a", "gent1", "chat"),
                        digest(digest, "S1", "agent1chat", null),
                        digest(digest, "S1", "agent1", ""),
                        digest(digest, "S1", "agent1", null),
                        digest(digest, "S1", "agent1", "chat", null)))
                .doesNotContain(row)
                .doesNotHaveDuplicates();
    }

    @Test
    void aLongRowIsDigestedWhole() {
        RowDigest digest = new RowDigest("rules");
        String longValue = "长".repeat(5_000);

        assertThat(digest(digest, "S1", longValue + "x"))
                .isEqualTo(digest(digest, "S1", longValue + "x"))
                .isNotEqualTo(digest(digest, "S1", longValue + "y"));
    }

    @Test
    void otherRulesGiveOtherDigests() {
        StagingValidator.Rules rules =
                new StagingValidator.Rules(RecordType.SESSIONS, RecordType.SESSIONS.checks(null));
        StagingValidator.Rules laxer = new StagingValidator.Rules(RecordType.SESSIONS, List.of());
        String[] row = {"S1", "agent1", "chat", "in", "2030-01-02 08:00", "answered", "5", "no", "no", "no", "0"};

        assertThat(digest(RecordStore.digestFor(rules), row)).isEqualTo(digest(RecordStore.digestFor(rules), row));
        assertThat(digest(RecordStore.digestFor(laxer), row)).isNotEqualTo(digest(RecordStore.digestFor(rules), row));
    }
}
