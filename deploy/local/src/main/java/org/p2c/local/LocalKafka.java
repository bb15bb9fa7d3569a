package org.p2c.local;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Apache Kafka 4 broker in KRaft mode (broker and controller in one), from Maven Central: inside
 * the launcher's JVM ({@link #start}), or as a child process of its own ({@link #startProcess}) that a fault suite
 * can freeze, kill and start again without touching the launcher.
 */
public final class LocalKafka implements AutoCloseable {

    /** In the launcher's JVM, or null. */
    private final EmbeddedKafkaBroker broker;
    /** In a JVM of its own, or null; replaced by {@link #restart()}. */
    private volatile ManagedProcess process;
    private final int port;

    private LocalKafka(EmbeddedKafkaBroker broker, ManagedProcess process, int port) {
        this.broker = broker;
        this.process = process;
        this.port = port;
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
                .withAdditionalProperties(p -> brokerSettings(p, logDir))
                .start();
        return new LocalKafka(broker, null, port);
    }

    /**
     * The same broker (same settings as {@link #start}) as {@code java -cp <this JVM's class path> kafka.Kafka
     * server.properties}: storage formatted here, then the process started; returns once it answers. Its output goes
     * to {@code log}.
     */
    public static LocalKafka startProcess(Path logDir, int port, int controllerPort, Path log) throws IOException {
        Files.createDirectories(logDir);
        Properties config = EmbeddedKafkaBroker.createDefaultBrokerConfig(1,
                EmbeddedKafkaBroker.endpoint("CONTROLLER", SecurityProtocol.PLAINTEXT, "127.0.0.1", controllerPort),
                EmbeddedKafkaBroker.endpoint(SecurityProtocol.PLAINTEXT, "127.0.0.1", port),
                List.of(EmbeddedKafkaBroker.endpoint(SecurityProtocol.PLAINTEXT, "127.0.0.1", port)));
        brokerSettings(config, logDir);
        EmbeddedKafkaBroker.formatStorageFromConfig(config,
                existingClusterId(logDir).orElse(Uuid.randomUuid().toString()), true);
        Path serverProperties = logDir.resolveSibling(logDir.getFileName() + "-server.properties");
        try (var out = Files.newOutputStream(serverProperties)) {
            config.store(out, "written by deploy/local's LocalKafka.startProcess");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ManagedProcess process = ManagedProcess.start("kafka",
                List.of(java, "-Xms64m", "-Xmx512m", "-cp", System.getProperty("java.class.path"), "kafka.Kafka",
                        serverProperties.toString()),
                logDir.getParent(), Map.of(), log);
        LocalKafka kafka = new LocalKafka(null, process, port);
        kafka.awaitAnswering(process);
        return kafka;
    }

    private static void brokerSettings(Properties p, Path logDir) {
        p.put("log.dir", logDir.toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(Topology.TOPIC_PARTITIONS));
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
    }

    private void awaitAnswering(ManagedProcess process) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000"))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited; see " + process.log());
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka does not answer after 2 min; see " + process.log());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    /** The broker's own process when it runs in one ({@link #startProcess}); empty when in the launcher's JVM. */
    public Optional<ManagedProcess> process() {
        return Optional.ofNullable(process);
    }

    /** After a kill: the same broker again on the same log directory and ports; returns once it answers. */
    public void restart() throws IOException {
        ManagedProcess old = process().orElseThrow(() -> new IllegalStateException("Kafka runs in the launcher's JVM"));
        old.stop();
        ManagedProcess again = old.relaunch();
        process = again;
        awaitAnswering(again);
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
        if (broker == null) {
            return "127.0.0.1:" + port;
        }
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
        if (broker != null) {
            broker.close();
        } else {
            process.stop();
        }
    }
}
