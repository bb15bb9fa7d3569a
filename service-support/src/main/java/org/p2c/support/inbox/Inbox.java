package org.p2c.support.inbox;

import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.p2c.support.metrics.Metrics;
import org.p2c.support.views.ViewCatchUp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The receiving side of the event conventions, the one way every consumer takes in events. For each record of a
 * channel configured with {@link InboxChannels} it reads the structured CloudEvent from the original bytes, then:
 *
 * <ul>
 * <li>a type the consumer does not handle ({@link EventTypes}) is skipped and acknowledged: a newer, additive type
 * is not this consumer's business;</li>
 * <li>a handled type is applied in one transaction with the processed-event log (a redelivery changes nothing) and
 * acknowledged after the commit;</li>
 * <li>an event that can never be applied ({@link Failures#isPoison}) is parked on {@code <topic>.dlq} with its
 * original bytes and the reason ({@link DeadLetters}), then acknowledged;</li>
 * <li>any other failure is transient: the event is tried again, forever, with exponential backoff
 * ({@code p2c.inbox.retry.initial-delay} doubling up to {@code p2c.inbox.retry.max-delay}), unacknowledged, so its
 * offset is not committed and the channel's later records wait behind it: the order per aggregate holds, and a
 * good event is never parked. Failing to park a poison event is retried alike.</li>
 * </ul>
 *
 * <p>Consumers call it from a {@code @Blocking} method (a worker thread, never the event loop) and return its stage;
 * the retries sleep on that worker. Each transaction waits at most {@code p2c.inbox.lock-timeout} for a lock, so a
 * consumer stuck behind a long-held lock says so and returns its connection between tries. After each commit it
 * tells {@link ViewCatchUp}, so that a request waiting for the view looks again at once. What becomes of each record
 * and each failed try is counted ({@link InboxMetrics}); a record retried for long shows in {@link InboxStalls}.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    /** What a consumer does with one event, inside the transaction. */
    @FunctionalInterface
    public interface Effect {
        void apply(String type, JsonObject data);
    }

    private final ProcessedEvents processed;
    private final ViewCatchUp catchUp;
    private final DeadLetters deadLetters;
    private final EntityManager em;
    private final InboxMetrics metrics;
    private final InboxStalls stalls;
    private final InboxTracing tracing;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration lockTimeout;
    private final CountDownLatch stopping = new CountDownLatch(1);

    public Inbox(ProcessedEvents processed, ViewCatchUp catchUp, DeadLetters deadLetters, EntityManager em,
                 InboxMetrics metrics, InboxStalls stalls, InboxTracing tracing,
                 @ConfigProperty(name = "p2c.inbox.retry.initial-delay", defaultValue = "200MS") Duration initialDelay,
                 @ConfigProperty(name = "p2c.inbox.retry.max-delay", defaultValue = "10S") Duration maxDelay,
                 @ConfigProperty(name = "p2c.inbox.lock-timeout", defaultValue = "5S") Duration lockTimeout) {
        this.processed = processed;
        this.catchUp = catchUp;
        this.deadLetters = deadLetters;
        this.em = em;
        this.metrics = metrics;
        this.stalls = stalls;
        this.tracing = tracing;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.lockTimeout = lockTimeout;
    }

    /** What became of one record. */
    public enum Outcome {
        /** Its effect committed, with its id in the processed-event log. */
        APPLIED,
        /** Its id was in the processed-event log already: applied before, nothing done. */
        DUPLICATE,
        /** A type the consumer does not handle. */
        SKIPPED,
        /** It can never be applied: on {@code <topic>.dlq} now. */
        PARKED
    }

    /**
     * Takes in one record of a channel: completes when the event was applied, skipped or parked, and acknowledged;
     * until then it retries on the calling worker thread. It fails only when the service stops meanwhile, the channel
     * is not configured as {@link InboxChannels} says or the consumer is not {@code @Blocking}, and then acknowledges
     * nothing (the channel's {@code failure-strategy=fail} stops it before the record).
     */
    public CompletionStage<Void> consume(Message<?> message, InboxTopic consumer) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        Object payload = message.getPayload();
        if (record == null || (payload != null && !(payload instanceof byte[]))) {
            return CompletableFuture.failedFuture(new IllegalStateException("channel " + channelOf(record)
                    + " must read raw records: set mp.messaging.incoming.<channel>.kafka-configuration="
                    + InboxChannels.CONFIGURATION));
        }
        if (Context.isOnEventLoopThread()) {
            // Retries wait on the calling thread, which must never be an event loop.
            return CompletableFuture.failedFuture(new IllegalStateException("the consumer of channel "
                    + channelOf(record) + " must be @Blocking: the inbox does not run on an event loop"));
        }
        Delivery delivery = Delivery.of(record);
        // In the trace of the change that published it: every span and log line of the record, retries included.
        try (Scope trace = tracing.parentOf(message, delivery).makeCurrent()) {
            return takeIn(message, delivery, consumer, record.getChannel());
        }
    }

    private CompletionStage<Void> takeIn(Message<?> message, Delivery delivery, InboxTopic consumer, String channel) {
        Retrying tries = new Retrying(channel, consumer.handled());
        while (true) {
            try {
                tracing.traced(delivery, () -> take(delivery, consumer, channel));
                stalls.passed(channel);
                return message.ack();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return stopped(delivery);
            } catch (RuntimeException failure) {
                if (!tries.waitAfter(delivery, "taking in", failure)) {
                    return stopped(delivery);
                }
            }
        }
    }

    /**
     * Takes in a record parked on {@code <topic>.dlq} once more, after a fix, by the rule of a live one: applied once
     * (an event whose id is in the processed-event log is not applied again), skipped if its type is not handled,
     * parked again if it still cannot be applied. One try: a transient failure is thrown, for the redrive to stop at
     * this record and leave it for its next run.
     */
    public Outcome redrive(Delivery parked, InboxTopic consumer) throws InterruptedException {
        try (Scope trace = tracing.parentOf(parked).makeCurrent()) {
            String channel = "redrive of " + DeadLetters.topicFor(parked.topic());
            return tracing.traced(parked, () -> take(parked, consumer, channel));
        }
    }

    /**
     * One try at one record: read it, skip, apply in one transaction with the processed-event log, or park it.
     *
     * @throws RuntimeException a transient failure (applying or parking): the record is to be tried again
     */
    private Outcome take(Delivery delivery, InboxTopic consumer, String channel) throws InterruptedException {
        ReceivedEvent event;
        JsonObject data;
        try {
            event = ReceivedEvent.read(delivery.value());
            InboxTracing.read(delivery, event);
            if (!consumer.handled().contains(event.type())) {
                LOG.debugf("%s skips %s of type %s (%s): not a type it handles", channel, event.id(), event.type(),
                        delivery.where());
                metrics.taken(delivery.topic(), Metrics.UNHANDLED, Outcome.SKIPPED);
                return Outcome.SKIPPED;
            }
        } catch (PoisonEvent unreadable) {
            return park(delivery, Metrics.UNREADABLE, unreadable);
        }
        try {
            data = event.dataOf(consumer.handled());
        } catch (PoisonEvent notItsContract) {
            return park(delivery, event.type(), notItsContract);
        }
        try {
            boolean first = QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("select set_config('lock_timeout', ?1, true)")
                        .setParameter(1, lockTimeout.toMillis() + "ms").getSingleResult();
                if (!processed.firstDelivery(event.id(), delivery.topic())) {
                    return false;
                }
                // A copy per try: an effect that rolled back leaves nothing behind in the next one's data.
                consumer.effect().apply(event.type(), data.copy());
                return true;
            });
            catchUp.applied();
            Outcome outcome = first ? Outcome.APPLIED : Outcome.DUPLICATE;
            metrics.taken(delivery.topic(), event.type(), outcome);
            return outcome;
        } catch (RuntimeException failure) {
            if (Failures.isPoison(failure)) {
                return park(delivery, event.type(), failure);
            }
            throw failure;
        }
    }

    /** @param type the record's type label ({@link InboxMetrics}) */
    private Outcome park(Delivery record, String type, Throwable reason) throws InterruptedException {
        deadLetters.park(record, reason);
        LOG.warnf("parked %s on %s: %s", record.where(), DeadLetters.topicFor(record.topic()), reason.getMessage());
        metrics.taken(record.topic(), type, Outcome.PARKED);
        return Outcome.PARKED;
    }

    /** The service stops: the record stays unacknowledged and is delivered again after the restart. */
    void stop(@Observes ShutdownEvent event) {
        stopping.countDown();
    }

    private CompletionStage<Void> stopped(Delivery record) {
        return CompletableFuture.failedFuture(new IllegalStateException("stopped while retrying " + record.where()));
    }

    private static String channelOf(IncomingKafkaRecordMetadata<?, ?> record) {
        return record == null ? "(not a Kafka channel)" : record.getChannel();
    }

    /**
     * The tries of one record: waits on the worker between them, and gives up only when the service stops. Each
     * failure is counted and told to {@link InboxStalls}, which says when the record has held its channel too long.
     */
    private final class Retrying {
        private final Backoff backoff = new Backoff(initialDelay, maxDelay);
        private final String channel;
        private final EventTypes handled;
        private String type;

        Retrying(String channel, EventTypes handled) {
            this.channel = channel;
            this.handled = handled;
        }

        boolean waitAfter(Delivery record, String what, RuntimeException failure) {
            Duration wait = backoff.afterFailure();
            if (type == null) {
                type = InboxMetrics.typeOf(record.value(), handled);
            }
            metrics.retried(record.topic(), type, failure);
            stalls.failed(channel, record, type, backoff.failures(), failure);
            String where = record.where();
            if (backoff.failures() == 1) {
                LOG.warnf(failure, "%s %s failed, retrying in %d ms (the partition waits behind it)", what, where,
                        wait.toMillis());
            } else {
                LOG.warnf("%s %s failed again (try %d), retrying in %d ms: %s", what, where, backoff.failures(),
                        wait.toMillis(), rootMessage(failure));
            }
            try {
                return !stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
