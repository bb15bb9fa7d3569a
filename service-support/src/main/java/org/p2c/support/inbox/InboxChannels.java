package org.p2c.support.inbox;

import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every consuming channel reads its topic, configured once, here: a channel names it with
 * {@code mp.messaging.incoming.<channel>.kafka-configuration=p2c-inbox} and adds only its topic and group
 * (SmallRye's Kafka connector takes these as the channel's defaults; a channel's own setting still wins).
 *
 * <ul>
 * <li>Keys and values arrive as the original bytes and the connector does not parse CloudEvents: the {@link Inbox}
 * reads the envelope itself, so that a record it cannot read still has its bytes for the dead-letter topic.</li>
 * <li>{@code failure-strategy=fail}: the inbox acknowledges what it applied, skipped or parked, and retries the rest
 * itself, so a nack never happens by design; should one happen anyway (a misconfigured channel, an Error), the
 * channel stops without committing the record's offset, rather than park or skip a good event.</li>
 * <li>The throttled commit strategy commits the highest offset below which every record was acknowledged. While the
 * inbox retries an event, that event is not acknowledged and, as the consumer method returns its completion stage
 * only when done and the channel processes one record at a time, nothing behind it is delivered either.
 * {@code throttled.unprocessed-record-max-age.ms} is off (0): its default reports a record unacknowledged for
 * 60 s as a fatal failure that closes the consumer, which would turn a database outage into a stopped channel;
 * the inbox's retries are visible in its log and its {@code p2c.inbox.retries} counter instead. Memory stays
 * bounded meanwhile: the connector pauses fetching once its queue holds {@code max.poll.records} × 2 records.</li>
 * <li>{@code max.poll.interval.ms} keeps Kafka's default: the connector polls on a thread of its own, and keeps
 * polling (with the partitions paused) while the application is busy, so a long retry never makes the group think
 * the consumer is gone.</li>
 * <li>{@code auto.offset.reset=earliest}: a new consumer group builds its view from the topic's beginning.</li>
 * <li>{@code session.timeout.ms=10000}, {@code heartbeat.interval.ms=3000} (Kafka's defaults: 45 s, 3 s): a member
 * that died without leaving the group (kill -9, a node lost) holds its partitions until its session times out, and
 * the replica that replaces it waits that long before it gets them; 10 s keeps that wait short while three missed
 * heartbeats are still needed to call a member gone (the broker's floor, {@code group.min.session.timeout.ms}, is
 * 6 s). The heartbeats come from the client's own thread, so a long retry of the inbox never misses one.
 * Static membership ({@code group.instance.id}) is not used: replicas are a Deployment scaled by an autoscaler,
 * whose pods get new names, and a static member that is scaled away does not leave its group, so its partitions
 * would wait for the session timeout at every scale-down.</li>
 * <li>{@code consumer-rebalance-listener.name=p2c-inbox} ({@link InboxReadiness}): the service is not ready until
 * each channel's consumer has joined its group, so a restarted replica that still waits for a dead member's
 * partitions does not say UP.</li>
 * </ul>
 */
@ApplicationScoped
public class InboxChannels {

    public static final String CONFIGURATION = "p2c-inbox";
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.kafka-configuration");

    /** An enabled channel read through the inbox: its name, its topic and its consumer group. */
    public record Channel(String name, String topic, String group) {
    }

    /** The enabled channels that name this configuration, ordered by name. */
    public static List<Channel> configured(Config config) {
        List<Channel> channels = new ArrayList<>();
        for (String property : config.getPropertyNames()) {
            Matcher channel = CHANNEL.matcher(property);
            if (channel.matches() && CONFIGURATION.equals(config.getOptionalValue(property, String.class).orElse(null))) {
                String name = channel.group(1);
                String incoming = "mp.messaging.incoming." + name;
                if (config.getOptionalValue(incoming + ".enabled", Boolean.class).orElse(true)) {
                    // The connector's defaults: the channel's name for its topic, the application's for its group.
                    String group = config.getOptionalValue(incoming + ".group.id", String.class)
                            .or(() -> config.getOptionalValue("kafka.group.id", String.class))
                            .or(() -> config.getOptionalValue("quarkus.application.name", String.class))
                            .orElse(name);
                    channels.add(new Channel(name, config.getOptionalValue(incoming + ".topic", String.class).orElse(name),
                            group));
                }
            }
        }
        channels.sort((a, b) -> a.name().compareTo(b.name()));
        return List.copyOf(channels);
    }

    @Produces
    @Identifier(CONFIGURATION)
    @Unremovable
    Map<String, Object> consumerConfiguration() {
        return Map.ofEntries(
                Map.entry("session.timeout.ms", "10000"),
                Map.entry("heartbeat.interval.ms", "3000"),
                Map.entry("consumer-rebalance-listener.name", InboxReadiness.LISTENER),
                Map.entry("key.deserializer", ByteArrayDeserializer.class.getName()),
                Map.entry("value.deserializer", ByteArrayDeserializer.class.getName()),
                Map.entry("cloud-events", "false"),
                Map.entry("failure-strategy", "fail"),
                Map.entry("enable.auto.commit", "false"),
                Map.entry("commit-strategy", "throttled"),
                Map.entry("throttled.unprocessed-record-max-age.ms", "0"),
                Map.entry("auto.offset.reset", "earliest"));
    }
}
