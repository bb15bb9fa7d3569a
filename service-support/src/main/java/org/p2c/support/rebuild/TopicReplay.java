package org.p2c.support.rebuild;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.p2c.support.inbox.Backoff;
import org.p2c.support.inbox.Failures;
import org.p2c.support.inbox.InboxConsumer;
import org.p2c.support.inbox.InboxTopic;
import org.p2c.support.inbox.PoisonEvent;
import org.p2c.support.inbox.ReceivedEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Reads a service's topics (those of its {@link InboxConsumer}s) from their beginning up to where they end when it
 * starts, and applies every event again with the consumer's own effect, by the inbox's rule: the same types, the same
 * poison passed over (it was parked when it first came), and a transient failure retried with the inbox's backoff
 * until it passes, never skipped. Its own consumer, no consumer group: the live channels go on meanwhile.
 *
 * <p>It neither reads nor writes the processed-event log: every event is applied again, and the views take each one
 * by their version rule (newest version wins), which is what makes a replay, duplicates included, give the same view.
 */
@ApplicationScoped
public class TopicReplay {

    private static final Logger LOG = Logger.getLogger(TopicReplay.class);
    private static final int BATCH = 500;

    private final Instance<InboxConsumer> consumers;
    private final Map<String, Object> kafka;
    private final Duration initialDelay;
    private final Duration maxDelay;

    public TopicReplay(Instance<InboxConsumer> consumers,
                       @Identifier("default-kafka-broker") Map<String, Object> kafka,
                       @ConfigProperty(name = "p2c.inbox.retry.initial-delay", defaultValue = "200MS") Duration initialDelay,
                       @ConfigProperty(name = "p2c.inbox.retry.max-delay", defaultValue = "10S") Duration maxDelay) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * @param stop     asked between batches; true ends the replay with a {@link CancellationException}
     * @param progress told the number of events read so far after each batch
     * @return how many events were read again
     */
    public long replay(BooleanSupplier stop, LongConsumer progress) {
        Map<String, InboxTopic> topics = new LinkedHashMap<>();
        consumers.forEach(consumer -> consumer.topics().forEach(topic -> topics.put(topic.topic(), topic)));
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(BATCH));
        long replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics.keySet()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (stop.getAsBoolean()) {
                    throw new CancellationException("stopped after " + replayed + " events");
                }
                List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
                consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
                try {
                    QuarkusTransaction.requiringNew().timeout(600).run(() -> batch.forEach(r -> apply(topics, r)));
                } catch (RuntimeException failed) {
                    // An event that cannot be applied, or a database that refused the batch: one by one.
                    for (ConsumerRecord<byte[], byte[]> record : batch) {
                        applyAlone(topics, record, stop);
                    }
                }
                replayed += batch.size();
                progress.accept(replayed);
            }
        }
        return replayed;
    }

    /** One record in a transaction of its own: poison is passed over, any other failure retried until it passes. */
    private void applyAlone(Map<String, InboxTopic> topics, ConsumerRecord<byte[], byte[]> record, BooleanSupplier stop) {
        Backoff backoff = new Backoff(initialDelay, maxDelay);
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(topics, record));
                return;
            } catch (RuntimeException failure) {
                if (Failures.isPoison(failure)) {
                    LOG.warnf("replay skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                            failure.getMessage());
                    return;
                }
                if (stop.getAsBoolean()) {
                    throw new CancellationException("stopped while retrying " + record.topic() + "-"
                            + record.partition() + "@" + record.offset());
                }
                Duration wait = backoff.afterFailure();
                LOG.warnf("replay of %s-%d@%d failed (try %d), retrying in %d ms: %s", record.topic(),
                        record.partition(), record.offset(), backoff.failures(), wait.toMillis(), failure.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("the replay was interrupted");
                }
            }
        }
    }

    private static void apply(Map<String, InboxTopic> topics, ConsumerRecord<byte[], byte[]> record) {
        InboxTopic consumer = topics.get(record.topic());
        ReceivedEvent event;
        JsonObject data;
        try {
            event = ReceivedEvent.read(record.value());
            if (!consumer.handled().contains(event.type())) {
                return; // a type the consumer does not handle: skipped when it first came too
            }
            data = event.dataOf(consumer.handled());
        } catch (PoisonEvent unreadable) {
            LOG.debugf("replay skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    unreadable.getMessage());
            return; // parked on the dead-letter topic when it first came
        }
        consumer.effect().apply(event.type(), data);
    }
}
