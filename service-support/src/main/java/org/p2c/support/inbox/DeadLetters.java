package org.p2c.support.inbox;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Parks a poison record on {@code <topic>.dlq} as it came: its original key and value bytes and headers, plus
 * headers that say why and where from. SmallRye's dead-letter strategy writes the deserialized payload instead
 * (null for what it could not read, an object its serializer may not write), so the inbox writes its own.
 * A send returns only once the broker has the record (acks=all); a failure is the caller's to retry.
 */
@ApplicationScoped
public class DeadLetters {

    static final String PREFIX = "p2c-dlq-";
    public static final String REASON = "p2c-dlq-reason";
    public static final String EXCEPTION = "p2c-dlq-exception";
    public static final String TOPIC = "p2c-dlq-topic";
    public static final String PARTITION = "p2c-dlq-partition";
    public static final String OFFSET = "p2c-dlq-offset";
    public static final String CONSUMER = "p2c-dlq-consumer";
    private static final int MAX_REASON = 1000;

    private final Map<String, Object> kafka;
    private final String consumer;
    private final Duration sendTimeout;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                       @ConfigProperty(name = "quarkus.application.name") String consumer,
                       @ConfigProperty(name = "p2c.inbox.dead-letter-timeout", defaultValue = "30S") Duration sendTimeout) {
        this.kafka = kafka;
        this.consumer = consumer;
        this.sendTimeout = sendTimeout;
    }

    public static String topicFor(String topic) {
        return topic + ".dlq";
    }

    /** The service whose inbox parks here: the {@value #CONSUMER} header of what it parked. */
    public String consumer() {
        return consumer;
    }

    /** @throws RuntimeException if the broker did not take the record; nothing is acknowledged then */
    public void park(Delivery record, Throwable reason) throws InterruptedException {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            // The connector adds its consumer generation to every record it polls; it is not the producer's. A record
            // parked again (redriven, still poison) says anew why, once.
            if (!header.key().startsWith("__smallrye") && !header.key().startsWith(PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(REASON, utf8(truncate(reason.getMessage() == null ? reason.toString() : reason.getMessage())));
        headers.add(EXCEPTION, utf8(reason.getClass().getSimpleName()));
        headers.add(TOPIC, utf8(record.topic()));
        headers.add(PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(OFFSET, utf8(Long.toString(record.offset())));
        headers.add(CONSUMER, utf8(consumer));
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topicFor(record.topic()), null,
                record.key(), record.value(), headers);
        try {
            producer().send(dead).get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the broker did not take the dead letter: " + failed.getCause(), failed.getCause());
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.remove(ProducerConfig.CLIENT_ID_CONFIG);
            config.remove("group.id");
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis());
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(sendTimeout.toMillis(), 30_000));
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    synchronized void close(@Observes ShutdownEvent stopping) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
