package com.servicereview.scoring;

/** The five grades of G1, best first. */
public enum Grade {
    OUTSTANDING("非常优秀", "Outstanding"),
    EXCELLENT("优秀", "Excellent"),
    MEDIUM("中等", "Medium"),
    NEEDS_IMPROVEMENT("需要改进", "Needs improvement"),
    URGENT_IMPROVEMENT("急需改进", "Urgent improvement");

    private final String labelZh;
    private final String labelEn;

    Grade(String labelZh, String labelEn) {
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }

    /** G3 and P8: these grades need supporting facts and an interview. */
    public boolean needsSupportingFacts() {
        return this == OUTSTANDING || this == URGENT_IMPROVEMENT;
    }

    /** The next lower grade, or this one if it is already the lowest. */
    public Grade lower() {
        return this == URGENT_IMPROVEMENT ? this : values()[ordinal() + 1];
    }
}
