package org.p2c.support.rebuild;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.p2c.support.lease.Leases;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds a service's views from its topics in the background, one rebuild at a time across all replicas: the
 * {@value #LEASE} lease ({@link Leases}) is taken by the run, renewed every third of {@code p2c.rebuild.lease} while
 * it runs and released when it ends; a run whose replica died stops renewing it, and the next request takes it over
 * once it expired. Each run has a row in {@code rebuild_run}: its state, the events replayed so far, when it started
 * and finished. The run resets the views ({@link RebuildableViews#reset}), replays the topics ({@link TopicReplay}),
 * then finishes them ({@link RebuildableViews#rebuilt}).
 */
@ApplicationScoped
public class Rebuilds {

    public static final String LEASE = "view-rebuild";
    private static final Logger LOG = Logger.getLogger(Rebuilds.class);
    private static final String ORPHANED = "its replica stopped renewing the lease before it finished";

    /** The run a request started, or the one already running (then {@code started} is false). */
    public record Start(RebuildRun run, boolean started) {
    }

    private final Leases leases;
    private final TopicReplay replay;
    private final Instance<RebuildableViews> views;
    private final EntityManager em;
    private final Duration ttl;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("view-rebuild"));
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(daemon("view-rebuild-lease"));
    private final AtomicBoolean stopping = new AtomicBoolean();

    public Rebuilds(Leases leases, TopicReplay replay, Instance<RebuildableViews> views, EntityManager em,
                    @ConfigProperty(name = "p2c.rebuild.lease", defaultValue = "30S") Duration ttl) {
        this.leases = leases;
        this.replay = replay;
        this.views = views;
        this.em = em;
        this.ttl = ttl;
    }

    /** Starts a rebuild in the background unless one runs; answers at once. */
    public Start start() {
        UUID id = UUID.randomUUID();
        for (int look = 0; !take(id); look++) {
            Optional<RebuildRun> running = running();
            if (running.isPresent()) {
                return new Start(running.get(), false);
            }
            if (look == 10) {
                throw new IllegalStateException("the " + LEASE + " lease is held by no rebuild");
            }
            // Released between the two looks: try to take it again.
        }
        LOG.infof("rebuild %s of the views from the topics starts", id);
        worker.execute(() -> run(id));
        return new Start(find(id).orElseThrow(), true);
    }

    /** Takes the lease and records the run in one transaction, so a held lease always names a run. */
    private boolean take(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!leases.take(LEASE, id, ttl)) {
                return false;
            }
            // A run still RUNNING now lost its lease without finishing (the lease was free or expired).
            em.createNativeQuery("update rebuild_run set state = 'FAILED', finished_at = now(), failure = ?1 "
                    + "where state = 'RUNNING'").setParameter(1, ORPHANED).executeUpdate();
            em.createNativeQuery("insert into rebuild_run (id, state, owner, started_at) values (?1, 'RUNNING', ?2, now())")
                    .setParameter(1, id).setParameter(2, Leases.OWNER).executeUpdate();
            return true;
        });
    }

    /** A run, as it stands: one marked RUNNING whose lease is gone is FAILED. */
    public Optional<RebuildRun> find(UUID id) {
        List<?> rows = QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery("""
                        select r.state, r.events_replayed, r.started_at, r.finished_at, r.failure,
                               exists (select 1 from lease l where l.name = ?2 and l.holder = r.id and l.expires_at >= now())
                          from rebuild_run r where r.id = ?1""")
                .setParameter(1, id).setParameter(2, LEASE).getResultList());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        RebuildRun.State state = RebuildRun.State.valueOf((String) row[0]);
        boolean leased = (Boolean) row[5];
        if (state == RebuildRun.State.RUNNING && !leased) {
            return Optional.of(new RebuildRun(id, RebuildRun.State.FAILED, ((Number) row[1]).longValue(),
                    Leases.instant(row[2]), null, ORPHANED));
        }
        return Optional.of(new RebuildRun(id, state, ((Number) row[1]).longValue(), Leases.instant(row[2]),
                Leases.instant(row[3]), (String) row[4]));
    }

    /** The run that holds the lease now, if any. */
    public Optional<RebuildRun> running() {
        return leases.held(LEASE).flatMap(lease -> find(lease.holder()));
    }

    private void run(UUID id) {
        AtomicLong replayed = new AtomicLong();
        AtomicBoolean lost = new AtomicBoolean();
        long every = Math.max(ttl.toMillis() / 3, 100);
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> {
            try {
                if (!leases.renew(LEASE, id, ttl)) {
                    lost.set(true);
                }
                progress(id, replayed.get());
            } catch (RuntimeException failure) {
                // The database is away for a moment: the lease may expire meanwhile, and the next renewal says so.
                LOG.warnf("rebuild %s could not renew its lease: %s", id, failure.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        try {
            RebuildableViews service = views.get();
            QuarkusTransaction.requiringNew().run(service::reset);
            long events = replay.replay(() -> lost.get() || stopping.get(), replayed::set);
            QuarkusTransaction.requiringNew().run(service::rebuilt);
            finish(id, RebuildRun.State.SUCCEEDED, events, null);
            LOG.infof("rebuild %s replayed %d events", id, events);
        } catch (CancellationException stopped) {
            String why = lost.get() ? "its lease expired and another run took it over" : "the service stopped";
            finish(id, RebuildRun.State.FAILED, replayed.get(), why + " (" + stopped.getMessage() + ")");
            LOG.warnf("rebuild %s stopped: %s", id, why);
        } catch (RuntimeException | Error failure) {
            finish(id, RebuildRun.State.FAILED, replayed.get(), failure.toString());
            LOG.errorf(failure, "rebuild %s failed", id);
        } finally {
            renewal.cancel(false);
        }
    }

    private void progress(UUID id, long replayed) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update rebuild_run set events_replayed = ?2 where id = ?1 and state = 'RUNNING'")
                .setParameter(1, id).setParameter(2, replayed).executeUpdate());
    }

    /** Records the end and gives the lease back, in one transaction: a status that says done has no lease behind it. */
    private void finish(UUID id, RebuildRun.State state, long replayed, String failure) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                // A run another one took over from has been marked FAILED already; that stays.
                em.createNativeQuery("""
                                update rebuild_run set state = ?2, events_replayed = ?3, finished_at = now(), failure = ?4
                                 where id = ?1 and state = 'RUNNING'""")
                        .setParameter(1, id).setParameter(2, state.name()).setParameter(3, replayed)
                        .setParameter(4, failure).executeUpdate();
                leases.release(LEASE, id);
            });
        } catch (RuntimeException unrecorded) {
            // Its lease expires unrenewed, and the status says FAILED (orphaned) from then on.
            LOG.errorf(unrecorded, "rebuild %s ended %s but its status could not be recorded", id, state);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping.set(true);
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        renewals.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
