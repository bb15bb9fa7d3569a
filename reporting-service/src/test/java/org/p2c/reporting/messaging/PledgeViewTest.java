package org.p2c.reporting.messaging;

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
import org.p2c.reporting.domain.KnownPledge;
import org.p2c.support.testing.EventContracts;
import org.p2c.support.testing.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reporting-service keeps its view of the pledges from p2c.pledges.v1: newest version wins whatever the delivery
 * order, the first validation date is kept, and the regions are those pledge-service published.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class PledgeViewTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.pledges")
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
        UUID pledge = UUID.randomUUID();
        UUID entity = UUID.randomUUID();
        send(pledge, UUID.randomUUID(), "validated", snapshot(pledge, entity, 3, "VALIDATED", "\"2024-03-01T10:00:00Z\"", "null"));
        UUID withdrawnEvent = UUID.randomUUID();
        String withdrawn = snapshot(pledge, entity, 4, "WITHDRAWN", "\"2024-03-01T10:00:00Z\"", "\"2024-09-01T10:00:00Z\"");
        send(pledge, withdrawnEvent, "withdrawn", withdrawn);
        // The same event again, then an older version that arrives late.
        send(pledge, withdrawnEvent, "withdrawn", withdrawn);
        send(pledge, UUID.randomUUID(), "submitted", snapshot(pledge, entity, 2, "SUBMITTED", "null", "null"));

        await(pledge, p -> p.version == 4);
        Thread.sleep(1000); // time for the late event to be (not) applied
        KnownPledge known = QuarkusTransaction.requiringNew().call(() -> KnownPledge.<KnownPledge>findById(pledge));
        assertThat(known.version).isEqualTo(4);
        assertThat(known.status).isEqualTo("WITHDRAWN");
        assertThat(known.validatedAt).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(known.withdrawnAt).isEqualTo(Instant.parse("2024-09-01T10:00:00Z"));
        assertThat(known.pledgerEntityId).isEqualTo(entity);
        assertThat(known.countries).containsExactly("FJI", "KEN");
        assertThat(known.regions).containsExactly("AFRICA", "ASIA_PACIFIC", "EUROPE");
    }

    private void send(UUID pledge, UUID eventId, String action, String data) throws Exception {
        String event = TestEvents.cloudEvent(eventId, "urn:p2c:pledge-service", "p2c.pledge." + action + ".v1", pledge, data);
        // The test's events obey the same contract as pledge-service's real ones.
        assertThat(EventContracts.violations(json.readTree(event), "pledge-snapshot.v1.json")).isEmpty();
        TestEvents.send(kafka, topic, pledge, event);
    }

    private static String snapshot(UUID id, UUID entity, long version, String status, String validatedAt, String withdrawnAt) {
        return """
                {"id":"%s","version":%d,"reference":"P2C-2024-00042","pledgerEntityId":"%s","status":"%s",
                 "title":"Submarine cable","types":["FINANCIAL"],"pillars":["INFRASTRUCTURE"],"focusAreas":["ACCESS"],
                 "global":false,"countries":["KEN","FJI"],"regions":["AFRICA","ASIA_PACIFIC","EUROPE"],"primaryRegion":"ASIA_PACIFIC",
                 "beneficiaryGroups":[],"sdgs":[9],"targets":[],"startDate":"2024-01-01","endDate":"2027-12-31",
                 "submittedAt":"2024-02-01T10:00:00Z","validatedAt":%s,"withdrawnAt":%s,"updatedAt":"2024-0%d-01T10:00:00Z"}"""
                .formatted(id, version, entity, status, validatedAt, withdrawnAt, version);
    }

    private static KnownPledge await(UUID id, Predicate<KnownPledge> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            KnownPledge p = QuarkusTransaction.requiringNew().call(() -> KnownPledge.<KnownPledge>findById(id));
            if (p != null && condition.test(p)) {
                return p;
            }
            assertThat(System.nanoTime()).as("pledge %s in the view within 20 s", id).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
