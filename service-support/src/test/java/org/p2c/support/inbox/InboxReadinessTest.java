package org.p2c.support.inbox;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A service is not ready before each inbox consumer joined its group, and stays ready through later rebalances. */
class InboxReadinessTest {

    final Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
            "mp.messaging.incoming.entities.kafka-configuration", "p2c-inbox",
            "mp.messaging.incoming.entities.topic", "p2c.entities.v1",
            "mp.messaging.incoming.pledges.kafka-configuration", "p2c-inbox",
            "mp.messaging.incoming.pledges.topic", "p2c.pledges.v1",
            "mp.messaging.incoming.other.topic", "not-an-inbox-channel"), "test", 100)).build();
    final InboxReadiness.Joins joins = new InboxReadiness.Joins();
    final InboxReadiness readiness = new InboxReadiness(joins, config);

    @Test
    void downUntilEveryInboxConsumerJoinedItsGroupEvenWithoutPartitions() {
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(readiness.call().getData().orElseThrow()).containsEntry("entities", "waiting to join its group");

        joins.onPartitionsAssigned(consumer("p2c.entities.v1", 2), List.of());
        assertThat(readiness.call().getStatus()).as("pledges still waiting").isEqualTo(HealthCheckResponse.Status.DOWN);

        // A member beyond the partition count joins with none: it is ready all the same.
        joins.onPartitionsAssigned(consumer("p2c.pledges.v1", 0), List.of());
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(readiness.call().getData().orElseThrow())
                .containsEntry("entities", "p2c.entities.v1: 2 partition(s) assigned")
                .containsEntry("pledges", "p2c.pledges.v1: 0 partition(s) assigned")
                .doesNotContainKey("other");
    }

    @Test
    void aLaterRebalanceLeavesItReady() {
        MockConsumer<byte[], byte[]> entities = consumer("p2c.entities.v1", 3);
        joins.onPartitionsAssigned(entities, List.of());
        joins.onPartitionsAssigned(consumer("p2c.pledges.v1", 1), List.of());
        joins.onPartitionsRevoked(entities, Set.copyOf(entities.assignment()));
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(readiness.call().getData().orElseThrow()).containsEntry("entities", "p2c.entities.v1: 0 partition(s) assigned");
    }

    @Test
    void aRevocationBeforeTheFirstJoinDoesNotCountAsJoined() {
        joins.onPartitionsRevoked(consumer("p2c.entities.v1", 0), List.of());
        joins.onPartitionsAssigned(consumer("p2c.pledges.v1", 1), List.of());
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    private static MockConsumer<byte[], byte[]> consumer(String topic, int partitions) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.subscribe(List.of(topic));
        List<TopicPartition> assigned = new java.util.ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assigned.add(new TopicPartition(topic, p));
        }
        consumer.rebalance(assigned);
        return consumer;
    }
}
