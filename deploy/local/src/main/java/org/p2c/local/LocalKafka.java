package org.p2c.local;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** A real single-node Apache Kafka 4 broker in KRaft mode (broker and controller in one), from Maven Central. */
public final class LocalKafka implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;

    private LocalKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    public static LocalKafka start(Path logDir, int port, int controllerPort) throws IOException {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                // A log directory from an earlier run keeps its cluster id; formatting with another one fails.
                .withClusterId(existingClusterId(logDir).orElse(Uuid.randomUuid().toString()))
                .withNodeId(1)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    p.put("log.dir", logDir.toAbsolutePath().toString());
                    p.put("num.partitions", String.valueOf(Topology.TOPIC_PARTITIONS));
                    p.put("share.coordinator.state.topic.replication.factor", "1");
                    p.put("share.coordinator.state.topic.min.isr", "1");
                })
                .start();
        return new LocalKafka(broker);
    }

    private static Optional<String> existingClusterId(Path logDir) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(meta)) {
            properties.load(in);
        }
        return Optional.ofNullable(properties.getProperty("cluster.id"));
    }

    /** host:port, without the listener's protocol prefix that the broker reports. */
    public String bootstrapServers() {
        String listeners = broker.getAdvertisedListeners();
        return listeners.substring(listeners.indexOf("://") + 3);
    }

    /**
     * Creates the platform's topics unless they exist: several partitions (consumers scale by partition),
     * unlimited retention (a consumer's view is rebuilt by replaying from the beginning), plus a dead-letter topic each.
     */
    public static void ensureTopics(String bootstrapServers, Collection<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                for (String name : List.of(topic, Topology.dlqOf(topic))) {
                    if (!existing.contains(name)) {
                        int partitions = name.endsWith(".dlq") ? 1 : Topology.TOPIC_PARTITIONS;
                        missing.add(new NewTopic(name, partitions, (short) 1)
                                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics " + topics + ": " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
