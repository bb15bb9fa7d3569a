package org.p2c.support.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A failure that says the database is briefly out of reach, not that the request is wrong or the service broken: no
 * connection to be had in time (Agroal's acquisition timeout, a refused or broken connection, PostgreSQL shutting
 * down or out of connections), or a lock or statement that timed out. The caller is told to retry — a 503 with
 * {@code Retry-After} — instead of a 500 that reads as a bug. A lost race (a deadlock, say) is
 * {@link ConcurrentChange}'s, and is looked for first.
 */
public final class Outage {

    /** How long a caller is asked to wait: about the time a pool needs to get connections again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /**
     * SQLSTATE classes and codes of a database that is out of reach or too busy: 08 connection exception, 53300
     * too_many_connections, 57P01..57P03 shutdown or cannot connect now, 55P03 lock_not_available (lock_timeout),
     * 57014 query_canceled (statement_timeout).
     */
    private static final Set<String> TEMPORARY_STATES = Set.of("53300", "57P01", "57P02", "57P03", "55P03", "57014");

    private Outage() {
    }

    /** The 503 to answer when {@code failure} (or anything it wraps) is an outage; empty for any other failure. */
    public static Optional<ProblemException> problemOf(Throwable failure) {
        if (!isOutage(failure)) {
            return Optional.empty();
        }
        return Optional.of(unavailable());
    }

    /** The 503 of an outage: the caller is asked to come back in {@value #RETRY_AFTER_SECONDS} seconds. */
    public static ProblemException unavailable() {
        return new ProblemException(503, "unavailable", "Service unavailable",
                "The service's database is briefly out of reach; retry in a few seconds")
                .retryAfter(RETRY_AFTER_SECONDS);
    }

    static boolean isOutage(Throwable failure) {
        return Causes.any(failure, t -> t instanceof SQLTransientConnectionException || t instanceof ConnectException
                || t instanceof org.hibernate.exception.JDBCConnectionException
                || t instanceof org.hibernate.exception.LockTimeoutException
                || t instanceof org.hibernate.QueryTimeoutException
                || t instanceof jakarta.persistence.LockTimeoutException
                || t instanceof jakarta.persistence.QueryTimeoutException
                || t instanceof SQLException sql && temporary(sql));
    }

    private static boolean temporary(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null) {
            return state.startsWith("08") || TEMPORARY_STATES.contains(state);
        }
        // Agroal's pool says it with a plain SQLException: "Acquisition timeout while waiting for new connection".
        String message = sql.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
