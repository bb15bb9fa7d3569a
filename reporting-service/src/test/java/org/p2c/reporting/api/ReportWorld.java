package org.p2c.reporting.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.p2c.reporting.domain.KnownEntity;
import org.p2c.reporting.domain.KnownPledge;
import org.p2c.support.testing.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes entities and pledges the way they really reach reporting-service: as entity-service's and pledge-service's
 * events on p2c.entities.v1 and p2c.pledges.v1, consumed into the service's own views.
 */
record ReportWorld(KafkaCompanion kafka, String entitiesTopic, String pledgesTopic) {

    static final Instant VALIDATED_AT = Instant.parse("2024-03-01T10:00:00Z");
    /** One reference per pledge, stable across its events, unique in the test JVM. */
    private static final Map<UUID, Integer> REFERENCES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_REFERENCE = new java.util.concurrent.atomic.AtomicInteger(1);

    static String referenceOf(UUID pledge) {
        return "P2C-2024-%05d".formatted(REFERENCES.computeIfAbsent(pledge, p -> NEXT_REFERENCE.getAndIncrement()));
    }

    void entity(UUID id, String member, String client, String stakeholderType) {
        String data = """
                {"id":"%s","version":1,"name":"Entity %s","acronym":null,"stakeholderType":"%s",
                 "headquartersCountry":"KHM","ituRegion":"ASIA_PACIFIC","status":"VERIFIED",
                 "registeredAt":"2024-01-01T08:00:00Z","verifiedAt":"2024-01-02T08:00:00Z","updatedAt":"2024-01-02T08:00:00Z",
                 "members":[{"subject":"%s","role":"FOCAL_POINT"}],"partnerClients":[%s]}"""
                .formatted(id, id, stakeholderType, member, client == null ? "" : "\"" + client + "\"");
        TestEvents.send(kafka, entitiesTopic, id,
                TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:entity-service", "p2c.entity.registered.v1", id, data));
    }

    /** A pledge of {@code entity} in {@code status}; validatedAt and withdrawnAt follow the status. */
    UUID pledge(UUID entity, String status, long version, List<String> countries) {
        return pledge(UUID.randomUUID(), entity, status, version, countries, VALIDATED_AT);
    }

    UUID pledge(UUID id, UUID entity, String status, long version, List<String> countries, Instant validatedAt) {
        TestEvents.send(kafka, pledgesTopic, id, TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:pledge-service",
                eventTypeOf(status), id, pledgeSnapshot(id, entity, status, version, countries, validatedAt)));
        return id;
    }

    /** The type pledge-service gives the event that leaves a pledge in this status: the inbox skips any other. */
    static String eventTypeOf(String status) {
        return switch (status) {
            case "DRAFT" -> "p2c.pledge.drafted.v1";
            case "SUBMITTED" -> "p2c.pledge.submitted.v1";
            case "VALIDATED" -> "p2c.pledge.validated.v1";
            case "RETURNED_FOR_REVISION" -> "p2c.pledge.returned.v1";
            case "REJECTED" -> "p2c.pledge.rejected.v1";
            case "WITHDRAWN" -> "p2c.pledge.withdrawn.v1";
            default -> throw new IllegalArgumentException("no pledge event leaves a pledge " + status);
        };
    }

    /** pledge-service publishes a pledge's regions with those of its countries; these are the test's countries. */
    private static final java.util.Map<String, String> REGION_OF = java.util.Map.of(
            "KHM", "ASIA_PACIFIC", "LAO", "ASIA_PACIFIC", "FJI", "ASIA_PACIFIC", "KEN", "AFRICA", "FRA", "EUROPE",
            "GBR", "EUROPE", "BRA", "AMERICAS", "VNM", "ASIA_PACIFIC");

    static String pledgeSnapshot(UUID id, UUID entity, String status, long version, List<String> countries, Instant validatedAt) {
        boolean wasValidated = status.equals("VALIDATED") || status.equals("WITHDRAWN");
        return """
                {"id":"%s","version":%d,"reference":"%s","pledgerEntityId":"%s","status":"%s",
                 "title":"Connect rural schools","types":["PROGRAMMATIC"],"pillars":["INFRASTRUCTURE"],"focusAreas":["ACCESS"],
                 "global":false,"countries":[%s],"regions":[%s],"primaryRegion":null,"beneficiaryGroups":[],"sdgs":[4],
                 "targets":[],"startDate":"2024-01-01","endDate":"2026-12-31","submittedAt":"2024-02-01T10:00:00Z",
                 "validatedAt":%s,"withdrawnAt":%s,"updatedAt":"2024-03-0%dT10:00:00Z"}"""
                .formatted(id, version, referenceOf(id), entity, status,
                        countries.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",")),
                        countries.stream().map(c -> "\"" + REGION_OF.get(c) + "\"").distinct().sorted().collect(Collectors.joining(",")),
                        wasValidated ? "\"" + validatedAt + "\"" : "null",
                        status.equals("WITHDRAWN") ? "\"2024-09-01T10:00:00Z\"" : "null", Math.min(9, version));
    }

    static void awaitEntities(UUID... ids) throws InterruptedException {
        for (UUID id : ids) {
            await("entity " + id, () -> KnownEntity.findById(id) != null);
        }
    }

    static void awaitPledge(UUID id, long version) throws InterruptedException {
        await("pledge " + id + " v" + version, () -> {
            KnownPledge p = KnownPledge.findById(id);
            return p != null && p.version >= version;
        });
    }

    static void await(String what, java.util.function.Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!QuarkusTransaction.requiringNew().call(condition::get)) {
            assertThat(System.nanoTime()).as("%s known within 20 s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    // --- requests ----------------------------------------------------------------------------------

    static RequestSpecification as(String token) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return token == null ? spec : spec.auth().oauth2(token);
    }

    /** A complete report: every field of the domain, amount disbursed in euros. */
    static Map<String, Object> content() {
        Map<String, Object> c = new HashMap<>();
        c.put("asOfDate", "2024-12-31");
        c.put("periodStart", "2024-03-01");
        c.put("periodEnd", "2024-12-31");
        c.put("completionStatus", "IN_PROGRESS");
        c.put("percentComplete", 40);
        c.put("amountDisbursed", Map.of("amount", "1200000.00", "currency", "EUR", "valueDate", "2024-12-31"));
        c.put("peopleReached", 120000);
        c.put("achievements", "420 of 1,000 schools connected; 1,300 teachers trained");
        c.put("challenges", List.of(
                Map.of("category", "NATURAL_DISASTERS", "text", "Floods delayed site works by four months"),
                Map.of("category", "ADMINISTRATIVE", "text", "Import permits for equipment took six months")));
        c.put("solutions", List.of(
                Map.of("category", "PARTNERSHIPS", "text", "A satellite operator covers the flooded sites"),
                Map.of("category", "FUNDING", "text", "A development bank bridges the delay")));
        c.put("revisedEndDate", "2027-06-30");
        c.put("evidenceLinks", List.of("https://example.org/annual-report-2024.pdf"));
        c.put("resultIndicators", List.of(Map.of("name", "Schools connected", "unit", "schools", "baseline", "0",
                "target", "1000", "actual", "420")));
        return c;
    }

    static UUID draft(String token, UUID pledge, Map<String, Object> content) {
        return UUID.fromString(as(token).body(Map.of("pledgeId", pledge, "content", content))
                .post("/api/v1/reports").then().statusCode(201).extract().path("id"));
    }

    static UUID submitted(String token, UUID pledge, Map<String, Object> content) {
        UUID id = draft(token, pledge, content);
        as(token).post("/api/v1/reports/{id}/submission", id).then().statusCode(200);
        return id;
    }
}
