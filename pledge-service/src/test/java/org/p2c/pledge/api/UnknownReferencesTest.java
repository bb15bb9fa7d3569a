package org.p2c.pledge.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.p2c.pledge.api.PledgeWorld.SECRETARIAT;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;
import static org.p2c.pledge.api.PledgeWorld.draft;
import static org.p2c.support.testing.TestTokens.person;

/**
 * An entity that pledge-service's view does not know: one registered a moment ago is waited for (its event arrives
 * while the request waits, and the request succeeds); one that does not exist is a definite 422 naming the field
 * after a bounded wait — never a 503 to retry forever.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class UnknownReferencesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    KafkaCompanion kafka;
    PledgeWorld world;
    String run;
    UUID a;
    String memberOfA;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        world = new PledgeWorld(kafka, entitiesTopic);
        run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        world.entity(a, "VERIFIED", "member-a-" + run, null);
        memberOfA = person("member-a-" + run, "pledger");
        PledgeWorld.awaitKnown(a);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aPledgeForAnEntityThatDoesNotExistIsA422NamingPledgerEntityId() {
        as(memberOfA).body(Map.of("pledgerEntityId", UUID.randomUUID(), "content", content())).post("/api/v1/pledges")
                .then().statusCode(422).contentType("application/problem+json")
                .header("Retry-After", nullValue())
                .body("type", endsWith("/unknown-reference"))
                .body("violations.field", contains("pledgerEntityId"));
    }

    @Test
    void aPledgeForAnEntityRegisteredAMomentAgoWaitsForItsEventAndIsDrafted() throws Exception {
        UUID registered = UUID.randomUUID();
        String focalPoint = person("focal-" + run, "pledger");
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> as(focalPoint)
                .body(Map.of("pledgerEntityId", registered, "content", content())).post("/api/v1/pledges"));

        // The request is waiting for the view, not answered.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !answer.isDone());
        world.entity(registered, "PENDING_VERIFICATION", "focal-" + run, null);

        Response drafted = answer.get(30, TimeUnit.SECONDS);
        assertThat(drafted.statusCode()).as(drafted.asString()).isEqualTo(201);
        assertThat(drafted.<String>path("pledgerEntityId")).isEqualTo(registered.toString());
    }

    @Test
    void invitingAnEntityThatDoesNotExistIsA422NamingEntityId() {
        UUID pledge = draft(memberOfA, a);
        as(memberOfA).body(Map.of("entityId", UUID.randomUUID(), "role", "ENDORSE"))
                .post("/api/v1/pledges/{id}/collaborators", pledge)
                .then().statusCode(422).contentType("application/problem+json")
                .header("Retry-After", nullValue())
                .body("violations.field", contains("entityId"));
    }

    @Test
    void anImportItemOfAnEntityThatDoesNotExistFailsNamingItsFieldAndTheOthersAreImported() {
        String year = "2021-";
        int first = 10000 + (int) (Math.random() * 80000);
        List<Map<String, Object>> items = List.of(
                item(a, "P2C-" + year + first),
                item(UUID.randomUUID(), "P2C-" + year + (first + 1)),
                item(a, "P2C-" + year + (first + 2)));
        as(SECRETARIAT).body(Map.of("items", items)).post("/api/v1/pledges/imports")
                .then().statusCode(200).body("imported", is(2)).body("failed", is(1))
                .body("results.outcome", contains("IMPORTED", "FAILED", "IMPORTED"))
                .body("results[1].problem.status", is(422))
                .body("results[1].problem.violations.field", contains("pledgerEntityId"));
    }

    private static Map<String, Object> item(UUID entity, String reference) {
        Map<String, Object> item = new HashMap<>();
        item.put("pledgerEntityId", entity);
        item.put("reference", reference);
        item.put("status", "VALIDATED");
        item.put("submittedAt", "2021-09-20T09:00:00Z");
        item.put("validatedAt", "2021-10-03T14:00:00Z");
        item.put("content", content());
        return item;
    }
}
