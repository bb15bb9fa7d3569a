package org.p2c.analytics.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.p2c.support.testing.TestEvents;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Puts fixture events on the topics as the producers' relays would, and waits until analytics has taken them in. */
final class Deliveries {

    private Deliveries() {
    }

    static void publish(KafkaCompanion kafka, Map<String, String> topics, List<Fixture.Event> events) {
        List<ProducerRecord<String, String>> records = events.stream().map(e -> {
            ProducerRecord<String, String> record = new ProducerRecord<>(topics.get(e.aggregate()), e.key().toString(),
                    TestEvents.cloudEvent(e.id(), "urn:p2c:" + e.aggregate(), e.type(), e.key(), e.data().encode()));
            record.headers().add(new RecordHeader("content-type",
                    "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8)));
            return record;
        }).toList();
        kafka.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
    }

    /** Waits until the processed-event log holds {@code expected} events, then returns. */
    static void awaitProcessed(EntityManager em, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        long seen;
        while ((seen = processed(em)) < expected) {
            assertThat(System.nanoTime()).as("%d of %d events processed within 180 s", seen, expected).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static long processed(EntityManager em) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event").getSingleResult()).longValue());
    }

    static boolean isProcessed(EntityManager em, UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where event_id = ?1").setParameter(1, eventId)
                .getSingleResult()).longValue()) == 1;
    }
}
