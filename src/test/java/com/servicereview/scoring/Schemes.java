package com.servicereview.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small schemes and inputs for tests. */
final class Schemes {

    private Schemes() {}

    /** A scheme with one indicator of weight 100 (or the given weight plus a filler) and the given params. */
    static Scheme single(String kind, double weight, String params) {
        String filler = weight == 100 ? "" : """
                  - {id: filler, nameZh: 填充, nameEn: Filler, weight: %s, kind: rate}
                """.formatted(100 - weight);
        return SchemeParser.parse("""
                id: test
                version: 1
                nameZh: 测试
                nameEn: Test
                raters: {self: 15, supervisor: 60, group: 25}
                indicators:
                  - id: x
                    nameZh: 指标
                    nameEn: Indicator
                    weight: %s
                    kind: %s
                    params: %s
                %s""".formatted(weight, kind, params, filler), "test");
    }

    static ScoreInput values(Object... keyValues) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(
                    (String) keyValues[i], keyValues[i + 1] == null ? null : ((Number) keyValues[i + 1]).doubleValue());
        }
        return new ScoreInput(values, List.of(), Map.of(), Map.of());
    }

    /** Points of indicator x, with the filler (if any) at 0. */
    static double points(Scheme scheme, ScoreInput input) {
        Map<String, Double> values = new LinkedHashMap<>(input.values());
        if (scheme.indicator("filler") != null) values.put("filler", 0.0);
        ScoreResult result =
                Scorer.score(scheme, new ScoreInput(values, input.events(), input.ratings(), input.teamBest()));
        return result.breakdown().get(0).points();
    }

    static double points(Scheme scheme, double value) {
        return points(scheme, values("x", value));
    }
}
