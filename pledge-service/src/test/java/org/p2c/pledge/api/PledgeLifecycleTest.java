package org.p2c.pledge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.support.testing.EventContracts;
import org.p2c.support.testing.TestEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;
import static org.p2c.pledge.api.PledgeWorld.SECRETARIAT;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;
import static org.p2c.pledge.api.PledgeWorld.draft;
import static org.p2c.pledge.api.PledgeWorld.validated;

/**
 * The pledge lifecycle against real PostgreSQL and Kafka. The entities are made the way they really arrive:
 * as entity-service's events on p2c.entities.v1, consumed into pledge-service's own view.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class PledgeLifecycleTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    @Inject
    ObjectMapper json;

    KafkaCompanion kafka;

    /** A verified entity A (focal point, partner client), a verified entity B, a pending entity P. */
    UUID a;
    UUID b;
    UUID pending;
    String memberOfA;
    String memberOfB;
    String memberOfPending;
    String clientOfA;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        PledgeWorld world = new PledgeWorld(kafka, entitiesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        b = UUID.randomUUID();
        pending = UUID.randomUUID();
        clientOfA = "partner-a-" + run;
        world.entity(a, "VERIFIED", "member-a-" + run, clientOfA);
        world.entity(b, "VERIFIED", "member-b-" + run, null);
        world.entity(pending, "PENDING_VERIFICATION", "member-p-" + run, null);
        memberOfA = person("member-a-" + run, "pledger");
        memberOfB = person("member-b-" + run, "pledger");
        memberOfPending = person("member-p-" + run, "pledger");
        PledgeWorld.awaitKnown(a, b, pending);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aPledgeGoesFromDraftThroughRevisionToValidationAndWithdrawal() {
        UUID id = draft(memberOfA, a);
        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200)
                .body("status", is("SUBMITTED"))
                .body("reference", matchesPattern("P2C-\\d{4}-\\d{5}"));
        as(SECRETARIAT).body(Map.of("comment", "Please quantify the impact")).post("/api/v1/pledges/{id}/return", id)
                .then().statusCode(200).body("status", is("RETURNED_FOR_REVISION"));
        String etag = as(memberOfA).get("/api/v1/pledges/{id}", id).then().extract().header("ETag");
        Map<String, Object> revised = content();
        revised.put("expectedImpact", "500 schools with at least 20 Mbit/s");
        as(memberOfA).header("If-Match", etag).body(revised).put("/api/v1/pledges/{id}", id).then().statusCode(200);
        String reference = as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200)
                .extract().path("reference");
        as(SECRETARIAT).body(Map.of()).post("/api/v1/pledges/{id}/validation", id).then().statusCode(200)
                .body("status", is("VALIDATED")).body("validatedAt", notNullValue());

        // Public now, by id and by its reference.
        as(null).get("/api/v1/pledges/{ref}", reference).then().statusCode(200)
                .body("id", is(id.toString())).body("focusAreas", contains("ACCESS", "ADOPTION"));
        as(memberOfA).body(Map.of("comment", "Programme ended early")).post("/api/v1/pledges/{id}/withdrawal", id)
                .then().statusCode(200).body("status", is("WITHDRAWN")).body("withdrawnAt", notNullValue());
        as(null).get("/api/v1/pledges/{id}", id).then().statusCode(404);

        as(SECRETARIAT).get("/api/v1/pledges/{id}/history", id).then().statusCode(200)
                .body("action", contains("DRAFTED", "SUBMITTED", "RETURNED", "EDITED", "SUBMITTED", "VALIDATED", "WITHDRAWN"))
                .body("[2].comment", is("Please quantify the impact"));
    }

    @Test
    void illegalTransitionsAndForeignCallersAreRefused() {
        UUID draft = draft(memberOfA, a);
        // The Secretariat does not see drafts; other entities' people see nothing that is not public.
        as(SECRETARIAT).body(Map.of()).post("/api/v1/pledges/{id}/validation", draft).then().statusCode(404);
        as(memberOfB).get("/api/v1/pledges/{id}", draft).then().statusCode(404);
        as(memberOfB).body(Map.of()).post("/api/v1/pledges/{id}/submission", draft).then().statusCode(404);
        as(partner("someone-elses-client")).get("/api/v1/pledges/{id}", draft).then().statusCode(404);
        as(null).get("/api/v1/pledges/{id}", draft).then().statusCode(404);
        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/withdrawal", draft).then().statusCode(409)
                .contentType("application/problem+json");

        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", draft).then().statusCode(200);
        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/validation", draft).then().statusCode(403);
        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", draft).then().statusCode(409);
        String etag = as(memberOfA).get("/api/v1/pledges/{id}", draft).then().extract().header("ETag");
        as(memberOfA).header("If-Match", etag).body(content()).put("/api/v1/pledges/{id}", draft).then().statusCode(409);
        as(SECRETARIAT).body(Map.of()).post("/api/v1/pledges/{id}/rejection", draft).then().statusCode(400)
                .body("violations.field", hasItem("comment"));
        as(SECRETARIAT).body(Map.of("comment", "Out of scope")).post("/api/v1/pledges/{id}/rejection", draft)
                .then().statusCode(200).body("status", is("REJECTED"));
        as(SECRETARIAT).body(Map.of()).post("/api/v1/pledges/{id}/validation", draft).then().statusCode(409);
    }

    @Test
    void thePartnerClientActsForItsEntityOnly() {
        UUID byPartner = draft(partner(clientOfA), a);
        as(memberOfA).get("/api/v1/pledges/{id}", byPartner).then().statusCode(200);
        as(partner(clientOfA)).body(Map.of("pledgerEntityId", b, "content", content())).post("/api/v1/pledges")
                .then().statusCode(403);
        UUID ofB = draft(memberOfB, b);
        as(partner(clientOfA)).get("/api/v1/pledges/{id}", ofB).then().statusCode(404);
        as(partner(clientOfA)).body(Map.of()).post("/api/v1/pledges/{id}/submission", ofB).then().statusCode(404);
    }

    @Test
    void aPledgeOfAnUnverifiedEntityMayBeSubmittedButNotValidated() {
        UUID id = draft(memberOfPending, pending);
        as(memberOfPending).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200);
        as(SECRETARIAT).body(Map.of()).post("/api/v1/pledges/{id}/validation", id).then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("not verified"));
    }

    @Test
    void badContentIsAProblemNamingTheFieldFromTheBodysRoot() {
        // A new pledge's content sits at "content": the rules across fields name it there, as bean validation does.
        Map<String, Object> c = content();
        c.put("countries", List.of("KHM", "XXX"));
        c.put("endDate", "2020-01-01");
        as(memberOfA).body(Map.of("pledgerEntityId", a, "content", c)).post("/api/v1/pledges").then().statusCode(400)
                .body("violations.field", contains("content.countries[1]", "content.endDate"));
        Map<String, Object> notACode = content();
        notACode.put("countries", List.of("KHM", "kh"));
        as(memberOfA).body(Map.of("pledgerEntityId", a, "content", notACode)).post("/api/v1/pledges").then()
                .statusCode(400).body("violations.field", contains("content.countries[1]"));
        Map<String, Object> unknownTarget = content();
        unknownTarget.put("targets", List.of("ACC-SCHOOLS", "WORLD-PEACE"));
        as(memberOfA).body(Map.of("pledgerEntityId", a, "content", unknownTarget)).post("/api/v1/pledges").then()
                .statusCode(400).body("violations.field", contains("content.targets[1]"));
        Map<String, Object> global = content();
        global.put("global", true);
        as(memberOfA).body(Map.of("pledgerEntityId", a, "content", global)).post("/api/v1/pledges").then().statusCode(400)
                .body("violations.field", contains("content.global", "content.primaryRegion"));

        // An edit's body is the content itself: the same rules name the field from there.
        UUID edited = draft(memberOfA, a);
        as(memberOfA).header("If-Match", "\"0\"").body(c).put("/api/v1/pledges/{id}", edited).then().statusCode(400)
                .body("violations.field", contains("countries[1]", "endDate"));
        as(memberOfA).header("If-Match", "\"0\"").body(notACode).put("/api/v1/pledges/{id}", edited).then()
                .statusCode(400).body("violations.field", contains("countries[1]"));
        Map<String, Object> noTypes = content();
        noTypes.put("types", List.of());
        noTypes.put("pillars", List.of("TELEPATHY"));
        as(memberOfA).body(Map.of("pledgerEntityId", a, "content", noTypes)).post("/api/v1/pledges").then().statusCode(400)
                .contentType("application/problem+json");
        Map<String, Object> incomplete = content();
        incomplete.remove("expectedImpact");
        incomplete.remove("startDate");
        UUID id = UUID.fromString(as(memberOfA).body(Map.of("pledgerEntityId", a, "content", incomplete))
                .post("/api/v1/pledges").then().statusCode(201).extract().path("id"));
        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(422)
                .body("violations.field", hasItems("expectedImpact", "startDate"));
    }

    @Test
    void everyCommittedTransitionEmitsOneEventAndARefusedOneNone() throws Exception {
        UUID id = draft(memberOfA, a);
        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200);
        as(memberOfA).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(409);
        as(SECRETARIAT).body(Map.of()).post("/api/v1/pledges/{id}/validation", id).then().statusCode(200);

        List<JsonNode> events = eventsOf(id, 3);
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly("p2c.pledge.drafted.v1", "p2c.pledge.submitted.v1", "p2c.pledge.validated.v1");
        for (JsonNode event : events) {
            assertThat(EventContracts.violations(event, "pledge-snapshot.v1.json")).as("contract").isEmpty();
        }
        JsonNode validated = events.get(2).get("data");
        assertThat(validated.get("validatedAt").isNull()).isFalse();
        assertThat(validated.get("countries")).extracting(JsonNode::asText).containsExactly("KHM", "LAO");
    }

    @Test
    void aDecisionsEventCarriesTheSecretariatsCommentAndAPledgersEventNone() throws Exception {
        UUID id = draft(memberOfA, a);
        as(memberOfA).body(Map.of("comment", "Ready, we think")).post("/api/v1/pledges/{id}/submission", id).then()
                .statusCode(200);
        as(SECRETARIAT).body(Map.of("comment", "Name the schools, please"))
                .post("/api/v1/pledges/{id}/return", id).then().statusCode(200);

        List<JsonNode> events = eventsOf(id, 3);
        assertThat(events.get(2).get("type").asText()).isEqualTo("p2c.pledge.returned.v1");
        assertThat(events.get(2).get("data").get("decisionComment").asText()).isEqualTo("Name the schools, please");
        assertThat(events.get(1).get("data").get("decisionComment").isNull()).as("the pledger's own remark").isTrue();
        for (JsonNode event : events) {
            assertThat(EventContracts.violations(event, "pledge-snapshot.v1.json")).as("contract").isEmpty();
        }
    }

    @Test
    void theExplorerFindsValidatedPledgesOnlyByTextAndFilters() {
        String word = "explorer" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> cambodia = content();
        cambodia.put("title", "Rural schools " + word);
        Map<String, Object> kenya = content();
        kenya.put("title", "Digital skills " + word);
        kenya.put("countries", List.of("KEN"));
        kenya.put("primaryRegion", "AFRICA");
        kenya.put("pillars", List.of("SKILLS"));
        kenya.put("types", List.of("POLICY"));
        kenya.put("endDate", "2025-06-30");
        kenya.put("targets", List.of("ADO-GENDER-PARITY"));
        UUID inCambodia = validated(memberOfA, a, cambodia);
        UUID inKenya = validated(memberOfB, b, kenya);
        UUID draftOnly = UUID.fromString(as(memberOfA).body(Map.of("pledgerEntityId", a, "content", cambodia))
                .post("/api/v1/pledges").then().statusCode(201).extract().path("id"));

        as(null).get("/api/v1/pledges?q={q}", word).then().statusCode(200).body("totalItems", is(2))
                .body("items.id", org.hamcrest.Matchers.not(hasItem(draftOnly.toString())));
        as(null).get("/api/v1/pledges?q={q}&country=KHM", word).then().body("items.id", contains(inCambodia.toString()));
        as(null).get("/api/v1/pledges?q={q}&focusArea=ADOPTION&type=POLICY", word).then()
                .body("items.id", contains(inKenya.toString()));
        as(null).get("/api/v1/pledges?q={q}&pillar=INFRASTRUCTURE", word).then().body("items.id", contains(inCambodia.toString()));
        as(null).get("/api/v1/pledges?q={q}&target=ACC-SCHOOLS", word).then().body("items.id", contains(inCambodia.toString()));
        as(null).get("/api/v1/pledges?q={q}&endYear=2025", word).then().body("items.id", contains(inKenya.toString()));
        as(null).get("/api/v1/pledges?q={q}&pledgerEntityId={e}", word, b).then().body("items.id", contains(inKenya.toString()));
        as(null).get("/api/v1/pledges?q={q}&stakeholderType=GOVERNMENT&sdg=4", word).then().body("totalItems", is(2));
        as(null).get("/api/v1/pledges?q={q}&sort=title,asc&size=1", word).then()
                .body("items.id", contains(inKenya.toString())).body("totalPages", is(2));
        as(null).get("/api/v1/pledges?pillar=TELEPATHY").then().statusCode(400).body("violations[0].field", is("pillar"));
        as(null).get("/api/v1/pledges?country=kh").then().statusCode(400).body("violations[0].field", is("country"));
        // Typed parameters a caller cannot have meant: a 400 naming the parameter, never a bare 404.
        as(null).get("/api/v1/pledges?page=x").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", is("page")).body("violations[0].message", is("must be a whole number"));
        as(null).get("/api/v1/pledges?sdg=4&sdg=four").then().statusCode(400).body("violations[0].field", is("sdg"));
        as(null).get("/api/v1/pledges?minUsd=lots").then().statusCode(400).body("violations[0].field", is("minUsd"));
        as(null).get("/api/v1/pledges?pledgerEntityId=nobody").then().statusCode(400)
                .body("violations[0].field", is("pledgerEntityId")).body("violations[0].message", is("must be a UUID"));
        as(null).get("/api/v1/pledges?ldc=yes").then().statusCode(400).body("violations[0].field", is("ldc"));
    }

    @Test
    void theTargetsCatalogueIsPublicAndTheSecretariatExtendsIt() {
        as(null).get("/api/v1/p2c-targets").then().statusCode(200)
                .body("code", hasItems("ACC-INTERNET-USE", "ADO-DIGITAL-SKILLS-MINIMUM", "ACL-UNCONNECTED-MSMES-HALVED"))
                .body("find { it.code == 'ACC-AFFORDABILITY' }.targetYear", is(2025));
        String code = "ACC-TEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var target = Map.of("code", code, "focusArea", "ACCESS", "targetYear", 2030, "description", "Community networks");
        as(memberOfA).body(target).post("/api/v1/p2c-targets").then().statusCode(403);
        as(SECRETARIAT).body(target).post("/api/v1/p2c-targets").then().statusCode(201).body("source", is("SECRETARIAT"));
        as(SECRETARIAT).body(target).post("/api/v1/p2c-targets").then().statusCode(409);
        as(SECRETARIAT).body(Map.of("code", "lower case", "focusArea", "ACCESS", "targetYear", 2030, "description", "x"))
                .post("/api/v1/p2c-targets").then().statusCode(400).body("violations[0].field", is("code"));
        // The new code is usable at once.
        Map<String, Object> c = content();
        c.put("targets", List.of(code));
        as(memberOfA).body(Map.of("pledgerEntityId", a, "content", c)).post("/api/v1/pledges").then().statusCode(201)
                .body("targets", contains(code));
    }

    @Test
    void openDataHasEveryValidatedPledgeAndNothingElseAsCsvAndJson() throws Exception {
        Map<String, Object> quoted = content();
        quoted.put("title", "Schools, \"smart\" classrooms");
        quoted.put("description", "=HYPERLINK(\"http://evil.example/\",\"details\")");
        UUID validatedOne = validated(memberOfA, a, quoted);
        UUID draftOnly = draft(memberOfA, a);

        String csv = as(null).get("/api/v1/open-data/pledges.csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", OpenDataResource.COLUMNS));
        String line = lines.stream().filter(l -> l.startsWith(validatedOne.toString())).findFirst().orElseThrow();
        assertThat(line).contains("\"Schools, \"\"smart\"\" classrooms\"", "FINANCIAL;PROGRAMMATIC", "KHM;LAO");
        // What a pledger typed as a formula opens as text in a spreadsheet.
        assertThat(line).contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"details\"\")\"")
                .doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
        assertThat(csv).doesNotContain(draftOnly.toString());

        JsonNode all = json.readTree(as(null).get("/api/v1/open-data/pledges.json").then().statusCode(200).extract().asString());
        List<String> ids = new ArrayList<>();
        all.forEach(p -> ids.add(p.get("id").asText()));
        assertThat(ids).contains(validatedOne.toString()).doesNotContain(draftOnly.toString());
        assertThat(ids).hasSize(lines.size() - 1);
    }

    // --- the world ---------------------------------------------------------------------------------

    private List<JsonNode> eventsOf(UUID pledge, int expected) throws Exception {
        return PledgeWorld.eventsOf(kafka, pledgesTopic, json, pledge, expected);
    }
}
