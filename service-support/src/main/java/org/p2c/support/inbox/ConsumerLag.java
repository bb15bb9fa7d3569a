package org.p2c.support.inbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.p2c.support.metrics.Metrics;
import org.p2c.support.metrics.Sampling;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far each inbox channel's consumer group is behind its topic: {@value #LAG} per topic and group, the records
 * between the group's committed offset and the end of each partition, summed over the partitions (a partition the
 * group never committed counts from its beginning: {@code auto.offset.reset=earliest}). Sampled every
 * {@code p2c.metrics.sample-every} (5 s) with one Kafka admin client of this service, closed at shutdown; each call
 * waits at most {@value #WAIT_SECONDS} s, so a broker away makes the gauge NaN (logged once) and blocks nothing else.
 * The committed offset trails what was applied by up to the commit interval (the connector commits every 5 s), and
 * every replica reports the same group's lag (take the maximum, not the sum).
 */
@ApplicationScoped
@Startup
public class ConsumerLag {

    public static final String LAG = "p2c.inbox.lag";
    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final int WAIT_SECONDS = 5;

    private final List<InboxChannels.Channel> channels;
    private final Map<String, Object> kafka;
    private final Map<InboxChannels.Channel, Double> lags = new ConcurrentHashMap<>();
    private final Sampling sampling = new Sampling(LOG, "the inbox consumers' lag");
    private volatile Admin admin;
    private volatile boolean closed;

    public ConsumerLag(Config config, MeterRegistry registry,
                       @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.channels = InboxChannels.configured(config);
        this.kafka = kafka;
        for (InboxChannels.Channel channel : channels) {
            lags.put(channel, Double.NaN);
            Gauge.builder(LAG, this, lag -> lag.lags.getOrDefault(channel, Double.NaN))
                    .tags(Metrics.TOPIC, channel.topic(), Metrics.GROUP, channel.group())
                    .description("Records of the topic after the consumer group's committed offsets")
                    .register(registry);
        }
    }

    @Scheduled(every = Metrics.SAMPLE_EVERY, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        if (channels.isEmpty() || closed) {
            return;
        }
        try {
            Admin admin = admin();
            Map<String, TopicDescription> topics = admin.describeTopics(channels.stream()
                    .map(InboxChannels.Channel::topic).distinct().toList()).allTopicNames().get(WAIT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            topics.values().forEach(topic -> topic.partitions().forEach(p -> {
                latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.earliest());
            }));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> beginnings = null;
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committedByGroup = new HashMap<>();
            Map<InboxChannels.Channel, Double> sampled = new HashMap<>();
            for (InboxChannels.Channel channel : channels) {
                Map<TopicPartition, OffsetAndMetadata> committed = committedByGroup.get(channel.group());
                if (committed == null) {
                    committed = admin.listConsumerGroupOffsets(channel.group()).partitionsToOffsetAndMetadata()
                            .get(WAIT_SECONDS, TimeUnit.SECONDS);
                    committedByGroup.put(channel.group(), committed);
                }
                long lag = 0;
                for (var end : ends.entrySet()) {
                    if (!end.getKey().topic().equals(channel.topic())) {
                        continue;
                    }
                    OffsetAndMetadata at = committed.get(end.getKey());
                    long from;
                    if (at != null) {
                        from = at.offset();
                    } else {
                        if (beginnings == null) {
                            beginnings = admin.listOffsets(earliest).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
                        }
                        from = beginnings.get(end.getKey()).offset();
                    }
                    lag += Math.max(0, end.getValue().offset() - from);
                }
                sampled.put(channel, (double) lag);
            }
            lags.putAll(sampled);
            sampling.sampled();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stale(interrupted);
        } catch (ExecutionException | TimeoutException | RuntimeException failed) {
            stale(failed instanceof ExecutionException && failed.getCause() != null ? failed.getCause() : failed);
        }
    }

    private void stale(Throwable failure) {
        lags.replaceAll((channel, lag) -> Double.NaN);
        if (!closed) {
            sampling.failed(failure);
        }
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("the service is stopping");
        }
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
            // The broker's security settings, if any, are the connector's.
            kafka.forEach((key, value) -> {
                if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                    config.put(key, value);
                }
            });
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, WAIT_SECONDS * 1000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, WAIT_SECONDS * 2000);
            admin = Admin.create(config);
        }
        return admin;
    }

    /** Not waiting for a sample under way: its calls fail at once when the client closes. */
    void close(@Observes ShutdownEvent stopping) {
        Admin open;
        synchronized (this) {
            closed = true;
            open = admin;
            admin = null;
        }
        if (open != null) {
            open.close(Duration.ofSeconds(2));
        }
    }
}
