package com.servicereview.scoring;

/**
 * T1 (online-cs-monthly): the level a person is placed at from their self total and their
 * supervisor's total. The seed says "both ≥ 90", "both in [80, 90)", …; when the two totals fall in
 * different bands, the lower total decides, so a level is only given when both reach it.
 */
public enum Tier {
    SENIOR("高级客服", "Senior"),
    INTERMEDIATE("中级客服", "Intermediate"),
    JUNIOR("初级客服", "Junior"),
    WARNING("警告并深度面谈", "Warning and in-depth interview"),
    SEPARATION_REVIEW("辞退评审", "Separation review");

    private final String labelZh;
    private final String labelEn;

    Tier(String labelZh, String labelEn) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }

    /**
     * @param warnedLastCycle whether the previous cycle ended in WARNING (and coaching followed);
     *                        still below 70 then means a separation review
     */
    public static Tier of(double selfTotal, double supervisorTotal, boolean warnedLastCycle) {
        double lower = Math.min(selfTotal, supervisorTotal);
        if (lower >= 90) return SENIOR;
        if (lower >= 80) return INTERMEDIATE;
        if (lower >= 70) return JUNIOR;
        return warnedLastCycle ? SEPARATION_REVIEW : WARNING;
    }
}
