package org.p2c.support.lease;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One holder at a time across the replicas of a service, for work that must not run twice at once (a rebuild, a
 * redrive): a row of {@code lease} with the holder, the replica it runs on and an expiry. The holder renews it while
 * it works; a lease whose holder stopped renewing it (its replica crashed or hangs) expires and may be taken over.
 * A row in the service's database rather than a lock in the JVM, so that it holds across replicas, and rather than a
 * session-level advisory lock, so that it survives a pooled connection being closed and says who holds it.
 */
@ApplicationScoped
public class Leases {

    /** This replica, as lease rows and status resources name it. */
    public static final String OWNER = ManagementFactory.getRuntimeMXBean().getName();

    /** Who holds a lease, and until when unless renewed. */
    public record Lease(String name, UUID holder, String owner, Instant expiresAt) {
    }

    private final EntityManager em;

    public Leases(EntityManager em) {
        this.em = em;
    }

    /**
     * Takes the lease for {@code holder} if nobody holds it or its holder let it expire; in the caller's transaction
     * (so that what the holder records about itself commits with it), else in one of its own.
     */
    public boolean take(String name, UUID holder, Duration ttl) {
        return QuarkusTransaction.joiningExisting().call(() -> !em.createNativeQuery("""
                        insert into lease (name, holder, owner, expires_at)
                        values (?1, ?2, ?3, now() + ?4 * interval '1 millisecond')
                        on conflict (name) do update
                           set holder = excluded.holder, owner = excluded.owner, expires_at = excluded.expires_at
                         where lease.expires_at < now()
                        returning holder""")
                .setParameter(1, name).setParameter(2, holder).setParameter(3, OWNER).setParameter(4, ttl.toMillis())
                .getResultList().isEmpty());
    }

    /** @return false if {@code holder} no longer holds it (it expired and was taken over): the work must stop */
    public boolean renew(String name, UUID holder, Duration ttl) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        update lease set expires_at = now() + ?3 * interval '1 millisecond'
                         where name = ?1 and holder = ?2""")
                .setParameter(1, name).setParameter(2, holder).setParameter(3, ttl.toMillis()).executeUpdate() == 1);
    }

    /** Gives the lease back, in the caller's transaction if there is one. */
    public void release(String name, UUID holder) {
        QuarkusTransaction.joiningExisting().run(() -> em.createNativeQuery("delete from lease where name = ?1 and holder = ?2")
                .setParameter(1, name).setParameter(2, holder).executeUpdate());
    }

    /** The lease if someone holds it now (not expired). */
    public Optional<Lease> held(String name) {
        List<?> rows = QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery(
                        "select holder, owner, expires_at from lease where name = ?1 and expires_at >= now()")
                .setParameter(1, name).getResultList());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Lease(name, (UUID) row[0], (String) row[1], instant(row[2])));
    }

    public static Instant instant(Object timestamp) {
        if (timestamp == null) {
            return null;
        }
        if (timestamp instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (timestamp instanceof Instant i) {
            return i;
        }
        return ((java.sql.Timestamp) timestamp).toInstant();
    }
}
