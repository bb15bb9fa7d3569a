package org.p2c.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/** Kafka (Strimzi) sizes, and the topics of docs/events.md. */
class KafkaTest {

    /** docs/events.md: one topic per aggregate, owned by one service. */
    static final Set<String> AGGREGATE_TOPICS = Set.of("p2c.entities.v1", "p2c.pledges.v1", "p2c.reports.v1");
    /** Who consumes what (README: entities -> pledge, reporting, analytics; pledges -> reporting, analytics; ...). */
    static final Map<String, Set<String>> CONSUMES = Map.of(
            "pledge-service", Set.of("p2c.entities.v1"),
            "reporting-service", Set.of("p2c.entities.v1", "p2c.pledges.v1"),
            "analytics-service", AGGREGATE_TOPICS,
            "notification-service", AGGREGATE_TOPICS);

    record Sizes(int brokers, int replicationFactor, int minInsyncReplicas, int partitions) {
    }

    /** prod: 3 brokers, replication factor 3, min ISR 2, 6 partitions; dev: one of everything, 3 partitions. */
    static final Map<String, Sizes> SIZES = Map.of(
            "dev", new Sizes(1, 1, 1, 3),
            "prod", new Sizes(3, 3, 2, 6));

    static Set<String> expectedTopics() {
        var all = new TreeSet<>(AGGREGATE_TOPICS);
        AGGREGATE_TOPICS.forEach(t -> all.add(t + ".dlq"));
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void clusterIsKRaftWithNodePoolsAndSizedForTheEnvironment(String env) {
        var rendered = Manifests.render(env);
        var sizes = SIZES.get(env);
        var kafka = rendered.as("Kafka", "p2c", Kafka.class);
        assertThat(kafka.getMetadata().getAnnotations())
                .containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");

        var pools = rendered.as("KafkaNodePool", KafkaNodePool.class).stream()
                .filter(p -> "p2c".equals(p.getMetadata().getLabels().get("strimzi.io/cluster"))).toList();
        var brokers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        var controllers = pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        assertThat(brokers).as("brokers").isEqualTo(sizes.brokers());
        assertThat(controllers).as("KRaft controllers (an odd number)").isEqualTo(sizes.brokers()).isOdd();

        var config = kafka.getSpec().getKafka().getConfig();
        assertThat(number(config, "default.replication.factor")).isEqualTo(sizes.replicationFactor());
        assertThat(number(config, "min.insync.replicas")).isEqualTo(sizes.minInsyncReplicas());
        assertThat(number(config, "offsets.topic.replication.factor")).isEqualTo(sizes.replicationFactor());
        assertThat(number(config, "transaction.state.log.replication.factor")).isEqualTo(sizes.replicationFactor());
        assertThat(number(config, "transaction.state.log.min.isr")).isEqualTo(sizes.minInsyncReplicas());
        assertThat(config.get("auto.create.topics.enable")).isEqualTo(false);
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).as("Topic Operator for KafkaTopics").isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void topicsAreExactlyThoseOfEventsMdPlusTheirDeadLetterTopics(String env) {
        var rendered = Manifests.render(env);
        var sizes = SIZES.get(env);
        var topics = rendered.as("KafkaTopic", KafkaTopic.class);
        var names = topics.stream().map(KafkaTest::topicName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).isEqualTo(expectedTopics());
        assertThat(topics).hasSameSizeAs(names); // no topic declared twice

        for (var t : topics) {
            var name = topicName(t);
            assertThat(t.getMetadata().getLabels()).as(name).containsEntry("strimzi.io/cluster", "p2c");
            assertThat(t.getSpec().getReplicas()).as(name + " replicas").isEqualTo(sizes.replicationFactor());
            assertThat(number(t.getSpec().getConfig(), "retention.ms")).as(name + " keeps its history").isEqualTo(-1);
            if (AGGREGATE_TOPICS.contains(name)) {
                assertThat(t.getSpec().getPartitions()).as(name + " partitions").isEqualTo(sizes.partitions());
            } else {
                assertThat(t.getSpec().getPartitions()).as(name + " partitions").isPositive();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void consumersNeverScaleBeyondThePartitionsTheyRead(String env) {
        var rendered = Manifests.render(env);
        var partitions = rendered.as("KafkaTopic", KafkaTopic.class).stream()
                .collect(Collectors.toMap(KafkaTest::topicName, t -> t.getSpec().getPartitions()));
        CONSUMES.forEach((service, read) -> {
            var hpa = rendered.as("HorizontalPodAutoscaler", service, HorizontalPodAutoscaler.class);
            var fewest = read.stream().mapToInt(partitions::get).min().orElseThrow();
            assertThat(hpa.getSpec().getMaxReplicas()).as(service + " maxReplicas (idle beyond " + fewest + ")")
                    .isLessThanOrEqualTo(fewest);
        });
    }

    @Test
    void everyTopicTheServicesConfigureIsCreated() throws IOException {
        var configured = new TreeSet<String>();
        for (var service : Manifests.SERVICES) {
            var file = Manifests.repoDir().resolve(service).resolve("src/main/resources/application.properties");
            if (!Files.exists(file)) {
                continue;
            }
            var p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
            for (var key : p.stringPropertyNames()) {
                // p2c.topics.*, and the topics and dead-letter topics of the SmallRye Kafka channels
                if (key.startsWith("p2c.topics.") || key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                    configured.add(resolve(p, p.getProperty(key)));
                }
                // a consumer's group is named after the service: the partition bound of the scaling rule
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
                    assertThat(p.getProperty(key)).as(service + " " + key).isEqualTo(service);
                }
            }
        }
        assertThat(configured).as("topics the services configure").isNotEmpty();
        assertThat(expectedTopics()).containsAll(configured);
        assertThat(configured).containsAll(AGGREGATE_TOPICS);
    }

    /** Resolves ${key} references to other properties of the same file. */
    private static String resolve(Properties p, String value) {
        var m = java.util.regex.Pattern.compile("\\$\\{([^}:]+)}").matcher(value);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(p.getProperty(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    static String topicName(KafkaTopic t) {
        return t.getSpec().getTopicName() != null ? t.getSpec().getTopicName() : t.getMetadata().getName();
    }

    private static long number(Map<String, Object> config, String key) {
        var value = config.get(key);
        assertThat(value).as(key).isInstanceOf(Number.class);
        return ((Number) value).longValue();
    }
}
