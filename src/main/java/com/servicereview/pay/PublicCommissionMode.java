package com.servicereview.pay;

/** M2, chosen with {@code service-review.pay.public-commission}. */
public enum PublicCommissionMode {
    /** 2024 plan: public sales × 0.5% × own total ÷ sum of the cycle's totals. */
    PERFORMANCE_SHARE("performance-share"),
    /** Plan 5: public sales × 0.5% ÷ number of CS staff (the cycle's calibrated employees). */
    EQUAL("equal");

    public final String code;

    PublicCommissionMode(String code) {
        this.code = code;
    }

    public static PublicCommissionMode of(String code) {
        for (PublicCommissionMode mode : values()) if (mode.code.equalsIgnoreCase(code.trim())) return mode;
        throw new IllegalArgumentException(
                "service-review.pay.public-commission must be performance-share or equal, not " + code);
    }
}
