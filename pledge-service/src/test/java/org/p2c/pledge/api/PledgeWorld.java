package org.p2c.pledge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.support.testing.TestEvents;
import org.p2c.support.testing.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.support.testing.TestTokens.person;

/**
 * The tests' world: entities made the way they really reach pledge-service (entity-service's events on
 * p2c.entities.v1), a typical pledge's content, and calls as a given caller.
 */
record PledgeWorld(KafkaCompanion kafka, String entitiesTopic) {

    static final String SECRETARIAT = person("secretariat-officer", "secretariat");

    /** A pledger entity as the tests act for it: a member's token and the partner client bound to the entity. */
    record Pledger(UUID id, String member, String client) {
        String partner() {
            return TestTokens.partner(client);
        }
    }

    /** A VERIFIED entity with one member and one partner client, known to pledge-service's view once this returns. */
    Pledger verifiedPledger() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID id = UUID.randomUUID();
        entity(id, "VERIFIED", "member-" + run, "partner-" + run);
        awaitKnown(id);
        return new Pledger(id, person("member-" + run, "pledger"), "partner-" + run);
    }

    static Map<String, Object> content() {
        Map<String, Object> c = new HashMap<>();
        c.put("title", "Connect 500 rural schools");
        c.put("description", "Fibre and satellite links for rural schools, with teacher training.");
        c.put("expectedImpact", "500 schools connected");
        c.put("types", List.of("FINANCIAL", "PROGRAMMATIC"));
        c.put("pillars", List.of("INFRASTRUCTURE", "SKILLS"));
        c.put("global", false);
        c.put("countries", List.of("LAO", "KHM"));
        c.put("regions", List.of());
        c.put("primaryRegion", "ASIA_PACIFIC");
        c.put("beneficiaryGroups", List.of("STUDENTS", "RURAL_AND_REMOTE_COMMUNITIES"));
        c.put("sdgs", List.of(4, 9));
        c.put("targets", List.of("ACC-SCHOOLS", "ADO-DIGITAL-SKILLS-MINIMUM"));
        c.put("financialValue", Map.of("amount", "1200000.00", "currency", "EUR", "valueDate", "2024-03-01"));
        c.put("startDate", "2024-01-01");
        c.put("endDate", "2026-12-31");
        return c;
    }

    static RequestSpecification as(String token) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return token == null ? spec : spec.auth().oauth2(token);
    }

    static UUID draft(String token, UUID entity) {
        return UUID.fromString(as(token).body(Map.of("pledgerEntityId", entity, "content", content()))
                .post("/api/v1/pledges").then().statusCode(201).extract().path("id"));
    }

    static UUID validated(String token, UUID entity, Map<String, Object> content) {
        UUID id = UUID.fromString(as(token).body(Map.of("pledgerEntityId", entity, "content", content))
                .post("/api/v1/pledges").then().statusCode(201).extract().path("id"));
        as(token).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200);
        as(SECRETARIAT).body(Map.of()).post("/api/v1/pledges/{id}/validation", id).then().statusCode(200);
        return id;
    }


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

    /** The events of one pledge on the topic, once {@code expected} have arrived (or 20 s passed), plus a second for strays. */
    static List<JsonNode> eventsOf(KafkaCompanion kafka, String topic, ObjectMapper json, UUID pledge, int expected)
            throws Exception {
        ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(topic);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (task.getRecords().stream().filter(r -> pledge.toString().equals(r.key())).count() < expected
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        task.stop();
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : task.getRecords()) {
            if (pledge.toString().equals(r.key())) {
                events.add(json.readTree(r.value()));
            }
        }
        return events;
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
