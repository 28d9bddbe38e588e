package com.servicereview.pay;

/**
 * The lines of one employee's pay for a cycle, in export column order. {@link #paid} lines add up to
 * {@link #MONTHLY_PAY} (M3); the quarter and year parts of the M4 bonus are only shown as accrued.
 */
public enum PayLineKind {
    POST_SALARY("post-salary", "岗位工资", "Post salary", true),
    PERSONAL_COMMISSION("personal-commission", "个人提成(M1)", "Personal commission (M1)", true),
    PUBLIC_COMMISSION("public-commission", "公共提成(M2)", "Public commission (M2)", true),
    BONUS_MONTH("bonus-month", "月度奖金(M4 5/10)", "Monthly bonus (M4 5/10)", true),
    SENIORITY_PAY("seniority-pay", "工龄工资", "Seniority pay", true),
    CONSEQUENCE_C1("consequence-c1", "排名奖罚(C1)", "Ranking reward/deduction (C1)", true),
    CONSEQUENCE_C2("consequence-c2", "连续第一奖励(C2)", "Three months #1 bonus (C2)", true),
    MONTHLY_PAY("monthly-pay", "应发合计(M3)", "Monthly pay (M3)", false),
    BONUS_QUARTER_ACCRUED("bonus-quarter-accrued", "季度奖金计提(M4 2/10)", "Quarterly bonus accrued (M4 2/10)", false),
    BONUS_YEAR_ACCRUED("bonus-year-accrued", "年度奖金计提(M4 3/10)", "Annual bonus accrued (M4 3/10)", false);

    public final String code;
    public final String nameZh;
    public final String nameEn;
    /** Part of this month's pay (summed into {@link #MONTHLY_PAY}). */
    public final boolean paid;

    PayLineKind(String code, String nameZh, String nameEn, boolean paid) {
        this.code = code;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.paid = paid;
    }

    public String header() {
        return nameZh + " " + nameEn;
    }

    public static PayLineKind of(String code) {
        for (PayLineKind kind : values()) if (kind.code.equals(code)) return kind;
        throw new IllegalArgumentException("unknown pay line kind " + code);
    }
}
