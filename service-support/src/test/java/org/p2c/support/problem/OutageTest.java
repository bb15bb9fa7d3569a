package org.p2c.support.problem;

import io.quarkus.arc.ArcUndeclaredThrowableException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean the database is briefly out of reach, however wrapped, and what the caller is answered. */
class OutageTest {

    /** As Agroal says it when no connection frees up in time, wrapped as Hibernate and the interceptor wrap it. */
    private static Throwable acquisitionTimeout() {
        return new ArcUndeclaredThrowableException(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection")));
    }

    @Test
    void aDatabaseOutOfReachIsAnOutageWhereverItSits() {
        List<Throwable> outages = List.of(
                acquisitionTimeout(),
                new SQLException("Sorry, acquisition timeout!"),
                new JDBCConnectionException("Unable to open JDBC Connection",
                        new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("Connection refused"))),
                new PersistenceException(new SQLException("An I/O error occurred while sending to the backend", "08006")),
                new SQLTransientConnectionException("pool exhausted"),
                new SQLException("terminating connection due to administrator command", "57P01"),
                new SQLException("sorry, too many clients already", "53300"),
                new PersistenceException(new SQLException("canceling statement due to lock timeout", "55P03")),
                new PersistenceException(new SQLException("canceling statement due to statement timeout", "57014")),
                new jakarta.persistence.LockTimeoutException("lock timeout"),
                new jakarta.persistence.QueryTimeoutException("statement timeout"));
        for (Throwable outage : outages) {
            assertThat(Outage.isOutage(outage)).as(outage.toString()).isTrue();
        }
        RollbackException atCommit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        atCommit.addSuppressed(new SQLException("connection lost", "08003"));
        assertThat(Outage.isOutage(new ArcUndeclaredThrowableException(atCommit))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(Outage.isOutage(new IllegalStateException("a bug"))).isFalse();
        assertThat(Outage.isOutage(new SQLException("value too long for type character varying(300)", "22001"))).isFalse();
        assertThat(Outage.isOutage(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(Outage.isOutage(new SQLException("no state, no timeout"))).isFalse();
    }

    @Test
    void anOutageIsAnsweredWithA503ToRetryAndALostRaceStaysALostRace() {
        Response outage = new ProblemMappers().internal(acquisitionTimeout(), null, null);
        assertThat(outage.getStatus()).isEqualTo(503);
        assertThat(outage.getHeaderString("Retry-After")).isEqualTo(String.valueOf(Outage.RETRY_AFTER_SECONDS));
        assertThat(outage.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        Problem problem = (Problem) outage.getEntity();
        assertThat(problem.detail()).isEqualTo("The service's database is briefly out of reach; retry in a few seconds");
        assertThat(problem.type()).hasToString("https://p2c.example/problems/unavailable");

        Response deadlock = new ProblemMappers().internal(new SQLException("deadlock detected", "40P01"), null, null);
        assertThat(deadlock.getStatus()).isEqualTo(409);
        assertThat(new ProblemMappers().internal(new IllegalStateException("a bug"), null, null).getStatus()).isEqualTo(500);
    }
}
