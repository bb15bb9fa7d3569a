package org.p2c.support.inbox;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not ready until the consumer of every inbox channel has joined its group. SmallRye's own readiness check of a Kafka
 * channel says UP as soon as the client has a connection to the broker: a replica restarted after a crash said UP
 * while its join waited for the dead member's session to time out, and it consumed nothing. Its other strategy
 * ({@code health-topic-verification-enabled}: UP only while partitions are assigned) would keep a replica beyond the
 * partition count DOWN for good, and every replica DOWN during each rebalance, which takes their HTTP answers out of
 * rotation too. So this check waits for the first completed join of each channel's consumer (Kafka reports it to the
 * rebalance listener, even when the member got no partition), and stays UP through later rebalances; its data says how
 * many partitions each topic has assigned now.
 */
@Readiness
@ApplicationScoped
public class InboxReadiness implements HealthCheck {

    /** The {@code @Identifier} of the rebalance listener that {@link InboxChannels} names. */
    public static final String LISTENER = "p2c-inbox";

    private final Joins joins;
    /** The topic of every channel read through the inbox, by channel. */
    private final Map<String, String> topicByChannel = new TreeMap<>();

    public InboxReadiness(@Identifier(LISTENER) Joins joins, Config config) {
        this.joins = joins;
        InboxChannels.configured(config).forEach(channel -> topicByChannel.put(channel.name(), channel.topic()));
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Inbox consumers joined their groups");
        boolean all = true;
        for (var channel : topicByChannel.entrySet()) {
            Integer assigned = joins.assigned(channel.getValue());
            all &= assigned != null;
            response.withData(channel.getKey(), assigned == null ? "waiting to join its group"
                    : channel.getValue() + ": " + assigned + " partition(s) assigned");
        }
        return response.status(all).build();
    }

    /** Told by each inbox consumer whenever its group (re)assigned its partitions. */
    @ApplicationScoped
    @Identifier(LISTENER)
    public static class Joins implements KafkaConsumerRebalanceListener {

        /** Partitions assigned per topic, for every topic whose consumer has joined its group at least once. */
        private final Map<String, Integer> assigned = new ConcurrentHashMap<>();

        /** The partitions of {@code topic} assigned now; null before its consumer first joined its group. */
        public Integer assigned(String topic) {
            // A method, not the field: the bean is reached through its client proxy.
            return assigned.get(topic);
        }

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            count(consumer, List.of(), true);
        }

        @Override
        public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            count(consumer, partitions, false);
        }

        /** @param joined a completed join; a revocation only updates the counts of a consumer that joined before */
        private void count(Consumer<?, ?> consumer, Collection<TopicPartition> leaving, boolean joined) {
            // Called on the consumer's polling thread, where asking it is safe.
            for (String topic : consumer.subscription()) {
                int partitions = (int) consumer.assignment().stream()
                        .filter(p -> p.topic().equals(topic) && !leaving.contains(p)).count();
                if (joined) {
                    assigned.put(topic, partitions);
                } else {
                    assigned.computeIfPresent(topic, (t, before) -> partitions);
                }
            }
        }
    }
}
