package org.p2c.support.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.support.inbox.DeadLetters;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every consumer promises about the events of one of its topics, run inside the service against real
 * PostgreSQL and Kafka through its real channel and {@code Inbox}: a database that refuses the effect for a while
 * (a real lock timeout, connections closed under it) delays the events, in order, and loses none of them; an event
 * that can never be applied is parked on {@code <topic>.dlq} as it came, with the reason, and the events behind it
 * still apply; a well-formed event of a type the consumer does not handle is skipped, neither applied nor parked.
 *
 * <p>A subclass is a {@code @QuarkusTest} with {@code @WithTestResource(InboxContract.QuickRetries.class)} and the
 * service's test resources, and says which topic, which view table and which events.
 */
public abstract class InboxContract {

    /** Short waits, so that a test sees many tries: a lock is given up after 300 ms, retries back off to 500 ms. */
    public static class QuickRetries implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("p2c.inbox.lock-timeout", "300ms",
                    "p2c.inbox.retry.initial-delay", "50ms",
                    "p2c.inbox.retry.max-delay", "500ms");
        }

        @Override
        public void stop() {
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    protected DataSource dataSource;

    @Inject
    protected MeterRegistry metrics;

    @Inject
    protected ObjectMapper json;

    private KafkaCompanion kafka;
    private KafkaProducer<String, byte[]> producer;

    /** The configuration key of the consumed topic, e.g. {@code p2c.topics.entities}. */
    protected abstract String topicProperty();

    /** The table of the consumer's view of the topic's aggregates, with their {@code id} and {@code version}. */
    protected abstract String viewTable();

    /** A type of the topic that the consumer handles, e.g. {@code p2c.entity.updated.v1}. */
    protected abstract String handledType();

    /** The JSON Schema of the topic's data in event-contracts, e.g. {@code entity-snapshot.v1.json}. */
    protected abstract String dataSchema();

    /** The data of an event of the aggregate {@code id} at {@code version}, as its producer would send it. */
    protected abstract String snapshot(UUID id, long version);

    @BeforeEach
    void connect() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        kafka = new KafkaCompanion(bootstrap);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
        kafka.close();
    }

    @Test
    void aDatabaseThatRefusesTheEffectDelaysTheEventsInOrderAndLosesNone() throws Exception {
        Map<UUID, List<UUID>> events = new LinkedHashMap<>();
        double retriesBefore = retries();
        try (HeldTable held = HeldTable.lock(dataSource, viewTable())) {
            publishVersions(events, 3, 3);
            // The consumer's transactions give up on the lock, again and again: it retries, it does not park or skip.
            await("retries while the view's table is locked").atMost(PATIENCE)
                    .until(() -> retries() >= retriesBefore + 3);
            assertThat(processed(allOf(events))).as("events applied while the table is locked").isEmpty();
        }
        assertAppliedInOrder(events);
        assertNothingParkedFor(events.keySet());
    }

    @Test
    void connectionsClosedUnderTheConsumerDelayTheEventsInOrderAndLoseNone() throws Exception {
        Map<UUID, List<UUID>> events = new LinkedHashMap<>();
        try (HeldTable held = HeldTable.lock(dataSource, viewTable())) {
            publishVersions(events, 2, 3);
            // As in a database restart: the consumer's sessions end under it, in the middle of its transaction.
            AtomicInteger ended = new AtomicInteger();
            await("consumer sessions ended while they wait").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> ended.addAndGet(held.terminateWaitingSessions()) >= 3);
            assertThat(processed(allOf(events))).as("events applied while the table is locked").isEmpty();
        }
        assertAppliedInOrder(events);
        assertNothingParkedFor(events.keySet());
    }

    @Test
    void anEventThatCanNeverBeAppliedIsParkedAsItCameAndTheEventsBehindItApply() throws Exception {
        UUID notJson = UUID.randomUUID();
        UUID notACloudEvent = UUID.randomUUID();
        UUID missingFields = UUID.randomUUID();
        // Bytes that are not even UTF-8: parked as they are, not as a decoder would rewrite them.
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'};
        byte[] plainJson = "{\"not\": \"a cloud event\"}".getBytes(StandardCharsets.UTF_8);
        byte[] incomplete = TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:test", handledType(), missingFields,
                "{\"id\":\"%s\",\"version\":1}".formatted(missingFields)).getBytes(StandardCharsets.UTF_8);
        Map<UUID, RecordMetadata> sent = new LinkedHashMap<>();
        sent.put(notJson, sendRaw(notJson, garbage));
        sent.put(notACloudEvent, sendRaw(notACloudEvent, plainJson));
        sent.put(missingFields, sendRaw(missingFields, incomplete));
        Map<UUID, UUID> behind = new LinkedHashMap<>();
        for (UUID aggregate : sent.keySet()) {
            behind.put(aggregate, publish(aggregate, 1));
        }

        await("the events behind the poison applied").atMost(PATIENCE)
                .until(() -> processed(List.copyOf(behind.values())).size() == behind.size());
        for (UUID aggregate : sent.keySet()) {
            assertThat(version(aggregate)).as("view of %s", aggregate).isEqualTo(1);
        }
        Map<String, List<ConsumerRecord<String, byte[]>>> parked = parked(keys(sent.keySet()), 1);
        assertParked(parked.get(notJson.toString()).get(0), garbage, sent.get(notJson), "not a JSON object");
        assertParked(parked.get(notACloudEvent.toString()).get(0), plainJson, sent.get(notACloudEvent), "specversion");
        assertParked(parked.get(missingFields.toString()).get(0), incomplete, sent.get(missingFields),
                "is required by " + dataSchema());
    }

    @Test
    void aWellFormedEventOfATypeTheConsumerDoesNotHandleIsSkipped() throws Exception {
        UUID aggregate = UUID.randomUUID();
        String newType = handledType().replaceFirst("\\.[a-z-]+\\.v1$", ".something-new.v1");
        UUID unknown = UUID.randomUUID();
        // Data the view would take if it applied the type: a version above the event that follows.
        send(aggregate, TestEvents.cloudEvent(unknown, "urn:p2c:test", newType, aggregate, snapshot(aggregate, 5)));
        UUID next = publish(aggregate, 1);

        await("the event after the unknown type applied").atMost(PATIENCE)
                .until(() -> processed(List.of(next)).size() == 1);
        assertThat(version(aggregate)).as("the view, not at the unknown event's version").isEqualTo(1);
        assertThat(processed(List.of(unknown))).as("the unknown type in the processed-event log").isEmpty();
        assertNothingParkedFor(Set.of(aggregate));
    }

    // --- events in ---------------------------------------------------------------------------------------

    /** Versions 1..n of {@code aggregates} new aggregates, interleaved, so they spread over the partitions. */
    private void publishVersions(Map<UUID, List<UUID>> events, int aggregates, int versions) throws Exception {
        for (int i = 0; i < aggregates; i++) {
            events.put(UUID.randomUUID(), new ArrayList<>());
        }
        for (int version = 1; version <= versions; version++) {
            for (var aggregate : events.entrySet()) {
                aggregate.getValue().add(publish(aggregate.getKey(), version));
            }
        }
    }

    /** A handled event of {@code aggregate} at {@code version}, checked against the contract; its event id. */
    private UUID publish(UUID aggregate, long version) throws Exception {
        UUID id = UUID.randomUUID();
        String event = TestEvents.cloudEvent(id, "urn:p2c:test", handledType(), aggregate, snapshot(aggregate, version));
        assertThat(EventContracts.violations(json.readTree(event), dataSchema())).as("the test's event").isEmpty();
        send(aggregate, event);
        return id;
    }

    private void send(UUID key, String event) throws Exception {
        sendRaw(key, event.getBytes(StandardCharsets.UTF_8));
    }

    private RecordMetadata sendRaw(UUID key, byte[] value) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic(), key.toString(), value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        return producer.send(record).get();
    }

    // --- what the consumer did ---------------------------------------------------------------------------

    private void assertAppliedInOrder(Map<UUID, List<UUID>> events) throws SQLException {
        await("every event applied once the database takes them").atMost(PATIENCE)
                .until(() -> processed(allOf(events)).size() == allOf(events).size());
        for (var aggregate : events.entrySet()) {
            List<UUID> versions = aggregate.getValue();
            assertThat(version(aggregate.getKey())).as("view of %s", aggregate.getKey()).isEqualTo(versions.size());
            // The order the transactions committed in: a later version never went before an earlier one.
            assertThat(processed(versions)).as("order in which the versions of %s applied", aggregate.getKey())
                    .containsExactlyElementsOf(versions);
        }
    }

    /**
     * Nothing of these aggregates is on the dead-letter topic: a poison record sent after their events, on their
     * partitions, is parked after anything of theirs would have been, so once it is there the topic has told all.
     */
    private void assertNothingParkedFor(Set<UUID> aggregates) throws Exception {
        Map<UUID, byte[]> markers = new LinkedHashMap<>();
        for (UUID aggregate : aggregates) {
            byte[] marker = ("marker after the events of " + aggregate).getBytes(StandardCharsets.UTF_8);
            sendRaw(aggregate, marker);
            markers.put(aggregate, marker);
        }
        Map<String, List<ConsumerRecord<String, byte[]>>> parked = parked(keys(aggregates), 1);
        for (UUID aggregate : aggregates) {
            assertThat(parked.get(aggregate.toString())).as("parked records of %s", aggregate)
                    .extracting(ConsumerRecord::value).containsExactly(markers.get(aggregate));
        }
    }

    /** The dead-letter topic's records of these keys, once each key has at least {@code atLeast}. */
    private Map<String, List<ConsumerRecord<String, byte[]>>> parked(Set<String> keys, int atLeast) {
        ConsumerTask<String, byte[]> task = kafka.consume(byte[].class).fromTopics(DeadLetters.topicFor(topic()));
        try {
            Supplier<Map<String, List<ConsumerRecord<String, byte[]>>>> mine = () -> task.getRecords().stream()
                    .filter(r -> keys.contains(r.key()))
                    .collect(Collectors.groupingBy(ConsumerRecord::key));
            await("parked records of " + keys).atMost(PATIENCE)
                    .until(() -> keys.stream().allMatch(k -> mine.get().getOrDefault(k, List.of()).size() >= atLeast));
            return mine.get();
        } finally {
            task.stop();
        }
    }

    private void assertParked(ConsumerRecord<String, byte[]> parked, byte[] original, RecordMetadata from, String reason) {
        assertThat(parked.value()).as("the parked value, byte for byte").isEqualTo(original);
        assertThat(header(parked, DeadLetters.REASON)).contains(reason);
        assertThat(header(parked, DeadLetters.EXCEPTION)).isEqualTo("PoisonEvent");
        assertThat(header(parked, DeadLetters.TOPIC)).isEqualTo(topic());
        assertThat(header(parked, DeadLetters.PARTITION)).isEqualTo(Integer.toString(from.partition()));
        assertThat(header(parked, DeadLetters.OFFSET)).isEqualTo(Long.toString(from.offset()));
        assertThat(header(parked, DeadLetters.CONSUMER))
                .isEqualTo(ConfigProvider.getConfig().getValue("quarkus.application.name", String.class));
        assertThat(header(parked, "content-type")).as("the original headers").startsWith("application/cloudevents+json");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The event ids among {@code ids} in the processed-event log, in the order their transactions wrote them. */
    private List<UUID> processed(List<UUID> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select event_id from processed_event where event_id = any(?) order by xmin::text::bigint")) {
            q.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            List<UUID> found = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
            return found;
        }
    }

    private long version(UUID aggregate) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select version from " + viewTable() + " where id = ?")) {
            q.setObject(1, aggregate);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private double retries() {
        return metrics.find("p2c.inbox.retries").tag("topic", topic()).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static List<UUID> allOf(Map<UUID, List<UUID>> events) {
        return events.values().stream().flatMap(List::stream).toList();
    }

    private static Set<String> keys(Set<UUID> aggregates) {
        return aggregates.stream().map(UUID::toString).collect(Collectors.toSet());
    }

    private String topic() {
        return ConfigProvider.getConfig().getValue(topicProperty(), String.class);
    }
}
