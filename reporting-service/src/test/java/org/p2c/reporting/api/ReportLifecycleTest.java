package org.p2c.reporting.api;

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

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.p2c.reporting.api.ReportWorld.as;
import static org.p2c.reporting.api.ReportWorld.content;
import static org.p2c.reporting.api.ReportWorld.draft;
import static org.p2c.reporting.api.ReportWorld.submitted;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Progress reports against real PostgreSQL and Kafka: who may report on which pledge, drafts and immutable
 * submitted reports, corrections that supersede, and what the public sees. Entities and pledges arrive as the
 * other services' events.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ReportLifecycleTest {

    static final String SECRETARIAT = person("secretariat-officer", "secretariat");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    @Inject
    EntityManager em;

    KafkaCompanion kafka;
    ReportWorld world;

    /** Entity A (a member, a partner client) with a validated pledge; entity B (a member) with a validated pledge. */
    UUID a;
    UUID b;
    UUID pledgeOfA;
    UUID pledgeOfB;
    String memberOfA;
    String memberOfB;
    String clientOfA;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        b = UUID.randomUUID();
        clientOfA = "partner-a-" + run;
        world.entity(a, "member-a-" + run, clientOfA, "GOVERNMENT");
        world.entity(b, "member-b-" + run, null, "PRIVATE_SECTOR");
        memberOfA = person("member-a-" + run, "pledger");
        memberOfB = person("member-b-" + run, "pledger");
        pledgeOfA = world.pledge(a, "VALIDATED", 3, List.of("KHM"));
        pledgeOfB = world.pledge(b, "VALIDATED", 3, List.of("KEN"));
        ReportWorld.awaitEntities(a, b);
        ReportWorld.awaitPledge(pledgeOfA, 3);
        ReportWorld.awaitPledge(pledgeOfB, 3);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aDraftIsEditedWithItsVersionThenSubmittedAndNeverChangesAgain() {
        var created = as(memberOfA).body(Map.of("pledgeId", pledgeOfA, "content", content())).post("/api/v1/reports")
                .then().statusCode(201).header("Location", containsString("/api/v1/reports/"))
                .body("status", is("DRAFT"))
                .body("pledgeReference", notNullValue())
                // Every field of the domain, the amount disbursed normalised to USD with the reference rates.
                .body("amountDisbursed.currency", is("EUR"))
                .body("amountDisbursed.amount", is("1200000.00"))
                .body("amountDisbursed.usd", notNullValue())
                .body("amountDisbursed.rateSource", containsString("reference rates"))
                .body("peopleReached", is(120000))
                .body("challenges.category", contains("NATURAL_DISASTERS", "ADMINISTRATIVE"))
                .body("solutions.category", contains("PARTNERSHIPS", "FUNDING"))
                .body("revisedEndDate", is("2027-06-30"))
                .body("evidenceLinks", contains("https://example.org/annual-report-2024.pdf"))
                .body("resultIndicators[0].target", is("1000"))
                .extract();
        UUID id = UUID.fromString(created.path("id"));
        String etag = created.header("ETag");

        Map<String, Object> edited = content();
        edited.put("percentComplete", 45);
        as(memberOfA).body(edited).put("/api/v1/reports/{id}", id).then().statusCode(428);
        as(memberOfA).header("If-Match", etag).body(edited).put("/api/v1/reports/{id}", id).then().statusCode(200)
                .body("percentComplete", is(45));
        as(memberOfA).header("If-Match", etag).body(edited).put("/api/v1/reports/{id}", id).then().statusCode(412);
        // The partner client of the entity acts for it too.
        String current = as(partner(clientOfA)).get("/api/v1/reports/{id}", id).then().statusCode(200).extract().header("ETag");

        as(partner(clientOfA)).post("/api/v1/reports/{id}/submission", id).then().statusCode(200)
                .body("status", is("SUBMITTED")).body("submittedAt", notNullValue())
                .body("submittedBy", is("client:" + clientOfA));
        String afterSubmission = as(memberOfA).get("/api/v1/reports/{id}", id).then().extract().header("ETag");

        // Immutable: no edit, no second submission, no deletion, whatever the version named.
        as(memberOfA).header("If-Match", afterSubmission).body(content()).put("/api/v1/reports/{id}", id).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("supersedes"));
        as(memberOfA).post("/api/v1/reports/{id}/submission", id).then().statusCode(409);
        as(memberOfA).header("If-Match", afterSubmission).delete("/api/v1/reports/{id}", id).then().statusCode(409);
        as(memberOfA).get("/api/v1/reports/{id}", id).then().statusCode(200).body("percentComplete", is(45))
                .body("version", is(Integer.parseInt(afterSubmission.replace("\"", ""))));
        assertThat(afterSubmission).as("submission moves the version").isNotEqualTo(current);
        // The database refuses it too, whatever the code path.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update progress_report set percent_complete = 99 where id = ?1").setParameter(1, id).executeUpdate()))
                .hasStackTraceContaining("immutable");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "delete from progress_report where id = ?1").setParameter(1, id).executeUpdate()))
                .hasStackTraceContaining("never deleted");
    }

    @Test
    void reportsAreTakenOnlyOnTheCallersValidatedPledges() throws Exception {
        UUID draftPledge = world.pledge(a, "DRAFT", 1, List.of("KHM"));
        UUID submittedPledge = world.pledge(a, "SUBMITTED", 2, List.of("KHM"));
        UUID withdrawnPledge = world.pledge(a, "WITHDRAWN", 5, List.of("KHM"));
        UUID foreignDraft = world.pledge(b, "DRAFT", 1, List.of("KEN"));
        ReportWorld.awaitPledge(draftPledge, 1);
        ReportWorld.awaitPledge(submittedPledge, 2);
        ReportWorld.awaitPledge(withdrawnPledge, 5);
        ReportWorld.awaitPledge(foreignDraft, 1);

        newReport(memberOfA, draftPledge).statusCode(409).body("detail", containsString("validated"));
        newReport(memberOfA, submittedPledge).statusCode(409).body("detail", containsString("SUBMITTED"));
        newReport(memberOfA, withdrawnPledge).statusCode(409).body("detail", containsString("withdrawn"));
        // Another entity's pledge, validated and public or not, is absent for reporting; so for the Secretariat.
        newReport(memberOfA, pledgeOfB).statusCode(404).contentType("application/problem+json");
        newReport(memberOfA, foreignDraft).statusCode(404);
        newReport(partner(clientOfA), pledgeOfB).statusCode(404);
        newReport(SECRETARIAT, pledgeOfA).statusCode(404);
        newReport(null, pledgeOfA).statusCode(401);
        // A pledge this service never hears of: after a bounded wait for its view, a 422 naming the field.
        newReport(memberOfA, UUID.randomUUID()).statusCode(422).header("Retry-After", nullValue())
                .body("type", containsString("unknown-reference")).body("violations.field", contains("pledgeId"));

        // A draft on a pledge withdrawn in the meantime cannot be submitted.
        UUID laterWithdrawn = world.pledge(a, "VALIDATED", 3, List.of("KHM"));
        ReportWorld.awaitPledge(laterWithdrawn, 3);
        UUID pending = draft(memberOfA, laterWithdrawn, content());
        world.pledge(laterWithdrawn, a, "WITHDRAWN", 4, List.of("KHM"), ReportWorld.VALIDATED_AT);
        ReportWorld.awaitPledge(laterWithdrawn, 4);
        as(memberOfA).post("/api/v1/reports/{id}/submission", pending).then().statusCode(409)
                .body("detail", containsString("withdrawn"));

        // Someone else's draft is absent; the Secretariat sees submitted reports but writes none.
        UUID draftOfA = draft(memberOfA, pledgeOfA, content());
        as(memberOfB).get("/api/v1/reports/{id}", draftOfA).then().statusCode(404);
        as(memberOfB).post("/api/v1/reports/{id}/submission", draftOfA).then().statusCode(404);
        as(SECRETARIAT).get("/api/v1/reports/{id}", draftOfA).then().statusCode(404);
        UUID submittedOfA = submitted(memberOfA, pledgeOfA, content());
        as(SECRETARIAT).get("/api/v1/reports/{id}", submittedOfA).then().statusCode(200).body("view", is("FULL"));
        as(SECRETARIAT).post("/api/v1/reports/{id}/submission", submittedOfA).then().statusCode(403);
        as(memberOfB).post("/api/v1/reports/{id}/submission", submittedOfA).then().statusCode(404);
    }

    @Test
    void aCorrectionSupersedesTheSubmittedReportAndBothStayInTheHistory() {
        UUID first = submitted(memberOfA, pledgeOfA, content());
        Map<String, Object> corrected = content();
        corrected.put("peopleReached", 98000);
        UUID correction = UUID.fromString(as(memberOfA)
                .body(Map.of("pledgeId", pledgeOfA, "supersedes", first, "content", corrected))
                .post("/api/v1/reports").then().statusCode(201).body("supersedes", is(first.toString()))
                .extract().path("id"));
        // Until the correction is submitted, the first report stands.
        as(memberOfA).get("/api/v1/reports/{id}", first).then().body("status", is("SUBMITTED"));

        as(memberOfA).post("/api/v1/reports/{id}/submission", correction).then().statusCode(200);
        as(memberOfA).get("/api/v1/reports/{id}", first).then().statusCode(200)
                .body("status", is("SUPERSEDED")).body("supersededBy", is(correction.toString()))
                .body("peopleReached", is(120000));

        as(memberOfA).get("/api/v1/reports?pledgeId={p}", pledgeOfA).then().statusCode(200)
                .body("items.id", containsInAnyOrder(first.toString(), correction.toString()));
        as(SECRETARIAT).get("/api/v1/reports?pledgeId={p}", pledgeOfA).then().statusCode(200)
                .body("items.id", containsInAnyOrder(first.toString(), correction.toString()));
        // The public sees the current report only; the pledge may be named by its reference.
        as(null).get("/api/v1/reports?pledgeId={p}", pledgeOfA).then().statusCode(200)
                .body("items.id", contains(correction.toString())).body("totalItems", is(1));
        as(null).get("/api/v1/reports?pledgeId={p}", ReportWorld.referenceOf(pledgeOfA)).then().statusCode(200)
                .body("items.id", contains(correction.toString()))
                .body("items[0].pledgeReference", is(ReportWorld.referenceOf(pledgeOfA)));
        as(null).get("/api/v1/reports?pledgeId=P2C-1999-00000").then().statusCode(404);
        as(null).get("/api/v1/reports/{id}", first).then().statusCode(404);

        // A superseded report is corrected once; correct the correction instead. A draft is edited, not corrected.
        newCorrection(first, pledgeOfA).statusCode(409).body("detail", containsString(correction.toString()));
        UUID draftOnly = draft(memberOfA, pledgeOfA, content());
        newCorrection(draftOnly, pledgeOfA).statusCode(409);
        UUID otherPledge = UUID.randomUUID();
        world.pledge(otherPledge, a, "VALIDATED", 3, List.of("KHM"), ReportWorld.VALIDATED_AT);
        try {
            ReportWorld.awaitPledge(otherPledge, 3);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        newCorrection(correction, otherPledge).statusCode(422).body("violations.field", contains("supersedes"));

        // Two drafts correcting the same report: the second to be submitted finds it already corrected.
        UUID racer1 = UUID.fromString(newCorrection(correction, pledgeOfA).statusCode(201).extract().path("id"));
        UUID racer2 = UUID.fromString(newCorrection(correction, pledgeOfA).statusCode(201).extract().path("id"));
        as(memberOfA).post("/api/v1/reports/{id}/submission", racer1).then().statusCode(200);
        as(memberOfA).post("/api/v1/reports/{id}/submission", racer2).then().statusCode(409);
        as(memberOfA).get("/api/v1/reports/{id}", racer2).then().body("status", is("DRAFT"));
    }

    @Test
    void thePublicSeesThePublishedPartOfSubmittedReportsOnly() {
        UUID id = submitted(memberOfA, pledgeOfA, content());
        UUID draftOnly = draft(memberOfA, pledgeOfA, content());

        for (String outsider : new String[] {null, memberOfB}) {
            as(outsider).get("/api/v1/reports/{id}", id).then().statusCode(200)
                    .body("view", is("PUBLISHED"))
                    .body("asOfDate", is("2024-12-31"))
                    .body("completionStatus", is("IN_PROGRESS"))
                    .body("percentComplete", is(40))
                    .body("achievements", containsString("420 of 1,000 schools"))
                    .body("challengeCategories", contains("NATURAL_DISASTERS", "ADMINISTRATIVE"))
                    .body("solutionCategories", contains("PARTNERSHIPS", "FUNDING"))
                    // The pledger's own account, money, people, evidence and indicators stay private.
                    .body("$", not(hasKey("challenges")))
                    .body("$", not(hasKey("solutions")))
                    .body("$", not(hasKey("amountDisbursed")))
                    .body("$", not(hasKey("peopleReached")))
                    .body("$", not(hasKey("evidenceLinks")))
                    .body("$", not(hasKey("resultIndicators")))
                    .body("$", not(hasKey("revisedEndDate")))
                    .body("$", not(hasKey("periodStart")))
                    .body("$", not(hasKey("submittedBy")))
                    .header("ETag", nullValue());
            as(outsider).get("/api/v1/reports/{id}", draftOnly).then().statusCode(404);
        }
        as(null).get("/api/v1/reports?pledgeId={p}", pledgeOfA).then().statusCode(200)
                .body("items.id", contains(id.toString())).body("items[0].view", is("PUBLISHED"))
                .body("items[0]", not(hasKey("challenges")));
        as(memberOfA).get("/api/v1/reports?pledgeId={p}", pledgeOfA).then().statusCode(200)
                .body("items.id", hasItems(id.toString(), draftOnly.toString())).body("items[0].view", is("FULL"));
        as(SECRETARIAT).get("/api/v1/reports/{id}", id).then().statusCode(200)
                .body("challenges[0].text", containsString("Floods")).body("amountDisbursed.usd", notNullValue());

        // A withdrawn pledge is no longer public, nor are its reports.
        world.pledge(pledgeOfA, a, "WITHDRAWN", 4, List.of("KHM"), ReportWorld.VALIDATED_AT);
        try {
            ReportWorld.awaitPledge(pledgeOfA, 4);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        as(null).get("/api/v1/reports/{id}", id).then().statusCode(404);
        as(null).get("/api/v1/reports?pledgeId={p}", pledgeOfA).then().statusCode(404);
        as(memberOfA).get("/api/v1/reports/{id}", id).then().statusCode(200).body("view", is("FULL"));
        as(SECRETARIAT).get("/api/v1/reports?pledgeId={p}", pledgeOfA).then().statusCode(200)
                .body("items.id", contains(id.toString()));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        Map<String, Object> c = content();
        c.put("evidenceLinks", List.of("https://example.org/ok", "http://example.org/plain", "javascript:alert(1)"));
        c.put("periodStart", "2025-01-01");
        c.put("percentComplete", 101);
        rejected(c).statusCode(400)
                .body("violations.field", hasItems("content.evidenceLinks[1]", "content.evidenceLinks[2]",
                        "content.percentComplete"));
        Map<String, Object> reversed = content();
        reversed.put("periodStart", "2025-01-01");
        reversed.put("asOfDate", "2999-01-01");
        rejected(reversed).statusCode(400).body("violations.field", hasItems("content.periodEnd", "content.asOfDate"));
        Map<String, Object> inconsistent = content();
        inconsistent.put("completionStatus", "COMPLETED");
        inconsistent.put("challenges", List.of(Map.of("category", "FINANCIAL", "text", "a"),
                Map.of("category", "FINANCIAL", "text", "b")));
        rejected(inconsistent).statusCode(400)
                .body("violations.field", hasItems("content.percentComplete", "content.challenges[1].category"));
        Map<String, Object> unknownCategory = content();
        unknownCategory.put("solutions", List.of(Map.of("category", "PRAYER", "text", "x")));
        rejected(unknownCategory).statusCode(400).body("violations.field", hasItem("content.solutions[0].category"));
        Map<String, Object> noText = content();
        noText.put("challenges", List.of(Map.of("category", "SECURITY", "text", " ")));
        rejected(noText).statusCode(400).body("violations.field", hasItem("content.challenges[0].text"));

        // The amount disbursed follows the pledges' rule: no reference rate, no USD figure, a 422 naming the field.
        Map<String, Object> unknownCurrency = content();
        unknownCurrency.put("amountDisbursed", Map.of("amount", "10.00", "currency", "XYZ", "valueDate", "2024-12-31"));
        rejected(unknownCurrency).statusCode(422).body("violations.field", contains("content.amountDisbursed.currency"));
        Map<String, Object> tooOld = content();
        tooOld.put("amountDisbursed", Map.of("amount", "10.00", "currency", "EUR", "valueDate", "1990-01-01"));
        rejected(tooOld).statusCode(422).body("violations.field", contains("content.amountDisbursed.valueDate"));
        Map<String, Object> negative = content();
        negative.put("amountDisbursed", Map.of("amount", "-1", "currency", "EUR", "valueDate", "2024-12-31"));
        negative.put("peopleReached", -5);
        rejected(negative).statusCode(400)
                .body("violations.field", hasItems("content.amountDisbursed.amount", "content.peopleReached"));
        Map<String, Object> moreThanTheWorld = content();
        moreThanTheWorld.put("peopleReached", ReportRequests.MAX_PEOPLE_REACHED + 1);
        rejected(moreThanTheWorld).statusCode(400).body("violations.field", contains("content.peopleReached"));

        as(memberOfA).body(Map.of("content", content())).post("/api/v1/reports").then().statusCode(400)
                .body("violations.field", contains("pledgeId"));
        as(memberOfA).body("{\"pledgeId\": ").post("/api/v1/reports").then().statusCode(400)
                .contentType("application/problem+json");
        as(null).get("/api/v1/reports?pledgeId=not-an-id").then().statusCode(400)
                .body("violations.field", contains("pledgeId"));
        as(null).get("/api/v1/reports").then().statusCode(400).body("violations.field", contains("pledgeId"));

        // A draft may be sketchy; submitting it needs the period, the percentage and the achievements.
        Map<String, Object> sketch = Map.of("asOfDate", "2024-12-31", "completionStatus", "PLANNING_PHASE");
        UUID id = draft(memberOfA, pledgeOfA, sketch);
        // The submission has no body: the fields are the report's own, as a GET shows them.
        as(memberOfA).post("/api/v1/reports/{id}/submission", id).then().statusCode(422)
                .body("violations.field", containsInAnyOrder("periodStart", "periodEnd", "percentComplete", "achievements"));
        // A PUT's body is the content itself: every rule names its fields from there, as bean validation does.
        Map<String, Object> badEdit = new java.util.HashMap<>(sketch);
        badEdit.put("evidenceLinks", List.of("http://example.org/plain"));
        badEdit.put("challenges", List.of(Map.of("category", "SECURITY", "text", " ")));
        badEdit.put("amountDisbursed", Map.of("amount", "10.00", "currency", "EUR", "valueDate", "2024-12-31"));
        String etag = as(memberOfA).get("/api/v1/reports/{id}", id).then().extract().header("ETag");
        as(memberOfA).header("If-Match", etag).body(badEdit).put("/api/v1/reports/{id}", id).then().statusCode(400)
                .body("violations.field", hasItems("challenges[0].text"));
        badEdit.put("challenges", List.of());
        as(memberOfA).header("If-Match", etag).body(badEdit).put("/api/v1/reports/{id}", id).then().statusCode(400)
                .body("violations.field", contains("evidenceLinks[0]"));
        badEdit.put("evidenceLinks", List.of());
        badEdit.put("amountDisbursed", Map.of("amount", "10.00", "currency", "XYZ", "valueDate", "2024-12-31"));
        as(memberOfA).header("If-Match", etag).body(badEdit).put("/api/v1/reports/{id}", id).then().statusCode(422)
                .body("violations.field", contains("amountDisbursed.currency"));
    }

    @Test
    void theLargestAmountInACurrencyWorthMoreThanTheDollarIsKept() {
        Map<String, Object> c = content();
        c.put("amountDisbursed", Map.of("amount", "999999999999999.99", "currency", "GBP", "valueDate", "2024-12-31"));
        String usd = as(memberOfA).body(Map.of("pledgeId", pledgeOfA, "content", c)).post("/api/v1/reports").then()
                .statusCode(201).body("amountDisbursed.amount", is("999999999999999.99")).extract().path("amountDisbursed.usd");
        assertThat(new java.math.BigDecimal(usd)).isGreaterThan(new java.math.BigDecimal("999999999999999.99"));
    }

    @Test
    void aDraftIsDiscardedWithItsVersion() {
        var created = as(memberOfA).body(Map.of("pledgeId", pledgeOfA, "content", content())).post("/api/v1/reports")
                .then().statusCode(201).extract();
        UUID id = UUID.fromString(created.path("id"));
        as(memberOfA).delete("/api/v1/reports/{id}", id).then().statusCode(428);
        as(memberOfB).header("If-Match", created.header("ETag")).delete("/api/v1/reports/{id}", id).then().statusCode(404);
        as(memberOfA).header("If-Match", created.header("ETag")).delete("/api/v1/reports/{id}", id).then().statusCode(204);
        as(memberOfA).get("/api/v1/reports/{id}", id).then().statusCode(404);
    }

    private io.restassured.response.ValidatableResponse newReport(String token, UUID pledge) {
        return as(token).body(Map.of("pledgeId", pledge, "content", content())).post("/api/v1/reports").then();
    }

    private io.restassured.response.ValidatableResponse newCorrection(UUID supersedes, UUID pledge) {
        return as(memberOfA).body(Map.of("pledgeId", pledge, "supersedes", supersedes, "content", content()))
                .post("/api/v1/reports").then();
    }

    private io.restassured.response.ValidatableResponse rejected(Map<String, Object> content) {
        return as(memberOfA).body(Map.of("pledgeId", pledgeOfA, "content", content)).post("/api/v1/reports").then()
                .contentType("application/problem+json");
    }
}
