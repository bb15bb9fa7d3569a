package org.p2c.support.inbox;

import io.vertx.core.json.DecodeException;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.List;

/**
 * Which failures are the event's fault. Only those park an event; everything else — the database unreachable, a
 * connection refused or closed, a lock or statement timeout, a serialization failure or deadlock, no connection
 * from the pool in time, the broker refusing a dead letter, a bug — is retried, because the same event will apply
 * once the cause is gone, and parking it would lose it.
 *
 * <p>The event's fault: a {@link PoisonEvent} (the envelope or the contract's required fields, or a consumer that
 * says so), or one of the exceptions that reading its data raises (an invalid UUID, number or date, a null where a
 * value is needed, a JSON value of another type) when it is raised outside the persistence stack and nothing the
 * database said is behind it. Any error the database reports is retried, even a constraint the data breaks: that
 * is as likely a migration or a bug as the event, and holding the partition until it is fixed loses nothing.
 */
public final class Failures {

    /** Where an exception thrown by the persistence stack itself comes from (a bug or a state, not the data). */
    private static final List<String> PERSISTENCE = List.of("org.hibernate.", "jakarta.persistence.", "io.agroal.",
            "org.postgresql.", "com.arjuna.", "io.narayana.", "io.quarkus.narayana.", "io.quarkus.hibernate.",
            "io.quarkus.agroal.", "org.apache.kafka.");

    private Failures() {
    }

    public static boolean isPoison(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PoisonEvent) {
                return true;
            }
            if (cause instanceof SQLException) {
                return false;
            }
        }
        boolean readingFailure = failure instanceof IllegalArgumentException
                || failure instanceof NullPointerException
                || failure instanceof ClassCastException
                || failure instanceof DateTimeException
                || failure instanceof DecodeException;
        return readingFailure && !raisedByPersistence(failure);
    }

    private static boolean raisedByPersistence(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        if (trace.length == 0) {
            return false;
        }
        String origin = trace[0].getClassName();
        return PERSISTENCE.stream().anyMatch(origin::startsWith);
    }
}
