package org.p2c.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.p2c.support.metrics.Metrics;
import org.p2c.support.metrics.Sampling;

import java.time.Instant;

/**
 * What the outbox relay does, for the service's topic: {@value #PUBLISHED} (events the broker acknowledged),
 * {@value #FAILURES} (relay rounds that stopped on a failure, by its {@link Metrics#reason}; their events stay and a
 * later round publishes them), and two gauges sampled every {@code p2c.metrics.sample-every} (5 s) on a worker, never
 * when scraped: {@value #BACKLOG}, the events committed and not yet published, and {@value #OLDEST}, how long the
 * oldest of them has waited. The table is the service's, shared by its replicas: each replica reports the same
 * backlog (take the maximum, not the sum). While the database cannot be read, both gauges are NaN.
 */
@ApplicationScoped
@Startup
@IfBuildProperty(name = "p2c.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxMetrics {

    public static final String PUBLISHED = "p2c.outbox.published";
    public static final String FAILURES = "p2c.outbox.publish.failures";
    public static final String BACKLOG = "p2c.outbox.backlog";
    public static final String OLDEST = "p2c.outbox.oldest.age";
    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    private final EntityManager em;
    private final MeterRegistry registry;
    private final String topic;
    private final Counter published;
    private final Sampling sampling = new Sampling(LOG, "the outbox's backlog");
    /** The last sample: rows waiting (NaN while stale) and when the oldest of them was appended. */
    private volatile double backlog = Double.NaN;
    private volatile Instant oldest;
    private volatile boolean stopping;

    public OutboxMetrics(EntityManager em, MeterRegistry registry,
                         @ConfigProperty(name = "mp.messaging.outgoing.outbox.topic", defaultValue = "outbox") String topic) {
        this.em = em;
        this.registry = registry;
        this.topic = topic;
        this.published = Counter.builder(PUBLISHED).tag(Metrics.TOPIC, topic)
                .description("Events of the outbox the broker acknowledged").register(registry);
        Gauge.builder(BACKLOG, this, OutboxMetrics::backlog).tag(Metrics.TOPIC, topic)
                .description("Events committed to the outbox and not yet published").register(registry);
        Gauge.builder(OLDEST, this, OutboxMetrics::oldestAgeSeconds).tag(Metrics.TOPIC, topic).baseUnit("seconds")
                .description("How long the oldest event waiting in the outbox has waited").register(registry);
    }

    void published(int events) {
        published.increment(events);
    }

    void failed(Throwable failure) {
        registry.counter(FAILURES, Metrics.TOPIC, topic, Metrics.REASON, Metrics.reason(failure)).increment();
    }

    @Scheduled(every = Metrics.SAMPLE_EVERY, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        if (stopping) {
            return;
        }
        try {
            Object[] row = QuarkusTransaction.requiringNew().timeout(10).call(() -> {
                // A sample gives up rather than queue behind a lock; the next one comes in a few seconds.
                em.createNativeQuery("select set_config('statement_timeout', '2000ms', true)").getSingleResult();
                return (Object[]) em.createNativeQuery("select count(*), min(occurred_at) from outbox_event")
                        .getSingleResult();
            });
            long waiting = ((Number) row[0]).longValue();
            oldest = waiting == 0 ? null : instant(row[1]);
            backlog = waiting;
            sampling.sampled();
        } catch (RuntimeException failed) {
            backlog = Double.NaN;
            oldest = null;
            if (!stopping) {
                sampling.failed(failed);
            }
        }
    }

    /** A sample that runs into the shutdown (the database closed under it) is not an outage to report. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private double backlog() {
        return backlog;
    }

    /** Counted at the scrape from the sampled oldest row, so it grows between samples as the wait does. */
    private double oldestAgeSeconds() {
        double waiting = backlog;
        Instant since = oldest;
        if (Double.isNaN(waiting)) {
            return Double.NaN;
        }
        return since == null ? 0 : Math.max(0, (Instant.now().toEpochMilli() - since.toEpochMilli()) / 1000.0);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("occurred_at read as " + value.getClass());
    }
}
