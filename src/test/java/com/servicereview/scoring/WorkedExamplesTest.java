package com.servicereview.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One worked example per built-in scheme, computed by hand from the seed text (arithmetic in the
 * comments). Each example checks the breakdown line by line, then the total and the grade.
 */
class WorkedExamplesTest {

    static ScoreInput csStaffInput() {
        return csStaffInput(List.of(new ScoreInput.EventOccurrence("audit-notice", 1, -4.0)));
    }

    static ScoreInput csStaffInput(List<ScoreInput.EventOccurrence> events) {
        return new ScoreInput(
                Map.of(
                        "failed-spot-checks",
                        1.0,
                        "complaint-rate",
                        0.3,
                        "revisit-completion",
                        96.0,
                        "revisit-authenticity",
                        1.0,
                        "satisfaction",
                        100.0,
                        "report-authenticity",
                        0.0),
                events,
                Map.of(
                        "self",
                        Map.of("answer-quality", 27.0),
                        "supervisor",
                        Map.of("answer-quality", 24.0),
                        "group",
                        Map.of("answer-quality", 25.0)),
                Map.of());
    }

    private static List<Double> points(ScoreResult result) {
        return result.breakdown().stream().map(ScoreResult.Line::points).toList();
    }

    @Test
    void csStaffMonthly() {
        List<ScoreInput.EventOccurrence> events = List.of(
                new ScoreInput.EventOccurrence("audit-notice", 1, -4.0),
                new ScoreInput.EventOccurrence("praise-letter", 2, null),
                new ScoreInput.EventOccurrence("department-criticism", 1, null),
                new ScoreInput.EventOccurrence("company-praise", 1, null));
        ScoreResult r = Scorer.score(BuiltInSchemes.load("cs-staff-monthly"), csStaffInput(events));
        // 专业技能、接听质量 30: 0.15 × 27 + 0.60 × 24 + 0.25 × 25 = 4.05 + 14.40 + 6.25 = 24.70; 1 failed spot check −2 → 22.70
        // 客户投诉解决率 20: 0.3% in (0, 0.4] → −2 → 18
        // 回访完成率 10: 96% in [95, 100) "95%以下" → −1 → 9
        // 回访真实度 10: 1 false revisit → −1 → 9
        // 客户满意度 10: 100% → 0 → 10
        // 报表上交真实性 10: 0 untrue reports → 10
        // 审计、纠错及行政通报 10: one audit notice −4 → 6
        // lines: 22.70 + 18 + 9 + 9 + 10 + 10 + 6 = 84.70
        // events: praise letter 2 × +1, department criticism −2, company praise +3 → +3 → 87.70 → EXCELLENT (85–94.99)
        assertThat(points(r)).containsExactly(22.70, 18.0, 9.0, 9.0, 10.0, 10.0, 6.0);
        assertThat(r.total()).isEqualTo(87.70);
        assertThat(r.grade()).isEqualTo(Grade.EXCELLENT);
        assertThat(r.adjustments()).extracting(ScoreResult.Adjustment::points).containsExactly(-4.0, 2.0, -2.0, 3.0);
        // R2: self 27 − 2 = 25 (+2.30 on 22.70) → 90.00; supervisor 24 − 2 = 22 (−0.70) → 87.00; group 25 − 2 = 23
        // (+0.30) → 88.00
        assertThat(r.raterTotals())
                .containsExactly(Map.entry("self", 90.0), Map.entry("supervisor", 87.0), Map.entry("group", 88.0));
        assertThat(r.schemeId()).isEqualTo("cs-staff-monthly");
        assertThat(r.schemeVersion()).isEqualTo(1);
    }

    @Test
    void ecommerceCs2024() {
        Scheme scheme = BuiltInSchemes.load("ecommerce-cs-2024");
        Map<String, Map<String, Double>> skill = Map.of(
                "warehouse",
                Map.of("skill-test", 9.0),
                "operations",
                Map.of("skill-test", 8.0),
                "supervisor",
                Map.of("skill-test", 10.0, "service-attitude", 8.0));
        Map<String, ScoreInput> team = new LinkedHashMap<>();
        team.put("a", ecommerce(40, 120.5, skill));
        team.put(
                "b",
                new ScoreInput(
                        Map.of(
                                "response-time",
                                28.0,
                                "unanswered-customers",
                                2.0,
                                "good-reviews",
                                30.0,
                                "average-order-value",
                                150.0,
                                "inquiry-to-payment",
                                62.0,
                                "after-sales-handling",
                                24.0),
                        List.of(new ScoreInput.EventOccurrence("late-after-sales-case", 1, null)),
                        skill,
                        null));
        team.put("c", ecommerce(10, 90, skill));
        ScoreResult b = Scorer.scoreTeam(scheme, team).get("b");
        // 及时响应 10: 28 s → 10 × (60 − 28) / (60 − 25) = 9.142857; 2 unanswered in [1, 5] → −2 → 7.14
        // 服务态度 10: supervisor 8 → 8
        // 好评数量 10: 30 of the team's best 40 → 10 × 30/40 = 7.50
        // 付款客单价 15: 150.00 is the team's best → 15
        // 询单→最终付款 15: 62% > 60% → 15
        // 售后处理 30: not dedicated, 24 of 30 returns → 30 × 0.8 = 24
        // 业务技能考核 10: (9 + 8 + 10) / 3 = 9
        // lines: 7.14 + 8 + 7.5 + 15 + 15 + 24 + 9 = 85.64; one case over 48 h −2 → 83.64 → MEDIUM
        assertThat(points(b)).containsExactly(7.14, 8.0, 7.5, 15.0, 15.0, 24.0, 9.0);
        assertThat(b.total()).isEqualTo(83.64);
        assertThat(b.grade()).isEqualTo(Grade.MEDIUM);
    }

    private static ScoreInput ecommerce(double reviews, double orderValue, Map<String, Map<String, Double>> ratings) {
        return new ScoreInput(
                Map.of(
                        "response-time",
                        20.0,
                        "unanswered-customers",
                        0.0,
                        "good-reviews",
                        reviews,
                        "average-order-value",
                        orderValue,
                        "inquiry-to-payment",
                        50.0,
                        "after-sales-handling",
                        0.0,
                        "dedicated-after-sales",
                        1.0),
                List.of(),
                ratings,
                null);
    }

    @Test
    void onlineCsMonthly() {
        ScoreInput in = new ScoreInput(
                Map.of(
                        "target-completion",
                        110.0,
                        "inquiry-conversion",
                        42.0,
                        "order-success",
                        85.0,
                        "average-order-value",
                        135.0,
                        "reply-rate",
                        98.0,
                        "reply-time",
                        35.0),
                List.of(),
                Map.of(
                        "self",
                        Map.of("follow-up-service", 5.0, "execution", 9.0),
                        "supervisor",
                        Map.of("follow-up-service", 4.0, "execution", 7.0)),
                null);
        ScoreResult r = Scorer.score(BuiltInSchemes.load("online-cs-monthly"), in);
        // 指标完成率 30: 110% of plan, capped at 1 → 30
        // 询单转化率 30: 42 / 50 = 0.84 → 25.20
        // 最终下单成功率 10: 85 / 90 = 0.9444 → 9.44
        // 客单价 5: 135 / 150 = 0.9 → 4.50
        // 旺旺回复率 5: 5 × 98 / 100 = 4.90
        // 旺旺回复时间 5: 35 s in (30, 40] → 3
        // 协助跟进服务 5: 0.3 × 5 + 0.7 × 4 = 1.5 + 2.8 = 4.30
        // 执行能力 10: 0.3 × 9 + 0.7 × 7 = 2.7 + 4.9 = 7.60
        // total: 30 + 25.2 + 9.44 + 4.5 + 4.9 + 3 + 4.3 + 7.6 = 88.94 → EXCELLENT
        assertThat(points(r)).containsExactly(30.0, 25.2, 9.44, 4.5, 4.9, 3.0, 4.3, 7.6);
        assertThat(r.total()).isEqualTo(88.94);
        assertThat(r.grade()).isEqualTo(Grade.EXCELLENT);
        // R2: self 5 (+0.7) and 9 (+1.4) → 91.04; supervisor 4 (−0.3) and 7 (−0.6) → 88.04
        assertThat(r.raterTotals()).containsEntry("self", 91.04).containsEntry("supervisor", 88.04);
        // T1: the lower total 88.04 is in [80, 90) → intermediate
        assertThat(Tier.of(r.raterTotals().get("self"), r.raterTotals().get("supervisor"), false))
                .isEqualTo(Tier.INTERMEDIATE);
    }

    @Test
    void afterSalesStandardIsNormalised() {
        Scheme scheme = BuiltInSchemes.load("after-sales-standard");
        ScoreInput in = new ScoreInput(
                Map.of(
                        "solution-effectiveness",
                        90.0,
                        "repair-accuracy",
                        95.0,
                        "customer-feedback",
                        4.5,
                        "resolution-time",
                        36.0,
                        "satisfaction-survey",
                        92.0,
                        "task-completion",
                        100.0,
                        "utilisation",
                        68.0,
                        "response-time",
                        45.0,
                        "training",
                        1.0),
                List.of(),
                Map.of(
                        "self",
                        Map.of("service-compliance", 10.0),
                        "supervisor",
                        Map.of("service-compliance", 8.0, "product-knowledge", 80.0),
                        "group",
                        Map.of("service-compliance", 9.0)),
                null);
        ScoreResult r = Scorer.score(scheme, in);
        // W1: weights sum to 90, each scaled by 100/90 (10 → 11.111, 15 → 16.667, 5 → 5.556)
        // 解决方案有效性: 11.111 × 0.90 = 10.00
        // 服务规范性: (0.15 × 10 + 0.60 × 8 + 0.25 × 9) / 10 × 11.111 = 8.55 / 10 × 11.111 = 9.50
        // 维修准确性: 11.111 × 0.95 = 10.56
        // 客户反馈评分: 16.667 × 4.5 / 5 = 15.00
        // 问题解决时效性: 36 h → 11.111 × (72 − 36) / (72 − 24) = 8.33
        // 客户满意度调查: 5.556 × 0.92 = 5.11
        // 任务完成率: 100% → 11.11
        // 工时利用率: 68 / 85 = 0.8 → 5.556 × 0.8 = 4.44
        // 服务响应时间: 45 s ≤ 60 s → 5.56
        // 参与培训和学习: 1 of 2 → 2.78
        // 知识掌握程度: supervisor 80/100 → 5.556 × 0.8 = 4.44
        // total: 10 + 9.5 + 10.56 + 15 + 8.33 + 5.11 + 11.11 + 4.44 + 5.56 + 2.78 + 4.44 = 86.83 → EXCELLENT
        assertThat(scheme.normalised()).isTrue();
        assertThat(scheme.declaredWeightSum()).isEqualTo(90);
        assertThat(points(r)).containsExactly(10.0, 9.5, 10.56, 15.0, 8.33, 5.11, 11.11, 4.44, 5.56, 2.78, 4.44);
        assertThat(r.total()).isEqualTo(86.83);
        assertThat(r.grade()).isEqualTo(Grade.EXCELLENT);
    }

    @Test
    void afterSalesTeam() {
        ScoreInput in = new ScoreInput(
                Map.of(
                        "answer-rate",
                        96.0,
                        "handling-time",
                        10.0,
                        "first-contact-resolution",
                        75.0,
                        "resolution-rate",
                        92.0,
                        "satisfaction-survey",
                        90.0,
                        "complaint-rate",
                        1.0),
                List.of(),
                Map.of(
                        "self",
                        Map.of("teamwork", 18.0),
                        "supervisor",
                        Map.of("teamwork", 16.0),
                        "group",
                        Map.of("teamwork", 17.0)),
                null);
        ScoreResult r = Scorer.score(BuiltInSchemes.load("after-sales-team"), in);
        // 接听率 15: 15 × 0.96 = 14.40
        // 处理速度 15: 10 h → 15 × (48 − 10) / (48 − 4) = 15 × 38/44 = 12.95
        // 一次响应解决率 15: 15 × 0.75 = 11.25
        // 问题解决率 15: 15 × 0.92 = 13.80
        // 满意度调查 10: 10 × 0.90 = 9
        // 投诉率 10: 1% → 10 × (3 − 1) / (3 − 0.5) = 8
        // 团队合作能力 20: 0.15 × 18 + 0.60 × 16 + 0.25 × 17 = 2.7 + 9.6 + 4.25 = 16.55
        // total: 14.4 + 12.95 + 11.25 + 13.8 + 9 + 8 + 16.55 = 85.95 → EXCELLENT
        assertThat(points(r)).containsExactly(14.4, 12.95, 11.25, 13.8, 9.0, 8.0, 16.55);
        assertThat(r.total()).isEqualTo(85.95);
        assertThat(r.grade()).isEqualTo(Grade.EXCELLENT);
    }

    @Test
    void csManager() {
        ScoreInput in = new ScoreInput(
                Map.of(
                        "plan-completion",
                        95.0,
                        "budget-saving",
                        4.0,
                        "feedback-timeliness",
                        98.0,
                        "information-timeliness",
                        93.1,
                        "process-improvement",
                        72.0,
                        "standard-execution",
                        95.0,
                        "customer-satisfaction",
                        90.0,
                        "collaboration",
                        68.0,
                        "key-account-churn",
                        1.0,
                        "staff-management",
                        84.0),
                List.of(),
                null,
                null);
        ScoreResult r = Scorer.score(BuiltInSchemes.load("cs-manager"), in);
        // 计划完成率 20: 95 / 95 → 20
        // 预算节省率 15: 4 / 5 = 0.8 → 12
        // 意见反馈及时率 15: 98 / 98 → 15
        // 信息传递及时率 10: 93.1 / 98 = 0.95 → 9.50
        // 流程改进 10: 72 / 90 = 0.8 → 8
        // 标准执行率 10: 95 / 95 → 10
        // 客户满意度 5: 90 / 90 → 5
        // 部门协作满意度 5: 68 / 85 = 0.8 → 4
        // 大客户流失数 5: 1 lost → 5 × (3 − 1) / 3 = 3.33
        // 员工管理 5: 84 / 80, capped → 5
        // total: 20 + 12 + 15 + 9.5 + 8 + 10 + 5 + 4 + 3.33 + 5 = 91.83 → EXCELLENT
        assertThat(points(r)).containsExactly(20.0, 12.0, 15.0, 9.5, 8.0, 10.0, 5.0, 4.0, 3.33, 5.0);
        assertThat(r.total()).isEqualTo(91.83);
        assertThat(r.grade()).isEqualTo(Grade.EXCELLENT);
    }

    @Test
    void callCenterManager() {
        ScoreInput in = new ScoreInput(
                Map.of(
                        "business-plan-completion",
                        90.0,
                        "budget-control",
                        110.0,
                        "survey-plan-completion",
                        95.0,
                        "process-improvement",
                        81.0,
                        "customer-satisfaction",
                        99.0,
                        "call-volume",
                        2400.0,
                        "feedback-timeliness",
                        98.0,
                        "collaboration",
                        85.0,
                        "first-call-resolution",
                        72.0,
                        "staff-management",
                        76.0),
                List.of(),
                null,
                null);
        ScoreResult r = Scorer.score(BuiltInSchemes.load("call-center-manager"), in);
        // 业务计划完成率 20: 90 / 100 → 18
        // 服务费用预算控制率 15: spent 110% of budget → 15 × (120 − 110) / (120 − 100) = 7.50
        // 客户调研计划完成率 15: 95 / 95 → 15
        // 流程改进 15: 81 / 90 = 0.9 → 13.50
        // 客户满意率 10: 99 / 90, capped → 10
        // 呼叫业务量 5: 2400 / 3000 = 0.8 → 4
        // 意见反馈及时率 5: 98 / 98 → 5
        // 部门协作满意度 5: 85 / 85 → 5
        // 一次性解决问题的呼叫率 5: 72 / 80 = 0.9 → 4.50
        // 员工管理 5: 76 / 80 = 0.95 → 4.75
        // total: 18 + 7.5 + 15 + 13.5 + 10 + 4 + 5 + 5 + 4.5 + 4.75 = 87.25 → EXCELLENT
        assertThat(points(r)).containsExactly(18.0, 7.5, 15.0, 13.5, 10.0, 4.0, 5.0, 5.0, 4.5, 4.75);
        assertThat(r.total()).isEqualTo(87.25);
        assertThat(r.grade()).isEqualTo(Grade.EXCELLENT);
    }

    @Test
    void allSevenBuiltInSchemesShipWithTheirIds() {
        SchemeCatalog catalog = BuiltInSchemes.catalog();
        assertThat(catalog.latest()).extracting(Scheme::id).containsExactlyInAnyOrderElementsOf(BuiltInSchemes.IDS);
        for (Scheme s : catalog.latest()) {
            double sum =
                    s.indicators().stream().mapToDouble(Indicator::maxPoints).sum();
            assertThat(sum).as(s.id()).isCloseTo(100, offset(1e-9));
            assertThat(s.indicators())
                    .allSatisfy(
                            i -> assertThat(i.seed()).as(s.id() + "." + i.id()).isNotBlank());
        }
    }
}
