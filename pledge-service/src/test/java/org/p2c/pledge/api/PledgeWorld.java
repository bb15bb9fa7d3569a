package org.p2c.pledge.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.support.testing.TestEvents;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Makes entities the way they really reach pledge-service: as entity-service's events on p2c.entities.v1. */
record PledgeWorld(KafkaCompanion kafka, String entitiesTopic) {

    void entity(UUID id, String status, String member, String client) {
        String data = """
                {"id":"%s","version":1,"name":"Entity %s","acronym":null,"stakeholderType":"GOVERNMENT",
                 "headquartersCountry":"KHM","ituRegion":"ASIA_PACIFIC","status":"%s",
                 "registeredAt":"2024-07-01T08:00:00Z","verifiedAt":null,"updatedAt":"2024-07-01T08:00:00Z",
                 "members":[{"subject":"%s","role":"FOCAL_POINT"}],"partnerClients":[%s]}"""
                .formatted(id, id, status, member, client == null ? "" : "\"" + client + "\"");
        TestEvents.send(kafka, entitiesTopic, id,
                TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:entity-service", "p2c.entity.registered.v1", id, data));
    }

    static void awaitKnown(UUID... ids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (UUID id : ids) {
            while (QuarkusTransaction.requiringNew().call(() -> KnownEntity.findById(id)) == null) {
                assertThat(System.nanoTime()).as("entity %s known within 20 s", id).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }
}
