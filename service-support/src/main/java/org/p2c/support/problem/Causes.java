package org.p2c.support.problem;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a failure says deep down: JPA, Hibernate, Narayana and Agroal wrap the driver's exception in theirs, sometimes
 * as a suppressed one or as an SQLException's next, so a rule about the cause ("the database is out of reach", "a
 * concurrent change won") looks at all of them.
 */
final class Causes {

    private Causes() {
    }

    /** Whether {@code failure} or anything it wraps (causes, suppressed, next SQL exceptions) passes {@code test}. */
    static boolean any(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        next.add(failure);
        while (!next.isEmpty()) {
            Throwable t = next.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (test.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                next.add(suppressed);
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                next.add(sql.getNextException());
            }
        }
        return false;
    }
}
