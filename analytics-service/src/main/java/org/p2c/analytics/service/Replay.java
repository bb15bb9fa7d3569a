package org.p2c.analytics.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.json.JsonObject;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rebuilds the projections: empties them, then reads the three topics from their beginning up to where they end
 * now and applies every event again. The live consumers go on meanwhile; as every apply keeps the newest version
 * and recomputes from stored states, events they apply during the rebuild land the same either way.
 */
@ApplicationScoped
public class Replay {

    private static final Logger LOG = Logger.getLogger(Replay.class);
    private static final int BATCH = 500;

    private final AnalyticsProjection projection;
    private final String bootstrap;
    private final List<String> topics;
    private final ReentrantLock running = new ReentrantLock();

    public Replay(AnalyticsProjection projection,
                  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                  @ConfigProperty(name = "p2c.topics.entities") String entities,
                  @ConfigProperty(name = "p2c.topics.pledges") String pledges,
                  @ConfigProperty(name = "p2c.topics.reports") String reports) {
        this.projection = projection;
        this.bootstrap = bootstrap;
        this.topics = List.of(entities, pledges, reports);
    }

    /**
     * A new version of the projections' tables (a migration that sets {@code rebuild_required}) rebuilds them from
     * the topics once the service is up; in the background, so the service starts and answers meanwhile.
     */
    void onStart(@Observes StartupEvent started) {
        Thread worker = new Thread(this::rebuildIfRequired, "analytics-rebuild");
        worker.setDaemon(true);
        worker.start();
    }

    /** @return how many events were read again, if the projections needed a rebuild */
    public OptionalLong rebuildIfRequired() {
        if (!QuarkusTransaction.requiringNew().call(projection::rebuildRequired)) {
            return OptionalLong.empty();
        }
        LOG.info("the projections' tables changed since they were filled: rebuilding them from the topics");
        long replayed = rebuild();
        LOG.infof("rebuilt the projections from %d events", replayed);
        return OptionalLong.of(replayed);
    }

    /** @return how many events were read again; -1 if another rebuild is running */
    public long rebuild() {
        if (!running.tryLock()) {
            return -1;
        }
        try {
            QuarkusTransaction.requiringNew().run(projection::clear);
            long replayed = 0;
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(BATCH));
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(30))
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                    List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                    consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
                    try {
                        QuarkusTransaction.requiringNew().timeout(600).run(() -> batch.forEach(this::apply));
                    } catch (RuntimeException poison) {
                        // One event the projection cannot apply (parked on the dead-letter topic when it first came):
                        // apply the others one by one.
                        for (var record : batch) {
                            try {
                                QuarkusTransaction.requiringNew().run(() -> apply(record));
                            } catch (RuntimeException skipped) {
                                LOG.warnf("replay skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                                        skipped.getMessage());
                            }
                        }
                    }
                    replayed += batch.size();
                }
            }
            QuarkusTransaction.requiringNew().run(projection::rebuilt);
            return replayed;
        } finally {
            running.unlock();
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        JsonObject event;
        try {
            event = new JsonObject(record.value());
        } catch (RuntimeException unreadable) {
            LOG.debugf("replay skips an unreadable record at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return; // parked on the dead-letter topic when it first arrived
        }
        if (event.getValue("data") instanceof JsonObject data && event.getString("type") != null) {
            projection.apply(record.topic(), event.getString("type"), data);
        }
    }
}
