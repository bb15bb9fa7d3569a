package org.p2c.pledge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.p2c.support.testing.EventContracts;

import java.time.Year;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.p2c.pledge.api.PledgeWorld.SECRETARIAT;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;
import static org.p2c.pledge.api.PledgeWorld.validated;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/** What changes a validated pledge later: revisions, collaborators; and pledges taken over with their past dates. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class PledgeRevisionsCollaboratorsAndImportTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    @Inject
    ObjectMapper json;

    KafkaCompanion kafka;
    UUID a;
    UUID b;
    UUID c;
    String memberOfA;
    String memberOfB;
    String memberOfC;
    String clientOfB;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        PledgeWorld world = new PledgeWorld(kafka, entitiesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        b = UUID.randomUUID();
        c = UUID.randomUUID();
        clientOfB = "partner-b-" + run;
        world.entity(a, "VERIFIED", "member-a-" + run, null);
        world.entity(b, "VERIFIED", "member-b-" + run, clientOfB);
        world.entity(c, "VERIFIED", "member-c-" + run, null);
        memberOfA = person("member-a-" + run, "pledger");
        memberOfB = person("member-b-" + run, "pledger");
        memberOfC = person("member-c-" + run, "pledger");
        PledgeWorld.awaitKnown(a, b, c);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    // --- revisions ---------------------------------------------------------------------------------

    @Test
    void anEditOfAValidatedPledgeIsARevisionAndTheValidatedOneStaysPublicUntilTheSecretariatValidatesIt() throws Exception {
        UUID id = validated(memberOfA, a, content());
        String validatedAt = as(null).get("/api/v1/pledges/{id}", id).then().extract().path("validatedAt");
        Map<String, Object> revised = content();
        revised.put("title", "Connect 800 rural schools");

        as(memberOfA).header("If-Match", etag(id)).body(revised).put("/api/v1/pledges/{id}", id).then().statusCode(200)
                .body("status", is("VALIDATED")).body("title", is("Connect 500 rural schools"))
                .body("pendingRevision.status", is("DRAFT")).body("pendingRevision.content.title", is("Connect 800 rural schools"));
        // The public sees the validated revision and nothing of the pending one.
        as(null).get("/api/v1/pledges/{id}", id).then().statusCode(200)
                .body("title", is("Connect 500 rural schools")).body("pendingRevision", nullValue());
        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200)
                .body("status", is("VALIDATED")).body("pendingRevision.status", is("SUBMITTED"));
        as(memberOfA).header("If-Match", etag(id)).body(revised).put("/api/v1/pledges/{id}", id).then().statusCode(409);
        as(SECRETARIAT).body(Map.of("comment", "Say which provinces")).post("/api/v1/pledges/{id}/return", id).then()
                .statusCode(200).body("status", is("VALIDATED")).body("pendingRevision.status", is("RETURNED_FOR_REVISION"));
        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200);
        as(null).get("/api/v1/pledges?q=800").then().body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id.toString())));

        as(SECRETARIAT).body(Map.of()).post("/api/v1/pledges/{id}/validation", id).then().statusCode(200)
                .body("title", is("Connect 800 rural schools")).body("revision", is(2)).body("pendingRevision", nullValue())
                .body("validatedAt", is(validatedAt)).body("revisedAt", notNullValue());
        as(null).get("/api/v1/pledges/{id}", id).then().body("title", is("Connect 800 rural schools"));
        // No revision waits any more: validating again is an illegal transition.
        as(SECRETARIAT).body(Map.of()).post("/api/v1/pledges/{id}/validation", id).then().statusCode(409);

        as(memberOfA).get("/api/v1/pledges/{id}/history", id).then().statusCode(200).body("action", contains(
                "DRAFTED", "SUBMITTED", "VALIDATED", "REVISION_EDITED", "REVISION_SUBMITTED", "REVISION_RETURNED",
                "REVISION_SUBMITTED", "REVISION_VALIDATED"));
        List<JsonNode> events = eventsOf(id, 8);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(
                "p2c.pledge.drafted.v1", "p2c.pledge.submitted.v1", "p2c.pledge.validated.v1",
                "p2c.pledge.revision-edited.v1", "p2c.pledge.revision-submitted.v1", "p2c.pledge.revision-returned.v1",
                "p2c.pledge.revision-submitted.v1", "p2c.pledge.revision-validated.v1");
        for (JsonNode event : events) {
            assertThat(EventContracts.violations(event, "pledge-snapshot.v1.json")).as("contract").isEmpty();
        }
        // Until the revision is validated, events carry the validated content only.
        assertThat(events.get(4).get("data").get("title").asText()).isEqualTo("Connect 500 rural schools");
        assertThat(events.get(7).get("data").get("title").asText()).isEqualTo("Connect 800 rural schools");
        assertThat(events.get(7).get("data").get("validatedAt").asText()).isEqualTo(events.get(2).get("data").get("validatedAt").asText());
    }

    @Test
    void aRejectedRevisionLeavesTheValidatedPledgeAsItWas() {
        UUID id = validated(memberOfA, a, content());
        Map<String, Object> revised = content();
        revised.put("title", "Something else entirely");
        as(memberOfA).header("If-Match", etag(id)).body(revised).put("/api/v1/pledges/{id}", id).then().statusCode(200);
        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200);
        as(SECRETARIAT).body(Map.of("comment", "Not the same pledge")).post("/api/v1/pledges/{id}/rejection", id).then()
                .statusCode(200).body("status", is("VALIDATED")).body("title", is("Connect 500 rural schools"))
                .body("pendingRevision", nullValue()).body("revision", is(1));
    }

    // --- collaborators -----------------------------------------------------------------------------

    @Test
    void thePledgerInvitesACollaboratorWhosePeopleAcceptAndOthersSeeNothing() {
        UUID id = draft(memberOfA, a);
        as(memberOfB).get("/api/v1/pledges/{id}", id).then().statusCode(404);
        as(memberOfB).body(Map.of("entityId", c, "role", "ENDORSE")).post("/api/v1/pledges/{id}/collaborators", id)
                .then().statusCode(404);
        as(memberOfA).body(Map.of("entityId", b, "role", "IMPLEMENT")).post("/api/v1/pledges/{id}/collaborators", id)
                .then().statusCode(200).body("collaborators[0].status", is("INVITED"));
        as(memberOfA).body(Map.of("entityId", b, "role", "SCALE")).post("/api/v1/pledges/{id}/collaborators", id)
                .then().statusCode(409);
        as(memberOfA).body(Map.of("entityId", a, "role", "SCALE")).post("/api/v1/pledges/{id}/collaborators", id)
                .then().statusCode(422).body("violations[0].field", is("entityId"));
        as(memberOfA).body(Map.of("entityId", b, "role", "LEAD")).post("/api/v1/pledges/{id}/collaborators", id)
                .then().statusCode(400).contentType("application/problem+json");

        // The invited entity's people (and its partner client) now see the draft; a third entity still does not.
        as(memberOfB).get("/api/v1/pledges/{id}", id).then().statusCode(200);
        as(partner(clientOfB)).get("/api/v1/pledges/{id}", id).then().statusCode(200);
        as(memberOfC).get("/api/v1/pledges/{id}", id).then().statusCode(404);
        // Only the invited entity answers, and only once; seeing the draft gives no right to change it.
        as(memberOfA).post("/api/v1/pledges/{id}/collaborators/{e}/acceptance", id, b).then().statusCode(403);
        as(memberOfB).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(403);
        as(memberOfB).post("/api/v1/pledges/{id}/collaborators/{e}/acceptance", id, b).then().statusCode(200)
                .body("collaborators[0].status", is("ACCEPTED"));
        as(memberOfB).post("/api/v1/pledges/{id}/collaborators/{e}/refusal", id, b).then().statusCode(409);

        as(memberOfA).body(Map.of("entityId", c, "role", "ENDORSE")).post("/api/v1/pledges/{id}/collaborators", id)
                .then().statusCode(200);
        as(memberOfC).post("/api/v1/pledges/{id}/collaborators/{e}/refusal", id, c).then().statusCode(200);
        as(memberOfC).get("/api/v1/pledges/{id}", id).then().statusCode(404);

        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200);
        as(SECRETARIAT).body(Map.of()).post("/api/v1/pledges/{id}/validation", id).then().statusCode(200);
        // The public sees who collaborates, not who declined.
        as(null).get("/api/v1/pledges/{id}", id).then().statusCode(200)
                .body("collaborators.entityId", contains(b.toString()))
                .body("collaborators.role", contains("IMPLEMENT"));
    }

    // --- legacy import -----------------------------------------------------------------------------

    @Test
    void theSecretariatImportsPledgesWithTheirHistoricalDatesItemByItem() throws Exception {
        String year = String.valueOf(Year.now(ZoneOffset.UTC).getValue());
        String validatedRef = "P2C-2022-" + fiveDigits();
        String withdrawnRef = "P2C-2023-" + fiveDigits();
        String highRef = "P2C-" + year + "-9" + fiveDigits().substring(1);
        List<Map<String, Object>> items = List.of(
                item(validatedRef, "VALIDATED", "2022-09-20T09:00:00Z", "2022-10-03T14:00:00Z", null),
                item(withdrawnRef, "WITHDRAWN", "2023-01-10T09:00:00Z", "2023-02-01T09:00:00Z", "2024-05-01T09:00:00Z"),
                item("P2C-2022-" + fiveDigits(), "VALIDATED", "2022-09-20T09:00:00Z", "2022-09-01T09:00:00Z", null),
                item(highRef, "SUBMITTED", "2024-01-10T09:00:00Z", null, null));

        as(memberOfA).body(Map.of("items", items)).post("/api/v1/pledges/imports").then().statusCode(403);
        List<Map<String, Object>> results = as(SECRETARIAT).body(Map.of("items", items)).post("/api/v1/pledges/imports")
                .then().statusCode(200).body("imported", is(3)).body("failed", is(1))
                .body("results[2].problem.violations.field", contains("validatedAt"))
                .extract().path("results");
        UUID imported = UUID.fromString((String) results.get(0).get("pledgeId"));

        as(null).get("/api/v1/pledges/{ref}", validatedRef).then().statusCode(200)
                .body("validatedAt", is("2022-10-03T14:00:00Z")).body("submittedAt", is("2022-09-20T09:00:00Z"))
                .body("imported", is(true));
        as(SECRETARIAT).get("/api/v1/pledges/{id}/history", imported).then()
                .body("action", contains("SUBMITTED", "VALIDATED", "IMPORTED"))
                .body("at[0]", is("2022-09-20T09:00:00Z")).body("at[1]", is("2022-10-03T14:00:00Z"));
        JsonNode event = eventsOf(imported, 1).get(0);
        assertThat(event.get("type").asText()).isEqualTo("p2c.pledge.imported.v1");
        assertThat(event.get("data").get("validatedAt").asText()).isEqualTo("2022-10-03T14:00:00Z");
        assertThat(EventContracts.violations(event, "pledge-snapshot.v1.json")).isEmpty();

        // Running the same file again changes nothing.
        as(SECRETARIAT).body(Map.of("items", items.subList(0, 2))).post("/api/v1/pledges/imports").then().statusCode(200)
                .body("imported", is(0)).body("results.problem.status", contains(409, 409));
        // New submissions are numbered after the imported ones of their year.
        UUID fresh = draft(memberOfA, a);
        String reference = as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", fresh).then().statusCode(200)
                .extract().path("reference");
        assertThat(Integer.parseInt(reference.substring(reference.lastIndexOf('-') + 1)))
                .isGreaterThan(Integer.parseInt(highRef.substring(highRef.lastIndexOf('-') + 1)));
    }

    @Test
    void anImportedItemsProblemNamesItsContentsFieldsFromTheItemsRoot() {
        Map<String, Object> unknownPlaces = item("P2C-2022-" + fiveDigits(), "VALIDATED", "2022-09-20T09:00:00Z",
                "2022-10-03T14:00:00Z", null);
        Map<String, Object> content = content();
        content.put("countries", List.of("KHM", "XXX"));
        content.put("targets", List.of("WORLD-PEACE"));
        unknownPlaces.put("content", content);
        Map<String, Object> noRate = item("P2C-2022-" + fiveDigits(), "SUBMITTED", "2022-09-20T09:00:00Z", null, null);
        Map<String, Object> mongolian = content();
        mongolian.put("financialValue", Map.of("amount", "10.00", "currency", "MNT", "valueDate", "2022-07-06"));
        noRate.put("content", mongolian);
        Map<String, Object> notACode = item("P2C-2022-" + fiveDigits(), "SUBMITTED", "2022-09-20T09:00:00Z", null, null);
        Map<String, Object> lowerCase = content();
        lowerCase.put("countries", List.of("KHM", "kh"));
        notACode.put("content", lowerCase);

        as(SECRETARIAT).body(Map.of("items", List.of(unknownPlaces, noRate, notACode))).post("/api/v1/pledges/imports")
                .then().statusCode(200).body("imported", is(0))
                .body("results[0].problem.violations.field", contains("content.countries[1]", "content.targets[0]"))
                .body("results[1].problem.status", is(422))
                .body("results[1].problem.violations.field", contains("content.financialValue.currency"))
                .body("results[2].problem.violations.field", contains("content.countries[1]"));
    }

    // --- helpers -----------------------------------------------------------------------------------

    private Map<String, Object> item(String reference, String status, String submittedAt, String validatedAt, String withdrawnAt) {
        Map<String, Object> item = new HashMap<>();
        item.put("pledgerEntityId", a);
        item.put("reference", reference);
        item.put("status", status);
        item.put("submittedAt", submittedAt);
        item.put("validatedAt", validatedAt);
        item.put("withdrawnAt", withdrawnAt);
        item.put("content", content());
        return item;
    }

    private static String fiveDigits() {
        return String.format("%05d", (int) (Math.random() * 80000) + 10000);
    }

    private static UUID draft(String token, UUID entity) {
        return PledgeWorld.draft(token, entity);
    }

    private static String etag(UUID id) {
        return as(SECRETARIAT).get("/api/v1/pledges/{id}", id).then().statusCode(200).extract().header("ETag");
    }

    private List<JsonNode> eventsOf(UUID pledge, int expected) throws Exception {
        return PledgeWorld.eventsOf(kafka, pledgesTopic, json, pledge, expected);
    }
}
