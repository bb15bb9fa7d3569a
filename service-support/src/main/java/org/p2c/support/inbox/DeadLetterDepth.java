package org.p2c.support.inbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;
import org.p2c.support.metrics.Metrics;
import org.p2c.support.metrics.Sampling;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many records this service parked on each {@code <topic>.dlq} and has not redriven yet: {@value #DEPTH} per
 * source topic, what {@link DeadLetterRedrive} would take. A dead-letter topic holds the poison of every consumer of its
 * topic, so the count is of the records whose {@value DeadLetters#CONSUMER} header names this service, at or after
 * where the redrive stopped ({@code dead_letter_position}); the redrive's own "parked again" records count too, they
 * are still parked.
 *
 * <p>Sampled every {@code p2c.metrics.sample-every} (5 s), never when scraped, by one consumer of its own (no group)
 * that reads each dead-letter partition once, from where it read up to last time: a sample reads only the records
 * parked since, and remembers the offsets of this service's (dead letters are few). Each replica counts the same
 * records (take the maximum, not the sum). While the database or the broker cannot be read, the gauge is NaN (logged
 * once); each broker call waits at most {@value #WAIT_SECONDS} s and a sample reads for at most
 * {@value #READ_SECONDS} s, going on at the next one.
 */
@ApplicationScoped
@Startup
public class DeadLetterDepth {

    public static final String DEPTH = "p2c.inbox.dlq.depth";
    private static final Logger LOG = Logger.getLogger(DeadLetterDepth.class);
    private static final int WAIT_SECONDS = 5;
    private static final int READ_SECONDS = 10;

    /** What the sampler knows of one dead-letter partition. */
    private static final class Scan {
        /** The next offset to read. */
        long next;
        /** The offsets of this service's records from {@link #next} back to where the redrive stopped. */
        final TreeSet<Long> mine = new TreeSet<>();
    }

    private final EntityManager em;
    private final Map<String, Object> kafka;
    private final String self;
    /** The source topic of each dead-letter topic this service parks on. */
    private final Map<String, String> sourceByDeadLetterTopic = new HashMap<>();
    private final Map<String, Double> depths = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Scan> scans = new HashMap<>();
    private final Sampling sampling = new Sampling(LOG, "the dead-letter topics' depth");
    private List<TopicPartition> partitions = List.of();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean closed;

    public DeadLetterDepth(EntityManager em, Instance<InboxConsumer> consumers, DeadLetters deadLetters,
                           MeterRegistry registry, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.em = em;
        this.kafka = kafka;
        this.self = deadLetters.consumer();
        consumers.forEach(c -> c.topics().forEach(t -> sourceByDeadLetterTopic.put(DeadLetters.topicFor(t.topic()), t.topic())));
        for (String topic : sourceByDeadLetterTopic.values()) {
            depths.put(topic, Double.NaN);
            Gauge.builder(DEPTH, this, depth -> depth.depths.getOrDefault(topic, Double.NaN))
                    .tag(Metrics.TOPIC, topic)
                    .description("Records this service parked on the topic's dead-letter topic and has not redriven")
                    .register(registry);
        }
    }

    @Scheduled(every = Metrics.SAMPLE_EVERY, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void sample() {
        if (sourceByDeadLetterTopic.isEmpty() || closed) {
            return;
        }
        try {
            Map<TopicPartition, Long> redriven = positions();
            KafkaConsumer<byte[], byte[]> reader = consumer();
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions(reader), Duration.ofSeconds(WAIT_SECONDS));
            List<TopicPartition> behind = new ArrayList<>();
            for (var end : ends.entrySet()) {
                Scan scan = scans.computeIfAbsent(end.getKey(), p -> new Scan());
                long from = redriven.getOrDefault(end.getKey(), 0L);
                // What the redrive has passed (on any replica) is no longer parked.
                scan.mine.headSet(from).clear();
                scan.next = Math.max(scan.next, from);
                if (scan.next < end.getValue()) {
                    behind.add(end.getKey());
                }
            }
            read(reader, behind, ends);
            Map<String, Double> sampled = new HashMap<>();
            sourceByDeadLetterTopic.values().forEach(topic -> sampled.put(topic, 0.0));
            scans.forEach((partition, scan) ->
                    sampled.merge(sourceByDeadLetterTopic.get(partition.topic()), (double) scan.mine.size(), Double::sum));
            depths.putAll(sampled);
            sampling.sampled();
        } catch (WakeupException stopping) {
            // closing
        } catch (RuntimeException failed) {
            depths.replaceAll((topic, depth) -> Double.NaN);
            if (!closed) {
                sampling.failed(failed);
            }
        }
    }

    /** Reads the partitions behind up to their ends (or for {@value #READ_SECONDS} s), noting this service's records. */
    private void read(KafkaConsumer<byte[], byte[]> reader, List<TopicPartition> behind, Map<TopicPartition, Long> ends) {
        if (behind.isEmpty()) {
            return;
        }
        reader.assign(behind);
        for (TopicPartition partition : behind) {
            reader.seek(partition, scans.get(partition).next);
        }
        long until = System.nanoTime() + Duration.ofSeconds(READ_SECONDS).toNanos();
        List<TopicPartition> reading = new ArrayList<>(behind);
        while (!reading.isEmpty() && System.nanoTime() < until) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
                if (self.equals(header(record, DeadLetters.CONSUMER))) {
                    scans.get(new TopicPartition(record.topic(), record.partition())).mine.add(record.offset());
                }
            }
            for (TopicPartition partition : List.copyOf(reading)) {
                Scan scan = scans.get(partition);
                scan.next = reader.position(partition, Duration.ofSeconds(WAIT_SECONDS));
                if (scan.next >= ends.get(partition)) {
                    reading.remove(partition);
                }
            }
        }
    }

    /** The partitions of the dead-letter topics, asked for until every topic has some. */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> reader) {
        if (partitions.size() < sourceByDeadLetterTopic.size()) {
            List<TopicPartition> found = new ArrayList<>();
            for (String topic : sourceByDeadLetterTopic.keySet()) {
                List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(WAIT_SECONDS));
                if (infos != null) {
                    infos.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            partitions = List.copyOf(found);
        }
        return partitions;
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> next = new HashMap<>();
        List<?> rows = QuarkusTransaction.requiringNew().timeout(10).call(() -> em.createNativeQuery(
                "select dead_letter_topic, partition, next_offset from dead_letter_position").getResultList());
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            next.put(new TopicPartition((String) row[0], ((Number) row[1]).intValue()), ((Number) row[2]).longValue());
        }
        return next;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // Asking for a dead-letter topic that is not there must not create it.
            config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
            config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, WAIT_SECONDS * 1000);
            config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, WAIT_SECONDS * 1000);
            consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    void close(@Observes ShutdownEvent stopping) {
        closed = true;
        KafkaConsumer<byte[], byte[]> open = consumer;
        if (open != null) {
            // A sample under way stops at its next call to the broker, then the consumer closes.
            open.wakeup();
        }
        synchronized (this) {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(2));
                consumer = null;
            }
        }
    }
}
