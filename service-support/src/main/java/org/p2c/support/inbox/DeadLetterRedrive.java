package org.p2c.support.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.p2c.support.lease.Leases;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Puts a service's parked events back through its {@link Inbox} after a fix (the producer's or the consumer's): it
 * reads the dead-letter topic of each topic the service consumes, takes the records its own inbox parked (header
 * {@value DeadLetters#CONSUMER} = this service; other consumers of the topic park theirs on the same dead-letter
 * topic) and applies each by the inbox's rule, with the consumer's own types and effect ({@link InboxTopic}): an event
 * whose id is in the processed-event log already is not applied again, a type not handled is skipped, one that still
 * cannot be applied is parked again (a new record on the dead-letter topic, after the redriven ones, so the next
 * redrive sees it).
 *
 * <p>Where it stopped: {@code dead_letter_position}, the next offset of each dead-letter partition, written after
 * each record, in this service's database. A consumer group's committed offsets on the dead-letter topic would do the
 * same but expire with the group ({@code offsets.retention.minutes}, 7 days by default) once nobody is consuming,
 * and a redrive after that would read everything again and park every still-poison record a second time. One redrive
 * at a time across replicas (the {@value #LEASE} lease, renewed with each record). A transient failure stops it at
 * the record (left for the next run) instead of retrying in the request.
 */
@ApplicationScoped
public class DeadLetterRedrive {

    public static final String LEASE = "dead-letter-redrive";
    private static final Logger LOG = Logger.getLogger(DeadLetterRedrive.class);
    /** The longest list answered; the oldest first. */
    public static final int LIST_LIMIT = 500;

    @Schema(name = "ParkedEvent", description = "A record this service's inbox parked and has not redriven yet", example = """
            {"topic": "p2c.entities.v1", "partition": 2, "offset": 1841, "reason": "data.name is required by entity-snapshot.v1.json but missing",
             "exception": "PoisonEvent", "type": "p2c.entity.updated.v1", "id": "5f0c8e3a-7d1b-4c2e-9a4f-1b2c3d4e5f60",
             "parkedAt": "2026-11-29T04:57:40Z", "deadLetterTopic": "p2c.entities.v1.dlq", "deadLetterPartition": 0, "deadLetterOffset": 17}""")
    public record Parked(
            @Schema(nullable = true, description = "The topic it came from") String topic,
            @Schema(nullable = true, description = "Its partition there") Integer partition,
            @Schema(nullable = true, description = "Its offset there") Long offset,
            @Schema(nullable = true, description = "Why it could not be applied") String reason,
            @Schema(nullable = true, description = "The exception that said so (short class name)") String exception,
            @Schema(nullable = true, description = "The CloudEvent type; null when the record is not a readable CloudEvent") String type,
            @Schema(nullable = true, description = "The CloudEvent id; null when the record is not a readable CloudEvent") UUID id,
            Instant parkedAt, String deadLetterTopic, int deadLetterPartition, long deadLetterOffset) {
    }

    @Schema(name = "RedriveReport", example = """
            {"applied": 3, "alreadyApplied": 1, "notHandled": 0, "parkedAgain": 1, "ofOtherConsumers": 4}""")
    public record Report(
            @Schema(description = "Applied now, once each") int applied,
            @Schema(description = "Skipped: their event id is in the processed-event log (applied before)") int alreadyApplied,
            @Schema(description = "Skipped: a type this service does not handle") int notHandled,
            @Schema(description = "Still not applicable: parked again, for a later redrive") int parkedAgain,
            @Schema(description = "Parked by other services on the same dead-letter topics: passed over") int ofOtherConsumers) {
    }

    /** A redrive that a transient failure stopped at a record; what it did before is kept. */
    public static class Stopped extends RuntimeException {
        private final Report done;

        Stopped(Report done, String where, RuntimeException cause) {
            super("stopped at " + where + " (" + cause.getMessage() + "); left for the next redrive", cause);
            this.done = done;
        }

        public Report done() {
            return done;
        }
    }

    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final Instance<InboxConsumer> consumers;
    private final Leases leases;
    private final EntityManager em;
    private final Map<String, Object> kafka;
    private final Duration ttl;

    public DeadLetterRedrive(Inbox inbox, DeadLetters deadLetters, Instance<InboxConsumer> consumers, Leases leases,
                             EntityManager em, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                             @ConfigProperty(name = "p2c.inbox.redrive.lease", defaultValue = "2M") Duration ttl) {
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.consumers = consumers;
        this.leases = leases;
        this.em = em;
        this.kafka = kafka;
        this.ttl = ttl;
    }

    /** The records this service parked and has not redriven yet, oldest first, at most {@value #LIST_LIMIT}. */
    public List<Parked> parked() {
        List<Parked> parked = new ArrayList<>();
        read((record, topic) -> {
            if (mine(record) && parked.size() < LIST_LIMIT) {
                parked.add(describe(record));
            }
            return parked.size() < LIST_LIMIT;
        });
        return parked;
    }

    /**
     * Redrives every record parked by this service and not redriven yet.
     *
     * @return what became of them, or empty if another redrive runs
     * @throws Stopped at a record a transient failure kept from applying
     */
    public Optional<Report> redrive() {
        UUID id = UUID.randomUUID();
        if (!leases.take(LEASE, id, ttl)) {
            return Optional.empty();
        }
        int[] counts = new int[5];
        try {
            read((record, topic) -> {
                String where = record.topic() + "-" + record.partition() + "@" + record.offset();
                if (mine(record)) {
                    Inbox.Outcome outcome;
                    try {
                        outcome = inbox.redrive(delivery(record, topic.topic()), topic);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new Stopped(report(counts), where, new IllegalStateException("interrupted"));
                    } catch (RuntimeException transientFailure) {
                        throw new Stopped(report(counts), where, transientFailure);
                    }
                    counts[outcome.ordinal()]++;
                    LOG.infof("redrive of %s: %s", where, outcome);
                } else {
                    counts[4]++;
                }
                passed(record, id);
                return true;
            });
            return Optional.of(report(counts));
        } finally {
            leases.release(LEASE, id);
        }
    }

    private static Report report(int[] counts) {
        return new Report(counts[Inbox.Outcome.APPLIED.ordinal()], counts[Inbox.Outcome.DUPLICATE.ordinal()],
                counts[Inbox.Outcome.SKIPPED.ordinal()], counts[Inbox.Outcome.PARKED.ordinal()], counts[4]);
    }

    /** What to do with each record read; false stops reading. */
    @FunctionalInterface
    private interface Visit {
        boolean visit(ConsumerRecord<byte[], byte[]> record, InboxTopic topic);
    }

    /** Reads each dead-letter topic from where the redrive stopped up to where it ends now. */
    private void read(Visit visit) {
        Map<String, InboxTopic> byDeadLetterTopic = new HashMap<>();
        consumers.forEach(c -> c.topics().forEach(t -> byDeadLetterTopic.put(DeadLetters.topicFor(t.topic()), t)));
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : byDeadLetterTopic.keySet()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> next = positions();
            for (TopicPartition partition : partitions) {
                Long from = next.get(partition);
                if (from == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, from);
                }
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // parked again by this redrive, after where the topic ended at its start
                    }
                    if (!visit.visit(record, byDeadLetterTopic.get(record.topic()))) {
                        return;
                    }
                }
            }
        }
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> next = new HashMap<>();
        List<?> rows = QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery(
                "select dead_letter_topic, partition, next_offset from dead_letter_position").getResultList());
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            next.put(new TopicPartition((String) row[0], ((Number) row[1]).intValue()), ((Number) row[2]).longValue());
        }
        return next;
    }

    /** The redrive is past this record, and still holds its lease. */
    private void passed(ConsumerRecord<byte[], byte[]> record, UUID redrive) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                            insert into dead_letter_position (dead_letter_topic, partition, next_offset) values (?1, ?2, ?3)
                            on conflict (dead_letter_topic, partition) do update set next_offset = excluded.next_offset""")
                    .setParameter(1, record.topic()).setParameter(2, record.partition())
                    .setParameter(3, record.offset() + 1).executeUpdate();
        });
        leases.renew(LEASE, redrive, ttl);
    }

    private boolean mine(ConsumerRecord<byte[], byte[]> record) {
        return deadLetters.consumer().equals(header(record, DeadLetters.CONSUMER));
    }

    /** The record as it first came: its place on the aggregate topic, its bytes, its headers. */
    private static Delivery delivery(ConsumerRecord<byte[], byte[]> record, String topic) {
        return new Delivery(topic, number(header(record, DeadLetters.PARTITION), -1).intValue(),
                number(header(record, DeadLetters.OFFSET), -1L).longValue(), record.key(), record.value(),
                record.headers());
    }

    private static Parked describe(ConsumerRecord<byte[], byte[]> record) {
        String type = null;
        UUID id = null;
        try {
            ReceivedEvent event = ReceivedEvent.read(record.value());
            type = event.type();
            id = event.id();
        } catch (PoisonEvent notAnEvent) {
            // Not a readable CloudEvent: no type, no id.
        }
        Number partition = number(header(record, DeadLetters.PARTITION), null);
        Number offset = number(header(record, DeadLetters.OFFSET), null);
        return new Parked(header(record, DeadLetters.TOPIC), partition == null ? null : partition.intValue(),
                offset == null ? null : offset.longValue(), header(record, DeadLetters.REASON),
                header(record, DeadLetters.EXCEPTION), type, id, Instant.ofEpochMilli(record.timestamp()),
                record.topic(), record.partition(), record.offset());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Number number(String text, Number otherwise) {
        try {
            return text == null ? otherwise : Long.valueOf(text);
        } catch (NumberFormatException notANumber) {
            return otherwise;
        }
    }
}
