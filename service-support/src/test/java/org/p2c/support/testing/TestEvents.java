package org.p2c.support.testing;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** Puts events on a topic exactly as another service's outbox relay would: structured CloudEvents keyed by aggregate. */
public final class TestEvents {

    private TestEvents() {
    }

    public static String cloudEvent(UUID id, String source, String type, UUID subject, String dataJson) {
        return """
                {"specversion":"1.0","id":"%s","source":"%s","type":"%s","subject":"%s",
                 "time":"2024-07-07T10:15:30Z","datacontenttype":"application/json","data":%s}"""
                .formatted(id, source, type, subject, dataJson);
    }

    /** Sends one record with the structured-mode content type; {@code value} need not be a valid event. */
    public static void send(KafkaCompanion kafka, String topic, UUID key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key.toString(), value);
        record.headers().add(new RecordHeader("content-type",
                "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8)));
        kafka.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(10));
    }
}
