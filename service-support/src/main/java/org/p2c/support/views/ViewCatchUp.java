package org.p2c.support.views;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Read-your-writes across services, within a bound. A service knows other services' aggregates from its own view of
 * their events, which trails them by a moment: an entity registered or a pledge validated a moment ago may not be
 * there yet. When a use case finds a reference it does not know ({@link UnknownReference}), its transaction has
 * rolled back; the request then waits, holding no transaction and no connection, until the view knows the
 * reference — re-checked whenever the inbox applies an event, and every {@code p2c.views.catch-up-poll} for events
 * another instance applied — and runs the use case again. After {@code p2c.views.catch-up-wait} the answer is
 * definite: the reference's 422 or 404, never a "retry later" a client could follow forever.
 *
 * <p>Resource methods opt in with {@link CatchesUpWithViews}; a batch shares one {@link #deadline()} across its items
 * so that the whole request waits at most the bound.
 */
@ApplicationScoped
public class ViewCatchUp {

    private static final Logger LOG = Logger.getLogger(ViewCatchUp.class);

    private final Duration bound;
    private final Duration poll;
    private final Object signal = new Object();
    /** How many events the inbox has applied; guarded by {@link #signal}. */
    private long applied;

    public ViewCatchUp(@ConfigProperty(name = "p2c.views.catch-up-wait", defaultValue = "5S") Duration bound,
                       @ConfigProperty(name = "p2c.views.catch-up-poll", defaultValue = "100MS") Duration poll) {
        this.bound = bound;
        this.poll = poll;
    }

    /** The inbox committed an event's effect: the waiting requests look at their view again. */
    public void applied() {
        synchronized (signal) {
            applied++;
            signal.notifyAll();
        }
    }

    /** The wait of one request, which may run several use cases (a batch's items): together they wait at most the bound. */
    public Deadline deadline() {
        return new Deadline(System.nanoTime() + bound.toNanos());
    }

    /** One request's bound on waiting for the views. */
    public final class Deadline {

        private final long at;

        private Deadline(long at) {
            this.at = at;
        }

        /**
         * Runs {@code work}, which must commit or roll back on its own; when it finds a reference the view does not
         * know, waits for the view until the deadline and runs it again. Past the deadline, the reference's problem.
         */
        public <T> T run(Supplier<T> work) {
            try {
                return call(work::get);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        <T> T call(Callable<T> work) throws Exception {
            while (true) {
                long seen = appliedSoFar();
                try {
                    return work.call();
                } catch (UnknownReference unknown) {
                    if (!caughtUp(unknown, seen)) {
                        throw unknown;
                    }
                }
            }
        }

        private boolean caughtUp(UnknownReference unknown, long seen) {
            if (QuarkusTransaction.isActive() || Context.isOnEventLoopThread()) {
                // Waiting here would hold a transaction and its connection, or the event loop: answer at once.
                LOG.warnf("not waiting for the view: %s", QuarkusTransaction.isActive()
                        ? "a transaction is active" : "on the event loop");
                return false;
            }
            try {
                while (true) {
                    long left = at - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    seen = awaitApplied(seen, Math.min(left, poll.toNanos()));
                    if (QuarkusTransaction.requiringNew().call(unknown::isKnownNow)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private long appliedSoFar() {
        synchronized (signal) {
            return applied;
        }
    }

    /** Waits until the inbox applied an event after {@code seen}, or {@code nanos} passed; answers the new count. */
    private long awaitApplied(long seen, long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        synchronized (signal) {
            while (applied == seen) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
            return applied;
        }
    }
}
