package org.p2c.support.problem;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * A change that lost a race with a concurrent change of the same rows. The {@code If-Match} check compares the
 * version the use case loaded; two requests that loaded the same version both pass it, and the loser learns that it
 * lost only when its update is flushed: the {@code @Version} column no longer matches (Hibernate's stale state,
 * however the transaction machinery wraps it), or PostgreSQL reports a serialization failure, a deadlock, or a unique
 * key the winner took first. The loser is answered as if it had arrived a moment later: {@code 412} when it named the
 * version it changes ({@code If-Match}, a batch item's version), {@code 409} otherwise — a problem, never a 500.
 */
public final class ConcurrentChange {

    /** serialization_failure, deadlock_detected, unique_violation. */
    private static final Set<String> LOST_RACE_STATES = Set.of("40001", "40P01", "23505");

    private ConcurrentChange() {
    }

    /** The problem to answer when {@code failure} (or anything it wraps) is a lost race; empty for any other failure. */
    public static Optional<ProblemException> problemOf(Throwable failure, boolean versionNamed) {
        return lostRace(failure) ? Optional.of(lost(versionNamed)) : Optional.empty();
    }

    /** The answer to the loser of a race: 412 when it named the version it changes, 409 otherwise. */
    public static ProblemException lost(boolean versionNamed) {
        if (versionNamed) {
            return new ProblemException(412, "stale-version", "Precondition failed",
                    "The resource changed while your request was being processed; read it again for its current ETag");
        }
        return ProblemException.conflict(
                "A concurrent request changed the same resource first; read it again, then retry if your change still applies");
    }

    /**
     * For code that answers problems itself, such as a batch giving each item its result: a problem as it is, a lost
     * race as its problem; any other failure is rethrown.
     */
    public static ProblemException problemOrRethrow(RuntimeException failure, boolean versionNamed) {
        if (failure instanceof ProblemException problem) {
            return problem;
        }
        return problemOf(failure, versionNamed).orElseThrow(() -> failure);
    }

    static boolean lostRace(Throwable failure) {
        // Causes and suppressed exceptions both: the transaction manager may attach the flush failure either way.
        return Causes.any(failure, t -> t instanceof org.hibernate.StaleStateException
                || t instanceof jakarta.persistence.OptimisticLockException
                || t instanceof org.hibernate.dialect.lock.OptimisticEntityLockException
                // Set.of refuses to look up null, and a pool says "no connection in time" without a state.
                || t instanceof SQLException sql && sql.getSQLState() != null
                && LOST_RACE_STATES.contains(sql.getSQLState()));
    }
}
