package org.p2c.pledge.api;

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
import org.p2c.pledge.domain.Pledge;

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
import static org.hamcrest.Matchers.matchesPattern;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;
import static org.p2c.pledge.api.PledgeWorld.draft;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/** Partner systems push pledges in bulk: per-item results, and Idempotency-Key semantics. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class PartnerPushTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @Inject
    EntityManager em;

    KafkaCompanion kafka;
    UUID a;
    UUID b;
    String clientOfA;
    String memberOfB;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        PledgeWorld world = new PledgeWorld(kafka, entitiesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        b = UUID.randomUUID();
        clientOfA = "partner-a-" + run;
        world.entity(a, "VERIFIED", "member-a-" + run, clientOfA);
        world.entity(b, "VERIFIED", "member-b-" + run, null);
        memberOfB = person("member-b-" + run, "pledger");
        PledgeWorld.awaitKnown(a, b);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void oneBadItemNeverSinksTheBatch() {
        Map<String, Object> bad = content();
        bad.put("title", "");
        bad.put("countries", List.of("KHM", "kh"));
        UUID foreign = draft(memberOfB, b);
        var batch = Map.of("items", List.of(
                Map.of("content", content(), "submit", true),
                Map.of("content", bad),
                Map.of("pledgeId", foreign, "version", 0, "content", content()),
                Map.of("content", content())));

        push(clientOfA, "key-" + UUID.randomUUID(), batch).statusCode(200)
                .body("created", is(2)).body("failed", is(2))
                .body("results.outcome", contains("CREATED", "FAILED", "FAILED", "CREATED"))
                .body("results[0].status", is("SUBMITTED"))
                .body("results[0].reference", matchesPattern("P2C-\\d{4}-\\d{5}"))
                .body("results[1].problem.violations.field", contains("content.countries[1]", "content.title"))
                // Another entity's pledge is as absent for the partner as for anyone.
                .body("results[2].problem.status", is(404));
        assertThat(pledgesOf(a)).isEqualTo(2);
    }

    @Test
    void anItemsProblemNamesItsFieldsFromTheItemsRootWhicheverRuleFoundThem() {
        UUID mine = UUID.fromString(push(clientOfA, "key-" + UUID.randomUUID(), Map.of("items", List.of(Map.of("content", content()))))
                .statusCode(200).extract().path("results[0].pledgeId"));
        Map<String, Object> unknownPlaces = content();
        unknownPlaces.put("countries", List.of("KHM", "XXX"));
        unknownPlaces.put("endDate", "2020-01-01");
        Map<String, Object> mongolian = content();
        mongolian.put("financialValue", Map.of("amount", "10.00", "currency", "MNT", "valueDate", "2024-07-06"));
        Map<String, Object> incomplete = content();
        incomplete.remove("expectedImpact");

        push(clientOfA, "key-" + UUID.randomUUID(), Map.of("items", List.of(
                Map.of("content", unknownPlaces),
                Map.of("pledgeId", mine, "version", 0, "content", unknownPlaces),
                Map.of("pledgeId", mine, "version", 0, "content", mongolian),
                Map.of("content", incomplete, "submit", true))))
                .statusCode(200)
                .body("results.outcome", contains("FAILED", "FAILED", "FAILED", "FAILED"))
                .body("results[0].problem.violations.field", contains("content.countries[1]", "content.endDate"))
                .body("results[1].problem.violations.field", contains("content.countries[1]", "content.endDate"))
                .body("results[2].problem.status", is(422))
                .body("results[2].problem.violations.field", contains("content.financialValue.currency"))
                .body("results[3].problem.status", is(422))
                .body("results[3].problem.violations.field", contains("content.expectedImpact"));
        assertThat(pledgesOf(a)).isEqualTo(1);
    }

    @Test
    void anEditNeedsTheCurrentVersion() {
        String key = "key-" + UUID.randomUUID();
        UUID id = UUID.fromString(push(clientOfA, key, Map.of("items", List.of(Map.of("content", content()))))
                .statusCode(200).extract().path("results[0].pledgeId"));
        Map<String, Object> edited = content();
        edited.put("title", "Edited by the partner");
        push(clientOfA, "key-" + UUID.randomUUID(), Map.of("items", List.of(
                Map.of("pledgeId", id, "version", 0, "content", edited),
                Map.of("pledgeId", id, "version", 0, "content", edited),
                Map.of("pledgeId", id, "content", edited))))
                .body("results.outcome", contains("UPDATED", "FAILED", "FAILED"))
                .body("results[1].problem.status", is(412))
                .body("results[2].problem.status", is(428));
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndCreatesNothingTwice() {
        String key = "key-" + UUID.randomUUID();
        var batch = Map.of("items", List.of(Map.of("content", content()), Map.of("content", content())));
        List<String> first = push(clientOfA, key, batch).statusCode(200).extract().path("results.pledgeId");
        List<String> again = push(clientOfA, key, batch).statusCode(200).extract().path("results.pledgeId");
        assertThat(again).isEqualTo(first);
        assertThat(pledgesOf(a)).isEqualTo(2);

        Map<String, Object> other = new HashMap<>(content());
        other.put("title", "Something else");
        push(clientOfA, key, Map.of("items", List.of(Map.of("content", other)))).statusCode(422)
                .contentType("application/problem+json");
        assertThat(pledgesOf(a)).isEqualTo(2);
    }

    @Test
    void aDuplicateWhileTheFirstIsStillInFlightIsAConflictToRetry() {
        String key = "key-" + UUID.randomUUID();
        var batch = Map.of("items", List.of(Map.of("content", content())));
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
        assertThat(pledgesOf(a)).isEqualTo(1);
    }

    @Test
    void theBatchIsForPartnerSystemsWithAKeyAndAtMost500Items() {
        var one = Map.of("items", List.of(Map.of("content", content())));
        push(memberOfB, "key-" + UUID.randomUUID(), one).statusCode(403);
        push(partner("unbound-client"), "key-" + UUID.randomUUID(), one).statusCode(403);
        as(partner(clientOfA)).body(one).post("/api/v1/pledges/batch").then().statusCode(400)
                .body("violations[0].field", is("Idempotency-Key"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("content", content()));
        }
        push(clientOfA, "key-" + UUID.randomUUID(), Map.of("items", tooMany)).statusCode(400)
                .body("violations[0].field", is("items"));
    }

    private static ValidatableResponse push(String clientIdOrToken, String key, Object body) {
        String token = clientIdOrToken.startsWith("ey") ? clientIdOrToken : partner(clientIdOrToken);
        return as(token).header("Idempotency-Key", key).body(body).post("/api/v1/pledges/batch").then();
    }

    private long pledgesOf(UUID entity) {
        return QuarkusTransaction.requiringNew().call(() -> Pledge.count("pledgerEntityId", entity));
    }
}
