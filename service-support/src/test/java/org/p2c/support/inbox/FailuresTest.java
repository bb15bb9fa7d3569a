package org.p2c.support.inbox;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Only what is provably the event's fault parks it; whatever the database or the broker says is retried. */
class FailuresTest {

    @Test
    void whatReadingBadDataRaisesIsTheEventsFault() {
        JsonObject data = new JsonObject().put("id", "not-a-uuid").put("version", "seven").put("updatedAt", "yesterday");
        assertThat(Failures.isPoison(thrownBy(() -> UUID.fromString(data.getString("id"))))).isTrue();
        assertThat(Failures.isPoison(thrownBy(() -> data.getLong("version")))).as("a string where a number is").isTrue();
        assertThat(Failures.isPoison(thrownBy(() -> Instant.parse(data.getString("updatedAt"))))).isTrue();
        assertThat(Failures.isPoison(thrownBy(() -> {
            long missing = data.getLong("absent");
        }))).as("a null where a value is needed").isTrue();
        assertThat(Failures.isPoison(new PoisonEvent("the consumer says so"))).isTrue();
        assertThat(Failures.isPoison(new IllegalStateException("wrapped", new PoisonEvent("deep down")))).isTrue();
    }

    @Test
    void whateverTheDatabaseSaysIsRetried() {
        for (String state : new String[]{"08001", "08006", "57P01", "55P03", "57014", "40001", "40P01", "53300",
                "23502", "22P02", "42P01", null}) {
            SQLException database = new SQLException("the database said " + state, state);
            assertThat(Failures.isPoison(database)).as("SQLState %s", state).isFalse();
            // However wrapped, by Hibernate, JPA or the transaction, and even under a reading exception's name.
            assertThat(Failures.isPoison(new jakarta.persistence.PersistenceException(new RuntimeException(database))))
                    .as("SQLState %s wrapped", state).isFalse();
            assertThat(Failures.isPoison(new IllegalArgumentException("query failed", database)))
                    .as("SQLState %s under an IllegalArgumentException", state).isFalse();
        }
        assertThat(Failures.isPoison(new SQLTransientConnectionException("Acquisition timeout while waiting for new connection")))
                .isFalse();
    }

    @Test
    void failuresThatAreNotTheDatasAreRetried() {
        assertThat(Failures.isPoison(new IllegalStateException("Transaction is not active"))).isFalse();
        assertThat(Failures.isPoison(new org.apache.kafka.common.errors.TimeoutException("broker away"))).isFalse();
        assertThat(Failures.isPoison(new RuntimeException("anything else"))).isFalse();
        // A reading exception that the persistence stack itself raised is its state or a bug, not the event.
        NullPointerException insideHibernate = new NullPointerException("session closed");
        insideHibernate.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.hibernate.engine.spi.SessionImpl", "find", "SessionImpl.java", 1)});
        assertThat(Failures.isPoison(insideHibernate)).isFalse();
    }

    private static RuntimeException thrownBy(Runnable reading) {
        try {
            reading.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("reading did not fail");
    }
}
