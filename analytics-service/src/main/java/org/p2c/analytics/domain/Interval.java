package org.p2c.analytics.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Days [from, to): counted from {@code from}, no longer from {@code to}; {@code to} null = still counted. */
public record Interval(LocalDate from, LocalDate to) {

    public boolean isEmpty() {
        return to != null && !to.isAfter(from);
    }

    /** The days in both (possibly empty). */
    public Interval and(Interval other) {
        LocalDate f = from.isAfter(other.from) ? from : other.from;
        LocalDate t = to == null ? other.to : (other.to == null || to.isBefore(other.to) ? to : other.to);
        return new Interval(f, t);
    }

    /** The union of intervals as disjoint, sorted intervals (touching ones merge: no day is counted twice). */
    public static List<Interval> union(List<Interval> intervals) {
        List<Interval> sorted = intervals.stream().filter(i -> !i.isEmpty())
                .sorted(Comparator.comparing(Interval::from)).toList();
        List<Interval> merged = new ArrayList<>();
        for (Interval i : sorted) {
            if (!merged.isEmpty()) {
                Interval last = merged.get(merged.size() - 1);
                if (last.to() == null || !i.from().isAfter(last.to())) {
                    LocalDate to = last.to() == null || i.to() == null ? null
                            : (i.to().isAfter(last.to()) ? i.to() : last.to());
                    merged.set(merged.size() - 1, new Interval(last.from(), to));
                    continue;
                }
            }
            merged.add(i);
        }
        return merged;
    }
}
