package org.p2c.reporting.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.reporting.domain.ProgressReport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.p2c.reporting.api.ReportWorld.as;
import static org.p2c.reporting.api.ReportWorld.content;
import static org.p2c.reporting.api.ReportWorld.submitted;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/** Partner systems push progress reports in bulk: per-item results, and Idempotency-Key semantics. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ReportPushTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    @Inject
    EntityManager em;

    KafkaCompanion kafka;
    UUID a;
    UUID b;
    UUID validatedOfA;
    UUID submittedOfA;
    UUID validatedOfB;
    String clientOfA;
    String memberOfA;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        ReportWorld world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        b = UUID.randomUUID();
        clientOfA = "partner-a-" + run;
        world.entity(a, "member-a-" + run, clientOfA, "PRIVATE_SECTOR");
        world.entity(b, "member-b-" + run, null, "GOVERNMENT");
        memberOfA = person("member-a-" + run, "pledger");
        validatedOfA = world.pledge(a, "VALIDATED", 3, List.of("SEN"));
        submittedOfA = world.pledge(a, "SUBMITTED", 2, List.of("SEN"));
        validatedOfB = world.pledge(b, "VALIDATED", 3, List.of("KEN"));
        ReportWorld.awaitEntities(a, b);
        ReportWorld.awaitPledge(validatedOfA, 3);
        ReportWorld.awaitPledge(submittedOfA, 2);
        ReportWorld.awaitPledge(validatedOfB, 3);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void eachItemSucceedsOrFailsOnItsOwn() {
        Map<String, Object> bad = content();
        bad.put("evidenceLinks", List.of("ftp://example.org/report"));
        Map<String, Object> incomplete = new HashMap<>(content());
        incomplete.remove("achievements");
        UUID earlier = submitted(partner(clientOfA), validatedOfA, content());
        var batch = Map.of("items", List.of(
                item(validatedOfA, content(), true),
                item(validatedOfA, bad, false),
                item(validatedOfB, content(), false),
                item(submittedOfA, content(), false),
                item(validatedOfA, incomplete, true),
                Map.of("pledgeId", validatedOfA, "supersedes", earlier, "submit", true, "content", content()),
                item(validatedOfA, content(), false)));

        push(clientOfA, "key-" + UUID.randomUUID(), batch).statusCode(200)
                .body("created", is(3)).body("failed", is(4))
                .body("results.outcome", contains("CREATED", "FAILED", "FAILED", "FAILED", "FAILED", "CREATED", "CREATED"))
                .body("results[0].status", is("SUBMITTED"))
                .body("results[1].problem.violations.field", hasItem("content.evidenceLinks[0]"))
                // Another entity's pledge is as absent for the partner as for anyone.
                .body("results[2].problem.status", is(404))
                .body("results[3].problem.status", is(409))
                // Saved and submitted in one transaction: an item that cannot be submitted leaves nothing behind.
                .body("results[4].problem.status", is(422))
                .body("results[5].status", is("SUBMITTED"))
                .body("results[6].status", is("DRAFT"));
        // The earlier report plus the three created ones; the superseded one stays in the history.
        assertThat(reportsOf(validatedOfA)).isEqualTo(4);
        as(memberOfA).get("/api/v1/reports/{id}", earlier).then().body("status", is("SUPERSEDED"));
    }

    @Test
    void anEditNeedsTheCurrentVersionOfADraft() {
        UUID id = UUID.fromString(push(clientOfA, "key-" + UUID.randomUUID(),
                Map.of("items", List.of(item(validatedOfA, content(), false))))
                .statusCode(200).extract().path("results[0].reportId"));
        Map<String, Object> edited = content();
        edited.put("percentComplete", 55);
        push(clientOfA, "key-" + UUID.randomUUID(), Map.of("items", List.of(
                Map.of("reportId", id, "version", 0, "content", edited, "submit", true),
                Map.of("reportId", id, "version", 0, "content", edited),
                Map.of("reportId", id, "content", edited))))
                .body("results.outcome", contains("UPDATED", "FAILED", "FAILED"))
                .body("results[0].status", is("SUBMITTED"))
                // The draft was submitted by the first item: immutable now, whatever the version.
                .body("results[1].problem.status", is(409))
                .body("results[2].problem.status", is(428));
        as(memberOfA).get("/api/v1/reports/{id}", id).then().body("percentComplete", is(55));
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndCreatesNothingTwice() {
        String key = "key-" + UUID.randomUUID();
        var batch = Map.of("items", List.of(item(validatedOfA, content(), true), item(validatedOfB, content(), true)));
        String first = push(clientOfA, key, batch).statusCode(200).extract().asString();
        String again = push(clientOfA, key, batch).statusCode(200).extract().asString();
        assertThat(again).isEqualTo(first);
        assertThat(reportsOf(validatedOfA)).isEqualTo(1);

        Map<String, Object> other = content();
        other.put("percentComplete", 60);
        push(clientOfA, key, Map.of("items", List.of(item(validatedOfA, other, true)))).statusCode(422)
                .contentType("application/problem+json");
        assertThat(reportsOf(validatedOfA)).isEqualTo(1);
    }

    @Test
    void aDuplicateWhileTheFirstIsStillInFlightIsAConflictToRetry() {
        String key = "key-" + UUID.randomUUID();
        var batch = Map.of("items", List.of(item(validatedOfA, content(), false)));
        push(clientOfA, key, batch).statusCode(200);
        // Put the key back to where it was while the first request ran: in flight, its lease 20 seconds from over.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update idempotency_record set state = 'IN_FLIGHT', status = null, body = null,
                        lease_until = now() + interval '20 seconds' where key = ?1""")
                .setParameter(1, key).executeUpdate());
        String retryAfter = push(clientOfA, key, batch).statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-in-flight")).extract().header("Retry-After");
        // Retry-After: the seconds the lease has left.
        assertThat(Integer.parseInt(retryAfter)).isBetween(15, 20);
        assertThat(reportsOf(validatedOfA)).isEqualTo(1);
    }

    @Test
    void theBatchIsForBoundPartnerSystemsWithAKeyAndAtMost500Items() {
        var one = Map.of("items", List.of(item(validatedOfA, content(), false)));
        push(memberOfA, "key-" + UUID.randomUUID(), one).statusCode(403);
        push(partner("unbound-client"), "key-" + UUID.randomUUID(), one).statusCode(403);
        as(partner(clientOfA)).body(one).post("/api/v1/reports/batch").then().statusCode(400)
                .body("violations[0].field", is("Idempotency-Key"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(item(validatedOfA, content(), false));
        }
        push(clientOfA, "key-" + UUID.randomUUID(), Map.of("items", tooMany)).statusCode(400)
                .body("violations[0].field", is("items"));
        push(clientOfA, "key-" + UUID.randomUUID(), Map.of("items", List.of(Map.of("content", content())))).statusCode(200)
                .body("results[0].problem.violations.field", contains("pledgeId"));
        assertThat(reportsOf(validatedOfA)).isZero();
    }

    private static Map<String, Object> item(UUID pledge, Map<String, Object> content, boolean submit) {
        return Map.of("pledgeId", pledge, "content", content, "submit", submit);
    }

    private static ValidatableResponse push(String clientIdOrToken, String key, Object body) {
        String token = clientIdOrToken.startsWith("ey") ? clientIdOrToken : partner(clientIdOrToken);
        return as(token).header("Idempotency-Key", key).body(body).post("/api/v1/reports/batch").then();
    }

    private long reportsOf(UUID pledge) {
        return QuarkusTransaction.requiringNew().call(() -> ProgressReport.count("pledgeId", pledge));
    }
}
