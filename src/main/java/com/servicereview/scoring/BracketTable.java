package com.servicereview.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An ordered bracket table that covers its whole domain without gap or overlap (B2). */
public final class BracketTable {

    private final List<Bracket> brackets;

    private BracketTable(List<Bracket> brackets) {
        this.brackets = List.copyOf(brackets);
    }

    public List<Bracket> brackets() {
        return brackets;
    }

    /** The bracket holding the value; the table covers its domain, so only out-of-domain values miss. */
    public Bracket find(double value) {
        for (Bracket b : brackets) {
            if (b.range().contains(value)) return b;
        }
        return null;
    }

    /**
     * Builds the table, or returns the B2 faults: every gap and overlap within {@code unit}'s domain.
     * Whole-number units (counts) are checked on the integers, so {@code [1, 1]} and {@code [2, 2]} touch.
     */
    static BracketTable build(List<Bracket> rows, Unit unit, List<String> faults) {
        List<Bracket> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble((Bracket b) -> b.range().lower())
                .thenComparing(b -> !b.range().lowerInclusive()));
        int before = faults.size();
        if (unit.whole()) checkWhole(sorted, unit, faults);
        else checkContinuous(sorted, unit, faults);
        return faults.size() == before ? new BracketTable(sorted) : null;
    }

    private static void checkContinuous(List<Bracket> sorted, Unit unit, List<String> faults) {
        double cursor = unit.min();
        boolean cursorOpen = true; // the cursor value itself still needs a bracket
        Interval previous = null;
        for (Bracket b : sorted) {
            Interval r = b.range();
            double lower = Math.max(r.lower(), unit.min());
            boolean lowerInclusive = r.lower() < unit.min() || r.lowerInclusive();
            if (previous != null && (lower < cursor || (lower == cursor && lowerInclusive && !cursorOpen))) {
                faults.add("brackets " + previous + " and " + r + " overlap");
            } else if (lower > cursor || (lower == cursor && !lowerInclusive && cursorOpen)) {
                faults.add("gap: values " + gap(cursor, cursorOpen, lower, !lowerInclusive) + " fall in no bracket");
            }
            if (r.upper() > cursor || (r.upper() == cursor && r.upperInclusive())) {
                cursor = r.upper();
                cursorOpen = !r.upperInclusive();
            }
            previous = r;
        }
        boolean coveredToEnd = Double.isInfinite(unit.max())
                ? cursor == Double.POSITIVE_INFINITY
                : cursor > unit.max() || (cursor == unit.max() && !cursorOpen);
        if (!coveredToEnd) {
            faults.add("gap: values " + gap(cursor, cursorOpen, unit.max(), !Double.isInfinite(unit.max()))
                    + " fall in no bracket");
        }
    }

    private static String gap(double from, boolean fromIncluded, double to, boolean toIncluded) {
        return new Interval(from, fromIncluded, to, toIncluded && !Double.isInfinite(to)).toString();
    }

    private static void checkWhole(List<Bracket> sorted, Unit unit, List<String> faults) {
        long cursor = (long) unit.min();
        Interval previous = null;
        for (Bracket b : sorted) {
            Interval r = b.range();
            long first = Math.max(r.firstWhole(), (long) unit.min());
            long last = r.lastWhole();
            if (first > last) {
                faults.add("bracket " + r + " holds no whole number");
                continue;
            }
            if (previous != null && first < cursor) {
                faults.add("brackets " + previous + " and " + r + " overlap");
            } else if (first > cursor) {
                faults.add("gap: counts " + cursor + (first - 1 > cursor ? ".." + (first - 1) : "")
                        + " fall in no bracket");
            }
            if (last == Long.MAX_VALUE) {
                cursor = Long.MAX_VALUE;
            } else if (last + 1 > cursor) {
                cursor = last + 1;
            }
            previous = r;
        }
        boolean coveredToEnd = Double.isInfinite(unit.max()) ? cursor == Long.MAX_VALUE : cursor > unit.max();
        if (!coveredToEnd) {
            faults.add("gap: counts from " + cursor
                    + " fall in no bracket (the last bracket must be open-ended, e.g. (5, inf))");
        }
    }
}
