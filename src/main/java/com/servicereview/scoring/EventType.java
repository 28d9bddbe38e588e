package com.servicereview.scoring;

/**
 * An adjustment event (表扬信 +1, 公司批评 −3, 审计通报 −2..−10). Fixed events carry their points;
 * ranged events have each occurrence's points decided case by case within [minPoints, maxPoints].
 * An event linked to an {@code event-deduction} indicator takes its points from that indicator
 * (floored at 0, "扣完为止"); any other event adjusts the total outside the weights.
 */
public record EventType(
        String id, String nameZh, String nameEn, double minPoints, double maxPoints, String indicatorId, String seed) {

    public boolean fixed() {
        return minPoints == maxPoints;
    }
}
