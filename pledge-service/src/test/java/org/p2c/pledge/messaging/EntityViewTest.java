package org.p2c.pledge.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.support.testing.EventContracts;
import org.p2c.support.testing.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** pledge-service keeps its view of the entities from p2c.entities.v1: newest version wins, whatever the delivery order. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class EntityViewTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String topic;

    @Inject
    ObjectMapper json;

    KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void theNewestVersionWinsAndRedeliveriesAndLateEventsChangeNothing() throws Exception {
        UUID entity = UUID.randomUUID();
        send(entity, UUID.randomUUID(), "registered", snapshot(entity, 1, "PENDING_VERIFICATION", "focal-1", null));
        UUID verifiedEvent = UUID.randomUUID();
        send(entity, verifiedEvent, "partner-client-bound", snapshot(entity, 3, "VERIFIED", "focal-1", "partner-x"));
        // The same event again, then an older version that arrives late.
        send(entity, verifiedEvent, "partner-client-bound", snapshot(entity, 3, "VERIFIED", "focal-1", "partner-x"));
        send(entity, UUID.randomUUID(), "verified", snapshot(entity, 2, "VERIFIED", "focal-1", null));

        KnownEntity known = await(entity, e -> e.version == 3);
        Thread.sleep(1000); // time for the late event to be (not) applied
        known = QuarkusTransaction.requiringNew().call(() -> {
            KnownEntity e = KnownEntity.findById(entity);
            e.members.size();
            e.partnerClients.size();
            return e;
        });
        assertThat(known.version).isEqualTo(3);
        assertThat(known.isVerified()).isTrue();
        assertThat(known.verifiedAt).isEqualTo(Instant.parse("2024-07-02T08:00:00Z"));
        assertThat(known.hasMember("focal-1")).isTrue();
        assertThat(known.partnerClients).containsExactly("partner-x");
    }

    private void send(UUID entity, UUID eventId, String action, String data) throws Exception {
        String event = TestEvents.cloudEvent(eventId, "urn:p2c:entity-service", "p2c.entity." + action + ".v1", entity, data);
        // The test's events obey the same contract as entity-service's real ones.
        assertThat(EventContracts.violations(json.readTree(event), "entity-snapshot.v1.json")).isEmpty();
        TestEvents.send(kafka, topic, entity, event);
    }

    private static String snapshot(UUID id, long version, String status, String focalPoint, String partnerClient) {
        return """
                {"id":"%s","version":%d,"name":"Ministry %s","acronym":null,"stakeholderType":"GOVERNMENT",
                 "headquartersCountry":"KHM","ituRegion":"ASIA_PACIFIC","status":"%s",
                 "registeredAt":"2024-07-01T08:00:00Z","verifiedAt":%s,"updatedAt":"2024-07-0%dT08:00:00Z",
                 "members":[{"subject":"%s","role":"FOCAL_POINT"}],"partnerClients":[%s]}"""
                .formatted(id, version, id, status, "VERIFIED".equals(status) ? "\"2024-07-02T08:00:00Z\"" : "null",
                        version, focalPoint, partnerClient == null ? "" : "\"" + partnerClient + "\"");
    }

    private static KnownEntity await(UUID id, Predicate<KnownEntity> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            KnownEntity e = QuarkusTransaction.requiringNew().call(() -> KnownEntity.<KnownEntity>findById(id));
            if (e != null && condition.test(e)) {
                return e;
            }
            assertThat(System.nanoTime()).as("entity %s in the view within 20 s", id).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
