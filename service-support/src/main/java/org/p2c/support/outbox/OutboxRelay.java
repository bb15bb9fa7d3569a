package org.p2c.support.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed outbox events to the service's topic as structured CloudEvents, keyed by aggregate id, and
 * deletes each one only after Kafka acknowledged it (acks=all, idempotent producer). A crash between the two
 * publishes the event again later, so consumers must be idempotent, and they are.
 *
 * <p>Only one relay publishes at a time (a PostgreSQL advisory lock), so events leave in commit order even with
 * several replicas of the service.
 */
@ApplicationScoped
@IfBuildProperty(name = "p2c.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    /** The advisory lock of the one relay that publishes. */
    public static final long RELAY_LOCK = 0x7032632d6f757462L; // "p2c-outb"
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final Emitter<Map<String, Object>> emitter;
    private final EntityManager em;
    private final ObjectMapper json;
    private final URI source;
    private final OutboxMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));

    public OutboxRelay(@Channel("outbox") Emitter<Map<String, Object>> emitter, EntityManager em, ObjectMapper json,
                       @ConfigProperty(name = "p2c.outbox.source") URI source, OutboxMetrics metrics) {
        this.emitter = emitter;
        this.em = em;
        this.json = json;
        this.source = source;
        this.metrics = metrics;
    }

    /** A commit with events publishes them at once; the poll below is the safety net (crash, failed send). */
    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Appended appended) {
        nudges.execute(this::publishPending);
    }

    @Scheduled(every = "${p2c.outbox.poll-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        publishPending();
    }

    /** Publishes until nothing is pending; returns how many events left. */
    public int publishPending() {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        int total = 0;
        try {
            int published;
            do {
                published = QuarkusTransaction.requiringNew().timeout(60).call(this::publishBatch);
                total += published;
            } while (published == BATCH);
        } catch (RuntimeException e) {
            metrics.failed(e);
            LOG.warnf("outbox relay stopped after %d events, will retry: %s", total, e.getMessage());
        } finally {
            running.set(false);
        }
        return total;
    }

    private int publishBatch() throws Exception {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")")
                .getSingleResult();
        if (!locked) {
            return 0;
        }
        List<OutboxEvent> batch = OutboxEvent.<OutboxEvent>find("order by seq").page(0, BATCH).list();
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            acks.add(send(event));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        metrics.published(batch.size());
        for (OutboxEvent event : batch) {
            event.delete();
        }
        return batch.size();
    }

    private CompletableFuture<Void> send(OutboxEvent event) throws Exception {
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.eventId.toString())
                .withSource(source)
                .withType(event.type)
                .withSubject(event.aggregateId.toString())
                .withTimestamp(event.occurredAt.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.aggregateId.toString())
                .build();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<Map<String, Object>> message = Message.of(json.readValue(event.data, JSON_OBJECT),
                // The connector's span of the send is a child of the appending request's, and its traceparent header
                // carries that trace (TracingMetadata's context is the parent it takes).
                Metadata.of(cloudEvent, record, TracingMetadata.withCurrent(event.traceContext().parent())),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }

    void shutdown(@Observes io.quarkus.runtime.ShutdownEvent event) {
        nudges.shutdownNow();
    }
}
