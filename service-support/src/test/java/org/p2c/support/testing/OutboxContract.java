package org.p2c.support.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.support.outbox.Outbox;
import org.p2c.support.outbox.OutboxEvent;
import org.p2c.support.outbox.OutboxRelay;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every event-producing service promises about its wiring, run inside that service against real PostgreSQL
 * and Kafka: it is ready only with both, an event committed with a change reaches the service's topic once as a
 * structured CloudEvent keyed by the aggregate, and a rolled-back change publishes nothing. At {@code /q/metrics}, the
 * outbox's backlog grows while the relay cannot publish and is worked off to 0 after, and an event the broker refuses is
 * counted as a failure and published once the broker takes it.
 */
public abstract class OutboxContract {

    @Inject
    protected Outbox outbox;

    @Inject
    protected ObjectMapper json;

    @Inject
    protected DataSource dataSource;

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private KafkaCompanion kafka;

    /** The configuration key of the topic this service owns, e.g. {@code p2c.topics.entities}. */
    protected abstract String topicProperty();

    /** The CloudEvents source this service signs its events with. */
    protected abstract String expectedSource();

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void isReadyOnlyWithItsDatabaseAndKafka() {
        Readiness.assertReadyWithDatabaseAndKafka();
    }

    @Test
    void anEventCommittedWithAChangeIsPublishedOnceAsAStructuredCloudEvent() throws Exception {
        UUID aggregate = UUID.randomUUID();
        UUID eventId = QuarkusTransaction.requiringNew().call(() ->
                outbox.append(aggregate, "p2c.wiring.checked.v1", Map.of("id", aggregate, "version", 1)));

        List<ConsumerRecord<String, String>> records = recordsOf(aggregate, 1);
        ConsumerRecord<String, String> record = records.get(0);
        JsonNode event = json.readTree(record.value());
        assertThat(record.key()).isEqualTo(aggregate.toString());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo(eventId.toString());
        assertThat(event.get("type").asText()).isEqualTo("p2c.wiring.checked.v1");
        assertThat(event.get("source").asText()).isEqualTo(expectedSource());
        assertThat(event.get("subject").asText()).isEqualTo(aggregate.toString());
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.get("data").get("version").asInt()).isEqualTo(1);
        assertThat(event.get("data").get("id").asText()).isEqualTo(aggregate.toString());
        // Published events leave the outbox.
        assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("eventId", eventId))).isZero();
    }

    @Test
    void aRolledBackChangePublishesNothing() throws Exception {
        UUID rolledBack = UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(rolledBack, "p2c.wiring.checked.v1", Map.of("id", rolledBack, "version", 1));
            throw new IllegalStateException("the change fails after its event was written");
        })).hasMessageContaining("the change fails");

        // A later committed event proves the relay ran past the point where the rolled-back one would have been.
        UUID committed = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() ->
                outbox.append(committed, "p2c.wiring.checked.v1", Map.of("id", committed, "version", 1)));
        List<ConsumerRecord<String, String>> everything = recordsOnTopicOnceSettled(committed);
        assertThat(everything).extracting(ConsumerRecord::key).contains(committed.toString())
                .doesNotContain(rolledBack.toString());
    }

    @Test
    void theBacklogGrowsWhileTheRelayCannotPublishAndIsWorkedOffAfter() throws Exception {
        List<UUID> aggregates = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        double publishedBefore = Scrape.now().sum("p2c_outbox_published_total", "topic", topic());
        // Another replica's relay, as it were: it holds the lock the one publishing relay takes.
        try (Connection otherRelay = dataSource.getConnection(); Statement sql = otherRelay.createStatement()) {
            sql.execute("select pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")");
            try {
                QuarkusTransaction.requiringNew().run(() -> aggregates.forEach(aggregate ->
                        outbox.append(aggregate, "p2c.wiring.checked.v1", Map.of("id", aggregate, "version", 1))));
                await("the backlog").atMost(PATIENCE).until(() -> Scrape.now().value("p2c_outbox_backlog", "topic", topic()) >= 3);
                await("the oldest event's wait").atMost(PATIENCE)
                        .until(() -> Scrape.now().value("p2c_outbox_oldest_age_seconds", "topic", topic()) > 0);
            } finally {
                sql.execute("select pg_advisory_unlock(" + OutboxRelay.RELAY_LOCK + ")");
            }
        }
        await("the backlog worked off").atMost(PATIENCE).until(() -> {
            Scrape now = Scrape.now();
            return now.value("p2c_outbox_backlog", "topic", topic()) == 0
                    && now.value("p2c_outbox_oldest_age_seconds", "topic", topic()) == 0;
        });
        assertThat(Scrape.now().sum("p2c_outbox_published_total", "topic", topic()))
                .isGreaterThanOrEqualTo(publishedBefore + aggregates.size());
        for (UUID aggregate : aggregates) {
            recordsOf(aggregate, 1);
        }
    }

    @Test
    void anEventTheBrokerRefusesIsCountedAsAFailureAndPublishedOnceItTakesIt() throws Exception {
        UUID aggregate = UUID.randomUUID();
        double failuresBefore = Scrape.now().sum("p2c_outbox_publish_failures_total", "topic", topic(),
                "reason", "RecordTooLargeException");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
            // The topic takes no record as large as an event for a while: the broker answers each send with an error.
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic());
            alter(admin, resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "64"), AlterConfigOp.OpType.SET)));
            try {
                QuarkusTransaction.requiringNew().run(() ->
                        outbox.append(aggregate, "p2c.wiring.checked.v1", Map.of("id", aggregate, "version", 1)));
                // Counted by what the broker said, the exception's class: not its message, not the event.
                await("the refusal counted").atMost(PATIENCE).until(() -> Scrape.now().sum("p2c_outbox_publish_failures_total",
                        "topic", topic(), "reason", "RecordTooLargeException") > failuresBefore);
                await("the refused event waits in the outbox").atMost(PATIENCE)
                        .until(() -> Scrape.now().value("p2c_outbox_backlog", "topic", topic()) >= 1);
            } finally {
                alter(admin, resource, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE)));
            }
        }
        recordsOf(aggregate, 1);
        await("the backlog worked off").atMost(PATIENCE)
                .until(() -> Scrape.now().value("p2c_outbox_backlog", "topic", topic()) == 0);
    }

    private static void alter(Admin admin, ConfigResource resource, Collection<AlterConfigOp> ops) throws Exception {
        admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
    }

    private List<ConsumerRecord<String, String>> recordsOf(UUID aggregate, int expected) throws InterruptedException {
        List<ConsumerRecord<String, String>> mine = recordsOnTopicOnceSettled(aggregate).stream()
                .filter(r -> aggregate.toString().equals(r.key())).toList();
        assertThat(mine).as("records for %s on %s", aggregate, topic()).hasSize(expected);
        return mine;
    }

    /** Everything on the topic once a record of {@code awaited} arrived and a duplicate had a second to follow it. */
    private List<ConsumerRecord<String, String>> recordsOnTopicOnceSettled(UUID awaited) throws InterruptedException {
        ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(topic());
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (task.getRecords().stream().noneMatch(r -> awaited.toString().equals(r.key()))) {
                assertThat(System.nanoTime()).as("an event of %s on %s within 20 s", awaited, topic())
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            return List.copyOf(task.getRecords());
        } finally {
            task.stop();
        }
    }

    private String topic() {
        return ConfigProvider.getConfig().getValue(topicProperty(), String.class);
    }
}
