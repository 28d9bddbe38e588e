package com.servicereview.scoring;

/**
 * One row of a bracket table: values in {@code range} earn (or lose) {@code amount} points.
 * {@code seed} keeps the row as the source document wrote it, for the breakdown and for HR.
 */
public record Bracket(Interval range, double amount, String seed, String description) {

    static Bracket of(Interval range, double amount, String seed, boolean deduction) {
        // The source's own words for the row ("95%以下") can mislead on their own; they follow as the seed.
        String text = range + " " + range.words() + (deduction && amount > 0 ? " → −" : " → ") + Numbers.plain(amount)
                + (seed == null || seed.isBlank() ? "" : "（原文 / seed: " + seed + "）");
        return new Bracket(range, amount, seed, text);
    }
}
