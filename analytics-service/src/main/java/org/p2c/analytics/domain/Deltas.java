package org.p2c.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Changes of figures per (scope, dimension, key, day). A projection computes the contribution of one thing (a
 * pledge, an entity's counting intervals) before and after a change and applies the difference.
 */
public final class Deltas {

    public record Cell(String scope, String dim, String key, LocalDate day) implements Comparable<Cell> {
        @Override
        public int compareTo(Cell o) {
            int c = scope.compareTo(o.scope);
            if (c == 0) c = day.compareTo(o.day);
            if (c == 0) c = dim.compareTo(o.dim);
            return c == 0 ? key.compareTo(o.key) : c;
        }
    }

    public record Change(long count, BigDecimal usd, long reported) {
        boolean isZero() {
            return count == 0 && reported == 0 && usd.signum() == 0;
        }

        Change plus(Change o) {
            return new Change(count + o.count, usd.add(o.usd), reported + o.reported);
        }

        Change negate() {
            return new Change(-count, usd.negate(), -reported);
        }
    }

    private final TreeMap<Cell, Change> cells = new TreeMap<>();

    public void add(String scope, String dim, String key, LocalDate day, long count, BigDecimal usd, long reported) {
        Change change = new Change(count, usd, reported);
        if (!change.isZero()) {
            // A +1 and a -1 on the same day (two touching intervals) leave nothing to write.
            cells.merge(new Cell(scope, dim, key, day), change, (a, b) -> {
                Change sum = a.plus(b);
                return sum.isZero() ? null : sum;
            });
        }
    }

    /** +1 from the interval's start, -1 from its end. */
    public void count(String scope, String dim, String key, Interval i, BigDecimal usd) {
        if (i.isEmpty()) {
            return;
        }
        add(scope, dim, key, i.from(), 1, usd, 0);
        if (i.to() != null) {
            add(scope, dim, key, i.to(), -1, usd.negate(), 0);
        }
    }

    public void reported(String scope, String dim, String key, Interval i) {
        if (i.isEmpty()) {
            return;
        }
        add(scope, dim, key, i.from(), 0, BigDecimal.ZERO, 1);
        if (i.to() != null) {
            add(scope, dim, key, i.to(), 0, BigDecimal.ZERO, -1);
        }
    }

    /** This minus {@code before}, without the cells that do not change. */
    public Deltas minus(Deltas before) {
        Deltas diff = new Deltas();
        diff.cells.putAll(cells);
        before.cells.forEach((cell, change) -> diff.cells.merge(cell, change.negate(), Change::plus));
        diff.cells.values().removeIf(Change::isZero);
        return diff;
    }

    public Map<Cell, Change> cells() {
        return cells;
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }
}
