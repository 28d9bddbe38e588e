package com.servicereview.scoring;

/** The indicator kinds of domain §1, by the id used in scheme files. */
public enum IndicatorKind {
    RATIO_TO_TARGET("ratio-to-target", true),
    RATE("rate", true),
    THRESHOLD("threshold", true),
    LOWER_IS_BETTER("lower-is-better", true),
    BRACKET_DEDUCTION("bracket-deduction", true),
    COUNT_BRACKET("count-bracket", true),
    PER_OCCURRENCE_DEDUCTION("per-occurrence-deduction", true),
    RANK_RELATIVE("rank-relative", true),
    RATED("rated", false),
    MULTI_RATER_AVERAGE("multi-rater-average", false),
    /** Points lost through adjustment events that the scheme links to this indicator (审计/纠错/通报). */
    EVENT_DEDUCTION("event-deduction", false);

    private final String id;
    private final boolean readsValue;

    IndicatorKind(String id, boolean readsValue) {
        this.id = id;
        this.readsValue = readsValue;
    }

    public String id() {
        return id;
    }

    /** Whether the indicator takes its input from {@code values[indicatorId]}. */
    public boolean readsValue() {
        return readsValue;
    }

    public static IndicatorKind fromId(String id) {
        for (IndicatorKind kind : values()) {
            if (kind.id.equals(id)) return kind;
        }
        return null;
    }
}
