package org.p2c.entity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.EventContracts;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.p2c.entity.api.EntityApi.SECRETARIAT;
import static org.p2c.entity.api.EntityApi.as;
import static org.p2c.entity.api.EntityApi.uniqueName;
import static org.p2c.support.testing.TestTokens.forOtherAudience;
import static org.p2c.support.testing.TestTokens.person;
import static org.p2c.support.testing.TestTokens.personWithEmail;

/** Registration, verification, people and the rules around them, against real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class EntityLifecycleTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String topic;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    final String focalPoint = person("focal-" + UUID.randomUUID(), "pledger");

    @Test
    void registrationStartsPendingWithTheRegistrantAsFocalPoint() {
        String subject = "registrant-" + UUID.randomUUID();
        UUID id = EntityApi.register(person(subject, "pledger"), uniqueName("Ministry of ICT"), "KHM", "GOVERNMENT");

        as(person(subject, "pledger")).get("/api/v1/entities/{id}", id).then().statusCode(200)
                .body("status", is("PENDING_VERIFICATION"))
                .body("ituRegion", is("ASIA_PACIFIC"))
                .body("focalPoint.email", is("focal@example.org"));
        as(person(subject, "pledger")).get("/api/v1/me/entities").then().statusCode(200)
                .body("find { it.id == '%s' }.role".formatted(id), is("FOCAL_POINT"));
        as(SECRETARIAT).get("/api/v1/entities/{id}/history", id).then().statusCode(200)
                .body("action", contains("REGISTERED"));
    }

    @Test
    void theSecretariatVerifiesRejectsSuspendsAndReinstatesAndEveryStepIsKept() {
        UUID verified = EntityApi.register(focalPoint, uniqueName("Operator"), "KEN", "PRIVATE_SECTOR");
        EntityApi.verify(verified);
        as(SECRETARIAT).body(Map.of("reason", "under audit")).post("/api/v1/entities/{id}/suspension", verified)
                .then().statusCode(200).body("status", is("SUSPENDED"));
        as(null).get("/api/v1/entities/{id}", verified).then().statusCode(404);
        as(SECRETARIAT).body(Map.of()).post("/api/v1/entities/{id}/reinstatement", verified)
                .then().statusCode(200).body("status", is("VERIFIED"));
        as(SECRETARIAT).get("/api/v1/entities/{id}/history", verified).then().statusCode(200)
                .body("action", contains("REGISTERED", "VERIFIED", "SUSPENDED", "REINSTATED"))
                .body("[2].reason", is("under audit"))
                .body("[2].actor", is("secretariat-officer"));

        UUID rejected = EntityApi.register(focalPoint, uniqueName("Doubtful"), "KEN", "OTHER");
        as(SECRETARIAT).body(Map.of("reason", "not an organisation")).post("/api/v1/entities/{id}/rejection", rejected)
                .then().statusCode(200).body("status", is("REJECTED"));
        // A rejected entity can be neither verified nor suspended: 409, not a silent change.
        as(SECRETARIAT).body(Map.of()).post("/api/v1/entities/{id}/verification", rejected)
                .then().statusCode(409).contentType("application/problem+json");
        as(SECRETARIAT).body(Map.of("reason", "x")).post("/api/v1/entities/{id}/suspension", rejected).then().statusCode(409);
        as(SECRETARIAT).body(Map.of()).post("/api/v1/entities/{id}/rejection", rejected).then().statusCode(400)
                .body("violations.field", hasItem("reason"));
    }

    @Test
    void theHistoryCannotBeRewrittenEvenInTheDatabase() {
        UUID id = EntityApi.register(focalPoint, uniqueName("Append only"), "KEN", "OTHER");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("update entity_history set reason = 'edited' where entity_id = ?1")
                        .setParameter(1, id).executeUpdate()))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void invalidInputIsAProblemNamingTheField() {
        Map<String, Object> body = new HashMap<>(EntityApi.profile("", "KHM", "GOVERNMENT"));
        body.put("focalPoint", Map.of("name", "X", "email", "not-an-email"));
        as(focalPoint).body(body).post("/api/v1/entities").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("violations.field", org.hamcrest.Matchers.hasItems("name", "focalPoint.email"));

        as(focalPoint).body(EntityApi.profile("Somewhere", "XXX", "GOVERNMENT")).post("/api/v1/entities").then()
                .statusCode(400).body("violations[0].field", is("headquartersCountry"));
        as(focalPoint).body(EntityApi.profile("Somewhere", "Cambodia", "GOVERNMENT")).post("/api/v1/entities").then()
                .statusCode(400).body("violations[0].field", is("headquartersCountry"));
        as(focalPoint).body(EntityApi.profile("Somewhere", "KHM", "CHURCH")).post("/api/v1/entities").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", is("stakeholderType"));
        as(focalPoint).body("{\"name\": ").post("/api/v1/entities").then()
                .statusCode(400).contentType("application/problem+json").body("title", is("Malformed request body"))
                .body("detail", not(org.hamcrest.Matchers.containsString("Exception")));
        as(null).get("/api/v1/entities?size=1000").then().statusCode(400).body("violations[0].field", is("size"));
        as(null).get("/api/v1/entities?sort=password").then().statusCode(400).body("violations[0].field", is("sort"));
        as(null).get("/api/v1/entities?stakeholderType=CHURCH").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", is("stakeholderType"));
    }

    @Test
    void tokensForAnotherAudienceAreRefused() {
        as(forOtherAudience("someone")).get("/api/v1/me/entities").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anUpdateNeedsTheCurrentVersion() {
        UUID id = EntityApi.register(focalPoint, uniqueName("Versioned"), "KEN", "OTHER");
        var update = EntityApi.profile(uniqueName("Versioned, renamed"), "KEN", "OTHER");
        as(focalPoint).body(update).put("/api/v1/entities/{id}", id).then().statusCode(428)
                .contentType("application/problem+json");
        String etag = EntityApi.etag(id);
        as(focalPoint).header("If-Match", etag).body(update).put("/api/v1/entities/{id}", id).then().statusCode(200);
        as(focalPoint).header("If-Match", etag).body(update).put("/api/v1/entities/{id}", id).then().statusCode(412)
                .contentType("application/problem+json");
    }

    @Test
    void aDuplicateLookingRegistrationIsFlaggedToTheSecretariat() {
        String name = uniqueName("Digital Ministry");
        UUID first = EntityApi.register(focalPoint, name, "UGA", "GOVERNMENT");
        UUID second = EntityApi.register(person("someone-else-" + UUID.randomUUID(), "pledger"),
                name.toUpperCase() + ".", "UGA", "GOVERNMENT");
        UUID elsewhere = EntityApi.register(focalPoint, name, "KEN", "GOVERNMENT");

        as(SECRETARIAT).get("/api/v1/entities/{id}", second).then().statusCode(200)
                .body("possibleDuplicates.id", contains(first.toString()))
                .body("possibleDuplicates.id", not(hasItem(elsewhere.toString())));
        EntityApi.verify(first);
        as(null).get("/api/v1/entities/{id}", first).then().statusCode(200).body("possibleDuplicates", nullValue())
                .body("focalPoint", nullValue());
    }

    @Test
    void anEmailInvitationBindsOnTheInviteesFirstSignIn() {
        UUID id = EntityApi.register(focalPoint, uniqueName("Inviting"), "KHM", "CIVIL_SOCIETY_ACADEMIA_RESEARCH");
        String email = "invitee-" + UUID.randomUUID() + "@example.org";
        as(focalPoint).body(Map.of("email", email)).post("/api/v1/entities/{id}/members", id).then().statusCode(201)
                .body("active", is(false));

        String subject = "invitee-" + UUID.randomUUID();
        String invitee = personWithEmail(subject, email, "pledger");
        as(invitee).get("/api/v1/entities/{id}", id).then().statusCode(404);
        as(invitee).get("/api/v1/me/entities").then().statusCode(200)
                .body("find { it.id == '%s' }.role".formatted(id), is("MEMBER"));
        as(invitee).get("/api/v1/entities/{id}", id).then().statusCode(200);
        as(focalPoint).get("/api/v1/entities/{id}/members", id).then().statusCode(200)
                .body("find { it.email == '%s' }.subject".formatted(email), is(subject))
                .body("find { it.email == '%s' }.active".formatted(email), is(true));
    }

    @Test
    void theFocalPointHandsOverAndTheLastFocalPointCannotBeRemoved() {
        String focalSubject = "handover-" + UUID.randomUUID();
        String focal = person(focalSubject, "pledger");
        UUID id = EntityApi.register(focal, uniqueName("Handover"), "KHM", "OTHER");
        String successorSubject = "successor-" + UUID.randomUUID();
        String successorMembership = EntityApi.addMemberBySubject(focal, id, successorSubject);
        String focalMembership = as(focal).get("/api/v1/entities/{id}/members", id).then().statusCode(200)
                .extract().path("find { it.subject == '%s' }.id".formatted(focalSubject));

        as(focal).delete("/api/v1/entities/{id}/members/{m}", id, focalMembership).then().statusCode(409);
        as(focal).body(Map.of("memberId", successorMembership)).post("/api/v1/entities/{id}/focal-point-handover", id)
                .then().statusCode(200);
        // The former focal point is now a plain member and may no longer manage people.
        as(focal).body(Map.of("email", "x@example.org")).post("/api/v1/entities/{id}/members", id).then().statusCode(403);
        as(person(successorSubject, "pledger")).get("/api/v1/me/entities").then()
                .body("find { it.id == '%s' }.role".formatted(id), is("FOCAL_POINT"));
    }

    @Test
    void aPartnerClientIsBoundToOneEntityOnly() {
        UUID first = EntityApi.register(focalPoint, uniqueName("First"), "KHM", "OTHER");
        UUID second = EntityApi.register(focalPoint, uniqueName("Second"), "KHM", "OTHER");
        String clientId = "partner-" + UUID.randomUUID();
        EntityApi.bindPartnerClient(focalPoint, first, clientId);
        as(focalPoint).body(Map.of("clientId", clientId)).post("/api/v1/entities/{id}/partner-clients", second)
                .then().statusCode(409);
        as(focalPoint).body(Map.of("clientId", "has spaces")).post("/api/v1/entities/{id}/partner-clients", second)
                .then().statusCode(400).body("violations[0].field", is("clientId"));
    }

    @Test
    void theDirectoryShowsVerifiedEntitiesAndFiltersByTypeCountryRegionAndUnGroup() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID cambodia = EntityApi.register(focalPoint, "Directory " + tag + " Cambodia", "KHM", "GOVERNMENT");
        UUID france = EntityApi.register(focalPoint, "Directory " + tag + " France", "FRA", "PRIVATE_SECTOR");
        UUID pending = EntityApi.register(focalPoint, "Directory " + tag + " Pending", "KHM", "GOVERNMENT");
        EntityApi.verify(cambodia);
        EntityApi.verify(france);

        as(null).get("/api/v1/entities?q={q}", "directory " + tag).then().statusCode(200)
                .body("totalItems", is(2)).body("items.id", not(hasItem(pending.toString())));
        as(null).get("/api/v1/entities?q={q}&ldc=true", tag).then().body("items.id", contains(cambodia.toString()));
        as(null).get("/api/v1/entities?q={q}&ituRegion=EUROPE", tag).then().body("items.id", contains(france.toString()));
        as(null).get("/api/v1/entities?q={q}&stakeholderType=GOVERNMENT&country=KHM", tag).then()
                .body("items.id", contains(cambodia.toString()));
        as(null).get("/api/v1/entities?q={q}&size=1&page=1&sort=name,desc", tag).then()
                .body("items.id", contains(cambodia.toString())).body("totalPages", is(2));
        // Its focal point sees the pending one too; the Secretariat can list by status.
        as(focalPoint).get("/api/v1/entities?q={q}", tag).then().body("totalItems", is(3));
        as(SECRETARIAT).get("/api/v1/entities?q={q}&status=PENDING_VERIFICATION", tag).then()
                .body("items.id", contains(pending.toString()));
    }

    @Test
    void referenceDataIsPublic() {
        as(null).get("/api/v1/countries/KHM").then().statusCode(200)
                .body("name", is("Cambodia")).body("ituRegion", is("ASIA_PACIFIC")).body("ldc", is(true));
        as(null).get("/api/v1/countries?ituRegion=CIS").then().statusCode(200).body("size()", is(9));
        as(null).get("/api/v1/itu-regions").then().statusCode(200).body("code", hasItem("ARAB_STATES"));
        as(null).get("/api/v1/stakeholder-types").then().statusCode(200).body("size()", is(7));
        as(null).get("/api/v1/countries/XYZ").then().statusCode(404).contentType("application/problem+json");
        as(null).get("/api/v1/countries?ituRegion=MARS").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", is("ituRegion"))
                .body("violations[0].message", is("must be one of AFRICA, AMERICAS, ARAB_STATES, ASIA_PACIFIC, CIS, EUROPE"));
    }

    @Test
    void everyCommittedChangeEmitsExactlyOneEventAndAFailedOneNone() throws Exception {
        String focalSubject = "events-" + UUID.randomUUID();
        String focal = person(focalSubject, "pledger");
        UUID id = EntityApi.register(focal, uniqueName("Evented"), "KHM", "GOVERNMENT");
        EntityApi.verify(id);
        // Refused changes: an illegal transition and a stale update.
        as(SECRETARIAT).body(Map.of()).post("/api/v1/entities/{id}/verification", id).then().statusCode(409);
        as(focal).header("If-Match", "\"0\"").body(EntityApi.profile("Stale", "KHM", "GOVERNMENT"))
                .put("/api/v1/entities/{id}", id).then().statusCode(412);
        EntityApi.bindPartnerClient(focal, id, "partner-" + UUID.randomUUID());

        List<JsonNode> events = eventsOf(id, 3);
        for (JsonNode event : events) {
            assertThat(EventContracts.violations(event, "entity-snapshot.v1.json")).as("contract of %s", event.get("type")).isEmpty();
        }
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly("p2c.entity.registered.v1", "p2c.entity.verified.v1", "p2c.entity.partner-client-bound.v1");
        assertThat(events).extracting(e -> e.get("data").get("version").asLong()).isSorted().doesNotHaveDuplicates();
        JsonNode last = events.get(2).get("data");
        assertThat(last.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(last.get("verifiedAt").isNull()).isFalse();
        assertThat(last.get("members").get(0).get("subject").asText()).isEqualTo(focalSubject);
        assertThat(last.get("members").get(0).get("role").asText()).isEqualTo("FOCAL_POINT");
        assertThat(last.get("partnerClients")).hasSize(1);
        assertThat(last.get("ituRegion").asText()).isEqualTo("ASIA_PACIFIC");
    }

    /** The events of one entity, once {@code expected} of them arrived and a straggler had a second to follow. */
    private List<JsonNode> eventsOf(UUID entity, int expected) throws Exception {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(topic);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (mine(task, entity).size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            task.stop();
            List<JsonNode> events = new java.util.ArrayList<>();
            for (ConsumerRecord<String, String> r : mine(task, entity)) {
                events.add(json.readTree(r.value()));
            }
            return events;
        }
    }

    private static List<ConsumerRecord<String, String>> mine(ConsumerTask<String, String> task, UUID entity) {
        return task.getRecords().stream().filter(r -> entity.toString().equals(r.key())).toList();
    }
}
