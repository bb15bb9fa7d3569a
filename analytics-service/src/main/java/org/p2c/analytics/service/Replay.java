package org.p2c.analytics.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.json.JsonObject;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.p2c.support.inbox.Backoff;
import org.p2c.support.inbox.EventTypes;
import org.p2c.support.inbox.Failures;
import org.p2c.support.inbox.PoisonEvent;
import org.p2c.support.inbox.ReceivedEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rebuilds the projections: empties them, then reads the three topics from their beginning up to where they end
 * now and applies every event again. The live consumers go on meanwhile; as every apply keeps the newest version
 * and recomputes from stored states, events they apply during the rebuild land the same either way. It reads the
 * events as the live inbox does (service-support's {@code Inbox}): the same types, the same poison passed over
 * (it was parked when it first came), and a transient failure retried until it passes, never skipped.
 */
@ApplicationScoped
public class Replay {

    private static final Logger LOG = Logger.getLogger(Replay.class);
    private static final int BATCH = 500;

    private final AnalyticsProjection projection;
    private final String bootstrap;
    /** The topics and the types EventIngestion handles on each. */
    private final Map<String, EventTypes> topics = new LinkedHashMap<>();
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final ReentrantLock running = new ReentrantLock();

    public Replay(AnalyticsProjection projection,
                  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                  @ConfigProperty(name = "p2c.topics.entities") String entities,
                  @ConfigProperty(name = "p2c.topics.pledges") String pledges,
                  @ConfigProperty(name = "p2c.topics.reports") String reports,
                  @ConfigProperty(name = "p2c.inbox.retry.initial-delay", defaultValue = "200MS") Duration initialDelay,
                  @ConfigProperty(name = "p2c.inbox.retry.max-delay", defaultValue = "10S") Duration maxDelay) {
        this.projection = projection;
        this.bootstrap = bootstrap;
        topics.put(entities, EventTypes.ENTITY_SNAPSHOTS);
        topics.put(pledges, EventTypes.PLEDGE_SNAPSHOTS);
        topics.put(reports, EventTypes.REPORT_SNAPSHOTS.and(EventTypes.REPORTING_SCHEDULES));
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * A new version of the projections' tables (a migration that sets {@code rebuild_required}) rebuilds them from
     * the topics once the service is up; in the background, so the service starts and answers meanwhile.
     */
    void onStart(@Observes StartupEvent started) {
        Thread worker = new Thread(this::rebuildIfRequired, "analytics-rebuild");
        worker.setDaemon(true);
        worker.start();
    }

    /** @return how many events were read again, if the projections needed a rebuild */
    public OptionalLong rebuildIfRequired() {
        if (!QuarkusTransaction.requiringNew().call(projection::rebuildRequired)) {
            return OptionalLong.empty();
        }
        LOG.info("the projections' tables changed since they were filled: rebuilding them from the topics");
        long replayed = rebuild();
        LOG.infof("rebuilt the projections from %d events", replayed);
        return OptionalLong.of(replayed);
    }

    /** @return how many events were read again; -1 if another rebuild is running */
    public long rebuild() {
        if (!running.tryLock()) {
            return -1;
        }
        try {
            QuarkusTransaction.requiringNew().run(projection::clear);
            long replayed = 0;
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(BATCH));
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics.keySet()) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(30))
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                    consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
                    try {
                        QuarkusTransaction.requiringNew().timeout(600).run(() -> batch.forEach(this::apply));
                    } catch (RuntimeException failed) {
                        // An event the projection cannot apply, or a database that refused the batch: one by one.
                        batch.forEach(this::applyAlone);
                    }
                    replayed += batch.size();
                }
            }
            QuarkusTransaction.requiringNew().run(projection::rebuilt);
            return replayed;
        } finally {
            running.unlock();
        }
    }

    /** One record in a transaction of its own: poison is passed over, any other failure retried until it passes. */
    private void applyAlone(ConsumerRecord<String, byte[]> record) {
        Backoff backoff = new Backoff(initialDelay, maxDelay);
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(record));
                return;
            } catch (RuntimeException failure) {
                if (Failures.isPoison(failure)) {
                    LOG.warnf("replay skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                            failure.getMessage());
                    return;
                }
                Duration wait = backoff.afterFailure();
                LOG.warnf("replay of %s-%d@%d failed (try %d), retrying in %d ms: %s", record.topic(),
                        record.partition(), record.offset(), backoff.failures(), wait.toMillis(), failure.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the rebuild was interrupted", interrupted);
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        EventTypes handled = topics.get(record.topic());
        ReceivedEvent event;
        JsonObject data;
        try {
            event = ReceivedEvent.read(record.value());
            if (!handled.contains(event.type())) {
                return; // a type analytics does not handle: skipped when it first came too
            }
            data = event.dataOf(handled);
        } catch (PoisonEvent unreadable) {
            LOG.debugf("replay skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    unreadable.getMessage());
            return; // parked on the dead-letter topic when it first came
        }
        projection.apply(record.topic(), event.type(), data);
    }
}
