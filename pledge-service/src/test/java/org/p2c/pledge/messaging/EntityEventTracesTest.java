package org.p2c.pledge.messaging;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.TestEvents;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Applying an event joins the trace of the change that published it: the record's {@code traceparent} (which the
 * producer's outbox relay sets) is the ancestor of the inbox's span for applying it, named by topic and type, with the
 * event's id and type and what became of it.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class EntityEventTracesTest {

    private static final String TYPE = "p2c.entity.updated.v1";

    @Inject
    InMemorySpanExporter spans;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String topic;

    @Test
    void applyingAnEventIsASpanOfTheTraceItsRecordCarries() {
        String trace = randomHex(32);
        String producerSpan = randomHex(16);
        UUID entity = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, entity.toString(),
                TestEvents.cloudEvent(event, "urn:p2c:entity-service", TYPE, entity, snapshot(entity)));
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", ("00-" + trace + "-" + producerSpan + "-01").getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(record);
        }

        SpanData applied = await("the span of applying " + event).atMost(Duration.ofSeconds(30))
                .until(() -> ofTrace(trace).stream().filter(s -> s.getName().equals("apply " + topic + "/" + TYPE))
                        .findFirst(), Optional::isPresent).get();
        assertThat(applied.getAttributes().get(AttributeKey.stringKey("cloudevents.event_id"))).isEqualTo(event.toString());
        assertThat(applied.getAttributes().get(AttributeKey.stringKey("cloudevents.event_type"))).isEqualTo(TYPE);
        assertThat(applied.getAttributes().get(AttributeKey.stringKey("p2c.inbox.outcome"))).isEqualTo("applied");
        assertThat(ancestors(applied, ofTrace(trace))).as("the span's ancestors").endsWith(producerSpan);
    }

    private List<SpanData> ofTrace(String trace) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(trace)).toList();
    }

    /** The span ids from {@code span}'s parent up, as far as the trace's spans go, then the remote parent's. */
    private static List<String> ancestors(SpanData span, List<SpanData> trace) {
        List<String> ancestors = new java.util.ArrayList<>();
        SpanData at = span;
        while (at != null && at.getParentSpanContext().isValid()) {
            String parent = at.getParentSpanId();
            ancestors.add(parent);
            at = trace.stream().filter(s -> s.getSpanId().equals(parent)).findFirst().orElse(null);
        }
        return ancestors;
    }

    private static String snapshot(UUID id) {
        return """
                {"id":"%s","version":1,"name":"Traced ministry","acronym":null,"stakeholderType":"GOVERNMENT",
                 "headquartersCountry":"KHM","ituRegion":"ASIA_PACIFIC","status":"VERIFIED",
                 "registeredAt":"2024-07-01T08:00:00Z","verifiedAt":"2024-07-02T08:00:00Z",
                 "updatedAt":"2024-07-02T08:00:00Z","members":[{"subject":"focal-%s","role":"FOCAL_POINT"}],
                 "partnerClients":[]}""".formatted(id, id);
    }

    private static String randomHex(int digits) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < digits) {
            hex.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
        }
        return hex.substring(0, digits);
    }
}
