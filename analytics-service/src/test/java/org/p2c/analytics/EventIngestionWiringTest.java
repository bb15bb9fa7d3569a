package org.p2c.analytics;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.Readiness;
import org.p2c.support.testing.TestEvents;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** analytics-service against real PostgreSQL and Kafka: it consumes each event once (the rest: PledgeEventsInboxTest). */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class EventIngestionWiringTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledges;

    @Inject
    EntityManager em;

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
    void isReadyOnlyWithItsDatabaseAndKafka() {
        Readiness.assertReadyWithDatabaseAndKafka();
    }

    @Test
    void aRedeliveredEventIsProcessedOnce() throws InterruptedException {
        UUID eventId = UUID.randomUUID();
        UUID pledge = UUID.randomUUID();
        send(pledge, cloudEvent(eventId, pledge));
        send(pledge, cloudEvent(eventId, pledge));
        UUID later = UUID.randomUUID();
        send(pledge, cloudEvent(later, pledge));

        awaitProcessed(later);
        assertThat(timesProcessed(eventId)).isEqualTo(1);
    }

    private static String cloudEvent(UUID id, UUID pledge) {
        return TestEvents.cloudEvent(id, "urn:p2c:pledge-service", "p2c.pledge.validated.v1", pledge,
                """
                {"id":"%s","version":1,"pledgerEntityId":"%s","status":"SUBMITTED","title":"A pledge","types":["POLICY"],
                 "pillars":["SKILLS"],"focusAreas":["ADOPTION"],"global":true,"countries":[],"regions":[],
                 "beneficiaryGroups":[],"sdgs":[4],"updatedAt":"2024-07-07T10:15:30Z"}""".formatted(pledge, UUID.randomUUID()));
    }

    private void send(UUID key, String value) {
        TestEvents.send(kafka, pledges, key, value);
    }

    private void awaitProcessed(UUID eventId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (timesProcessed(eventId) == 0) {
            assertThat(System.nanoTime()).as("event %s processed within 20 s", eventId).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private long timesProcessed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where event_id = ?1").setParameter(1, eventId)
                .getSingleResult()).longValue());
    }
}
