package com.servicereview.scoring;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable, ordered rater → score map over a shared key list and one array: scoring creates
 * one per rated indicator and one for the rater totals, so it must cost next to nothing (see
 * ScoringBenchmark), while keeping the scheme's rater order in JSON.
 */
final class RaterScores extends AbstractMap<String, Double> {

    private final List<String> raters;
    private final double[] scores;

    RaterScores(List<String> raters, double[] scores) {
        this.raters = raters;
        this.scores = scores;
    }

    @Override
    public int size() {
        return raters.size();
    }

    @Override
    public Double get(Object key) {
        int i = raters.indexOf(key);
        return i < 0 ? null : scores[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return raters.contains(key);
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < raters.size();
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (!hasNext()) throw new NoSuchElementException();
                        int i = next++;
                        return new SimpleImmutableEntry<>(raters.get(i), scores[i]);
                    }
                };
            }

            @Override
            public int size() {
                return raters.size();
            }
        };
    }
}
