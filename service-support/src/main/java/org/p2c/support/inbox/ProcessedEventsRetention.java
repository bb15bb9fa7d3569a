package org.p2c.support.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps the processed-event log from growing without bound: an entry is needed only while its event can still be
 * delivered again, and that is bounded by its topic. A record stays on a topic with {@code retention.ms} R until the
 * whole segment it is in is older than R, so up to R + {@code segment.ms} after it was written (and its entry was
 * written after that): entries of a topic older than R + segment.ms + {@code p2c.inbox.processed-log.margin} are
 * forgotten. A topic that keeps its history ({@code retention.ms=-1}, as all the platform's topics do) could deliver
 * anything again, but only by a reset of the group's offsets or a rebuild, and both rely on the views' version rule
 * (every event carries the whole state and its version; a stale one changes nothing), not on the log; what the log
 * must catch (records applied but not yet committed when a consumer stopped, an outbox row published twice) comes
 * back within the time a consumer or a relay is down, so those entries are kept
 * {@code p2c.inbox.processed-log.keep-when-unlimited} (30 days). {@code p2c.inbox.processed-log.keep} overrides both.
 * The cleanup runs every {@code p2c.inbox.processed-log.cleanup-every} (1 h) in batches of
 * {@code p2c.inbox.processed-log.batch} rows, one transaction each, so it never holds many locks for long.
 */
@ApplicationScoped
public class ProcessedEventsRetention {

    private static final Logger LOG = Logger.getLogger(ProcessedEventsRetention.class);

    /** A topic's retention settings as the broker reports them; {@code retentionMs} -1 = unlimited. */
    public record TopicRetention(long retentionMs, long segmentMs) {
    }

    private final EntityManager em;
    private final Instance<InboxConsumer> consumers;
    private final Map<String, Object> kafka;
    private final Optional<Duration> keep;
    private final Duration margin;
    private final Duration keepWhenUnlimited;
    private final int batch;

    public ProcessedEventsRetention(EntityManager em, Instance<InboxConsumer> consumers,
                                    @Identifier("default-kafka-broker") Map<String, Object> kafka,
                                    @ConfigProperty(name = "p2c.inbox.processed-log.keep") Optional<Duration> keep,
                                    @ConfigProperty(name = "p2c.inbox.processed-log.margin", defaultValue = "P1D") Duration margin,
                                    @ConfigProperty(name = "p2c.inbox.processed-log.keep-when-unlimited", defaultValue = "P30D") Duration keepWhenUnlimited,
                                    @ConfigProperty(name = "p2c.inbox.processed-log.batch", defaultValue = "5000") int batch) {
        this.em = em;
        this.consumers = consumers;
        this.kafka = kafka;
        this.keep = keep;
        this.margin = margin;
        this.keepWhenUnlimited = keepWhenUnlimited;
        this.batch = batch;
    }

    /** How long the entries of a topic with these settings are kept. */
    public static Duration keep(TopicRetention topic, Duration margin, Duration keepWhenUnlimited) {
        if (topic.retentionMs() < 0) {
            return keepWhenUnlimited;
        }
        return Duration.ofMillis(topic.retentionMs()).plusMillis(Math.max(topic.segmentMs(), 0)).plus(margin);
    }

    @Scheduled(every = "${p2c.inbox.processed-log.cleanup-every:1h}", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            cleanUp();
        } catch (RuntimeException failed) {
            // Nothing is lost by waiting: the next run deletes what this one did not.
            LOG.warnf("the processed-event log was not cleaned up this time: %s", failed.getMessage());
        }
    }

    /** Forgets the entries of each consumed topic that its topic can no longer deliver again; how many. */
    public long cleanUp() {
        Map<String, Duration> keepByTopic = keepByTopic();
        long forgotten = 0;
        Instant now = Instant.now();
        for (var topic : keepByTopic.entrySet()) {
            forgotten += forget(topic.getKey(), now.minus(topic.getValue()));
        }
        if (forgotten > 0) {
            LOG.infof("forgot %d processed events older than their topics can deliver again (%s)", forgotten, keepByTopic);
        }
        return forgotten;
    }

    /** The entries of {@code topic} processed before {@code cutoff}, deleted in batches; how many. */
    long forget(String topic, Instant cutoff) {
        long forgotten = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                            delete from processed_event where event_id in (
                                select event_id from processed_event where topic = ?1 and processed_at < ?2 limit ?3)""")
                    .setParameter(1, topic).setParameter(2, cutoff).setParameter(3, batch).executeUpdate());
            forgotten += deleted;
        } while (deleted == batch);
        return forgotten;
    }

    private Map<String, Duration> keepByTopic() {
        Map<String, Duration> keepByTopic = new LinkedHashMap<>();
        List<String> topics = consumers.stream().flatMap(c -> c.topics().stream()).map(InboxTopic::topic).distinct().toList();
        if (topics.isEmpty()) {
            return keepByTopic;
        }
        if (keep.isPresent()) {
            topics.forEach(topic -> keepByTopic.put(topic, keep.get()));
            return keepByTopic;
        }
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        // The broker's security settings, if any, are the connector's.
        kafka.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        try (Admin admin = Admin.create(config)) {
            List<ConfigResource> resources = topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> described = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (ConfigResource resource : resources) {
                Config settings = described.get(resource);
                TopicRetention retention = new TopicRetention(
                        number(settings.get(TopicConfig.RETENTION_MS_CONFIG), -1),
                        number(settings.get(TopicConfig.SEGMENT_MS_CONFIG), Duration.ofDays(7).toMillis()));
                keepByTopic.put(resource.name(), keep(retention, margin, keepWhenUnlimited));
            }
        } catch (ExecutionException | TimeoutException unknown) {
            // Without the topics' settings there is no telling what they can deliver again: keep everything for now.
            throw new IllegalStateException("the topics' retention is unknown: " + unknown.getMessage(), unknown);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
        return keepByTopic;
    }

    private static long number(ConfigEntry entry, long otherwise) {
        return entry == null || entry.value() == null ? otherwise : Long.parseLong(entry.value());
    }
}
