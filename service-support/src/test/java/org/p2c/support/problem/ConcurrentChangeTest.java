package org.p2c.support.problem;

import io.quarkus.arc.ArcUndeclaredThrowableException;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.RollbackException;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which failures are a lost race, however the transaction machinery wraps them, and what they are answered. */
class ConcurrentChangeTest {

    private static Throwable staleAtFlush() {
        return new OptimisticLockException("Unexpected row count",
                new StaleObjectStateException("org.p2c.pledge.domain.Pledge", UUID.randomUUID()));
    }

    /** As a commit in the @Transactional interceptor surfaces it: ArC wraps the checked RollbackException. */
    private static Throwable staleAtCommit() {
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.initCause(staleAtFlush());
        return new ArcUndeclaredThrowableException(rollback);
    }

    @Test
    void aStaleVersionIsALostRaceWhereverItSits() {
        assertThat(ConcurrentChange.lostRace(new StaleObjectStateException("Pledge", 1L))).isTrue();
        assertThat(ConcurrentChange.lostRace(staleAtFlush())).isTrue();
        assertThat(ConcurrentChange.lostRace(staleAtCommit())).isTrue();
        IllegalStateException suppressing = new IllegalStateException("commit failed");
        suppressing.addSuppressed(staleAtFlush());
        assertThat(ConcurrentChange.lostRace(suppressing)).isTrue();
    }

    @Test
    void serializationFailuresDeadlocksAndUniqueViolationsAreLostRaces() {
        assertThat(ConcurrentChange.lostRace(new LockAcquisitionException("could not serialize",
                new SQLException("could not serialize access", "40001")))).isTrue();
        assertThat(ConcurrentChange.lostRace(new LockAcquisitionException("deadlock",
                new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(ConcurrentChange.lostRace(new ArcUndeclaredThrowableException(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "membership_subject")))).isTrue();
        SQLException batch = new SQLException("batch entry 0 failed", "ZZZZZ");
        batch.setNextException(new SQLException("duplicate key", "23505"));
        assertThat(ConcurrentChange.lostRace(batch)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ConcurrentChange.lostRace(new IllegalStateException("a bug"))).isFalse();
        assertThat(ConcurrentChange.lostRace(new SQLException("Acquisition timeout while waiting for new connection"))).isFalse();
        assertThat(ConcurrentChange.lostRace(new ConstraintViolationException("foreign key",
                new SQLException("violates foreign key constraint", "23503"), "pledge_history_pledge_id_fkey"))).isFalse();
        assertThat(ConcurrentChange.problemOf(new RuntimeException("connection refused"), true)).isEmpty();
    }

    @Test
    void aCycleOfCausesEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);
        assertThat(ConcurrentChange.lostRace(first)).isFalse();
    }

    @Test
    void aRequestThatNamedAVersionIsAStaleVersionAnyOtherAConflict() {
        Problem stale = ConcurrentChange.problemOf(staleAtCommit(), true).orElseThrow().toProblem("/api/v1/pledges/1");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.type().toString()).endsWith("/stale-version");
        Problem conflict = ConcurrentChange.problemOf(staleAtCommit(), false).orElseThrow().toProblem(null);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.type().toString()).endsWith("/conflict");
        // Nothing internal reaches the caller.
        assertThat(stale.detail() + conflict.detail()).doesNotContain("Pledge", "Stale", "ARJUNA", "Exception");
    }

    @Test
    void aBatchKeepsProblemsTurnsLostRacesIntoProblemsAndRethrowsTheRest() {
        ProblemException incomplete = new ProblemException(422, "incomplete-pledge", "Pledge incomplete", "fill it in");
        assertThat(ConcurrentChange.problemOrRethrow(incomplete, true)).isSameAs(incomplete);
        assertThat(ConcurrentChange.problemOrRethrow(new ArcUndeclaredThrowableException(staleAtFlush()), true).status())
                .isEqualTo(412);
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThatThrownBy(() -> ConcurrentChange.problemOrRethrow(bug, false)).isSameAs(bug);
    }
}
