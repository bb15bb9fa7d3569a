package org.p2c.support.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.enterprise.inject.Instance;
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
import org.p2c.support.inbox.InboxConsumer;
import org.p2c.support.inbox.InboxTopic;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;

/**
 * What every consumer promises about the events of one of its topics, run inside the service against real
 * PostgreSQL and Kafka through its real channel and {@code Inbox}: a database that refuses the effect for a while
 * (a real lock timeout, connections closed under it) delays the events, in order, and loses none of them; an event
 * that can never be applied is parked on {@code <topic>.dlq} as it came, with the reason, and the events behind it
 * still apply; a well-formed event of a type the consumer does not handle is skipped, neither applied nor parked.
 * And it says so: at {@code /q/metrics}, as an operator's Prometheus reads it, with labels that stay few whatever the
 * events carry, and in the health group {@code consumers} while a record holds its channel too long.
 *
 * <p>A subclass is a {@code @QuarkusTest} with {@code @WithTestResource(InboxContract.QuickRetries.class)} and the
 * service's test resources, and says which topic, which view table and which events.
 */
public abstract class InboxContract {

    /**
     * Short waits, so that a test sees many tries: a lock is given up after 300 ms, retries back off to 500 ms, and a
     * record retried for 2 s is a stalled consumer.
     */
    public static class QuickRetries implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("p2c.inbox.lock-timeout", "300ms",
                    "p2c.inbox.retry.initial-delay", "50ms",
                    "p2c.inbox.retry.max-delay", "500ms",
                    "p2c.inbox.stalled-after", "2S");
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

    @Inject
    protected Instance<InboxConsumer> consumers;

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
        Scrape before = Scrape.now();
        try (HeldTable held = HeldTable.lock(dataSource, viewTable())) {
            publishVersions(events, 3, 3);
            // The consumer's transactions give up on the lock, again and again: it retries, it does not park or skip.
            await("retries while the view's table is locked").atMost(PATIENCE)
                    .until(() -> retries() >= retriesBefore + 3);
            assertThat(processed(allOf(events))).as("events applied while the table is locked").isEmpty();
            // As an operator sees it: retries of this type by the failure's class, and the group behind its topic.
            await("retries of " + handledType() + " scraped").atMost(PATIENCE).until(() -> Scrape.now()
                    .sum("p2c_inbox_retries_total", "topic", topic(), "type", handledType())
                    >= before.sum("p2c_inbox_retries_total", "topic", topic(), "type", handledType()) + 3);
            assertThat(Scrape.now().of("p2c_inbox_retries_total", "topic", topic(), "type", handledType()))
                    .as("retries by reason").allSatisfy(series ->
                            assertThat(series.labels().get("reason")).matches("[A-Za-z0-9_$]+"));
            await("consumer lag while the consumer is blocked").atMost(PATIENCE)
                    .until(() -> Scrape.now().sum("p2c_inbox_lag", "topic", topic()) >= 1);
        }
        assertAppliedInOrder(events);
        assertNothingParkedFor(events.keySet());
        await("the applied events counted").atMost(PATIENCE).until(() -> Scrape.now()
                .sum("p2c_inbox_events_total", "topic", topic(), "type", handledType(), "outcome", "applied")
                >= before.sum("p2c_inbox_events_total", "topic", topic(), "type", handledType(), "outcome", "applied")
                + allOf(events).size());
        await("no lag once every event is applied and committed").atMost(PATIENCE)
                .until(() -> Scrape.now().sum("p2c_inbox_lag", "topic", topic()) == 0);
    }

    @Test
    void aRecordRetriedLongerThanStalledAfterIsReportedInTheConsumersGroupWhileReadinessStaysUp() throws Exception {
        UUID aggregate = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (HeldTable held = HeldTable.lock(dataSource, viewTable())) {
            RecordMetadata sent = send(aggregate,
                    TestEvents.cloudEvent(id, "urn:p2c:test", handledType(), aggregate, snapshot(aggregate, 1)));
            JsonPath stalled = await("the consumers group DOWN").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(this::consumersHealth, health -> channelOf(health) != null
                            && health.getBoolean(data(health, channelOf(health), "stalled")));
            String channel = channelOf(stalled);
            assertThat(stalled.getString("status")).isEqualTo("DOWN");
            assertThat(stalled.getInt(data(stalled, channel, "partition"))).isEqualTo(sent.partition());
            assertThat(stalled.getLong(data(stalled, channel, "offset"))).isEqualTo(sent.offset());
            assertThat(stalled.getString(data(stalled, channel, "type"))).isEqualTo(handledType());
            assertThat(Instant.parse(stalled.getString(data(stalled, channel, "since")))).isBefore(Instant.now());
            assertThat(stalled.getInt(data(stalled, channel, "tries"))).isGreaterThanOrEqualTo(2);
            assertThat(stalled.getString(data(stalled, channel, "lastFailure"))).as("the last failure, not the payload")
                    .isNotBlank().doesNotContain(aggregate.toString()).doesNotContain(id.toString());
            // No reason to take the replica out of rotation: its HTTP answers still work (docs/events.md).
            given().get("/q/health/ready").then().statusCode(200);
            assertThat(Scrape.now().value("p2c_inbox_retrying_seconds", "topic", topic())).isGreaterThanOrEqualTo(2);
        }
        await("the record applied").atMost(PATIENCE).until(() -> processed(List.of(id)).size() == 1);
        await("the consumers group UP again").atMost(PATIENCE)
                .until(() -> "UP".equals(consumersHealth().getString("status")));
        assertThat(Scrape.now().value("p2c_inbox_retrying_seconds", "topic", topic())).isZero();
    }

    @Test
    void manyDistinctIdsTypesAndBodiesMakeNoNewSeries() throws Exception {
        Set<String> allowed = new HashSet<>(handledTypes());
        allowed.addAll(List.of("unhandled", "unreadable"));
        Scrape before = Scrape.now();
        List<String> unique = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID aggregate = UUID.randomUUID();
            UUID id = UUID.randomUUID();
            String type = "p2c.test.random-" + UUID.randomUUID().toString().substring(0, 8) + ".v1";
            unique.addAll(List.of(type, id.toString(), aggregate.toString()));
            send(aggregate, TestEvents.cloudEvent(id, "urn:p2c:test:" + i, type, aggregate, snapshot(aggregate, 1)));
        }
        for (int i = 0; i < 10; i++) {
            UUID aggregate = UUID.randomUUID();
            String garbage = "not an event " + UUID.randomUUID();
            unique.addAll(List.of(garbage, aggregate.toString()));
            sendRaw(aggregate, garbage.getBytes(StandardCharsets.UTF_8));
        }
        List<UUID> applied = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID aggregate = UUID.randomUUID();
            applied.add(publish(aggregate, 1));
            unique.add(aggregate.toString());
        }
        applied.forEach(id -> unique.add(id.toString()));

        await("every record taken in").atMost(PATIENCE).until(() -> processed(applied).size() == applied.size()
                && count(Scrape.now(), "unhandled", "skipped") >= count(before, "unhandled", "skipped") + 30
                && count(Scrape.now(), "unreadable", "parked") >= count(before, "unreadable", "parked") + 10);
        Scrape after = Scrape.now();
        List<Scrape.Series> ours = after.all("p2c_").stream().filter(s -> topic().equals(s.labels().get("topic"))).toList();
        assertThat(ours).as("series of the topic").isNotEmpty().allSatisfy(series -> {
            if (series.labels().containsKey("type")) {
                assertThat(series.labels().get("type")).as("type of %s", series).isIn(allowed);
            }
        });
        // At most one series per type and outcome of the topic, whatever the records carried.
        assertThat(after.of("p2c_inbox_events_total", "topic", topic())).hasSizeLessThanOrEqualTo(allowed.size() * 4);
        String text = after.text();
        assertThat(unique).as("ids, types and bodies in the scrape").allSatisfy(value ->
                assertThat(text).doesNotContain(value));
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
        Scrape before = Scrape.now();
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
        // Counted by type (a record that is no event has none of its own), and waiting on the dead-letter topic.
        await("the parked records counted").atMost(PATIENCE).until(() -> count(Scrape.now(), "unreadable", "parked")
                >= count(before, "unreadable", "parked") + 2
                && count(Scrape.now(), handledType(), "parked") >= count(before, handledType(), "parked") + 1);
        await("the dead-letter depth").atMost(PATIENCE).until(() -> Scrape.now().value("p2c_inbox_dlq_depth", "topic", topic())
                >= depth(before) + 3);
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
        assertThat(Scrape.now().of("p2c_inbox_events_total", "topic", topic()))
                .as("the unknown type's own name in a label").noneMatch(s -> newType.equals(s.labels().get("type")))
                .anyMatch(s -> "unhandled".equals(s.labels().get("type")) && "skipped".equals(s.labels().get("outcome")));
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

    private RecordMetadata send(UUID key, String event) throws Exception {
        return sendRaw(key, event.getBytes(StandardCharsets.UTF_8));
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

    // --- what it says of itself ---------------------------------------------------------------------------

    /** {@code /q/health/group/consumers}: its status, and the data of its one check. */
    private JsonPath consumersHealth() {
        return given().get("/q/health/group/consumers").then().statusCode(oneOf(200, 503))
                .extract().jsonPath();
    }

    /** The channel of this topic among those the consumers check names as retrying, if any. */
    private String channelOf(JsonPath health) {
        Map<String, Object> data = health.getMap("checks.find { it.name == 'Inbox consumers not stalled' }.data");
        return data == null ? null : data.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".topic") && topic().equals(e.getValue()))
                .map(e -> e.getKey().substring(0, e.getKey().length() - ".topic".length())).findFirst().orElse(null);
    }

    private static String data(JsonPath health, String channel, String field) {
        return "checks.find { it.name == 'Inbox consumers not stalled' }.data['" + channel + "." + field + "']";
    }

    private double count(Scrape scrape, String type, String outcome) {
        return scrape.sum("p2c_inbox_events_total", "topic", topic(), "type", type, "outcome", outcome);
    }

    private double depth(Scrape scrape) {
        double depth = scrape.value("p2c_inbox_dlq_depth", "topic", topic());
        return Double.isNaN(depth) ? 0 : depth;
    }

    private Set<String> handledTypes() {
        return consumers.stream().flatMap(c -> c.topics().stream()).filter(t -> t.topic().equals(topic()))
                .findFirst().map(InboxTopic::handled).orElseThrow().names();
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
