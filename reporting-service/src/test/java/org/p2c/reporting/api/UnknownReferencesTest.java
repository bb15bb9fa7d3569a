package org.p2c.reporting.api;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.p2c.reporting.api.ReportWorld.as;
import static org.p2c.reporting.api.ReportWorld.content;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * A pledge that reporting-service's views do not know: one validated a moment ago is waited for (its event, or its
 * entity's, arrives while the request waits, and the report is drafted); one that does not exist is a definite 422
 * naming the field after a bounded wait, also for one item of a batch whose other items go through.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class UnknownReferencesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    KafkaCompanion kafka;
    ReportWorld world;
    String run;
    UUID a;
    UUID pledgeOfA;
    String memberOfA;
    String clientOfA;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        clientOfA = "partner-a-" + run;
        world.entity(a, "member-a-" + run, clientOfA, "GOVERNMENT");
        memberOfA = person("member-a-" + run, "pledger");
        pledgeOfA = world.pledge(a, "VALIDATED", 3, List.of("KHM"));
        ReportWorld.awaitEntities(a);
        ReportWorld.awaitPledge(pledgeOfA, 3);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aReportOnAPledgeValidatedAMomentAgoWaitsForItsEventAndIsDrafted() throws Exception {
        UUID validated = UUID.randomUUID();
        CompletableFuture<Response> answer = draftLater(memberOfA, validated);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !answer.isDone());
        world.pledge(validated, a, "VALIDATED", 3, List.of("KHM"), ReportWorld.VALIDATED_AT);

        Response drafted = answer.get(30, TimeUnit.SECONDS);
        assertThat(drafted.statusCode()).as(drafted.asString()).isEqualTo(201);
        assertThat(drafted.<String>path("pledgeId")).isEqualTo(validated.toString());
    }

    @Test
    void aReportOnAPledgeWhoseEntityArrivesAMomentLaterWaitsForTheEntity() throws Exception {
        UUID registered = UUID.randomUUID();
        UUID validated = world.pledge(registered, "VALIDATED", 3, List.of("KEN"));
        ReportWorld.awaitPledge(validated, 3);
        String focalPoint = person("focal-" + run, "pledger");
        CompletableFuture<Response> answer = draftLater(focalPoint, validated);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !answer.isDone());
        world.entity(registered, "focal-" + run, null, "ACADEMIA");

        Response drafted = answer.get(30, TimeUnit.SECONDS);
        assertThat(drafted.statusCode()).as(drafted.asString()).isEqualTo(201);
    }

    @Test
    void aBatchItemOnAPledgeThatDoesNotExistFailsNamingPledgeIdAndTheOthersAreCreated() {
        Map<String, Object> onKnown = Map.of("pledgeId", pledgeOfA, "content", content());
        Map<String, Object> onUnknown = Map.of("pledgeId", UUID.randomUUID(), "content", content());
        as(partner(clientOfA)).header("Idempotency-Key", "unknown-" + run)
                .body(Map.of("items", List.of(onKnown, onUnknown, onKnown))).post("/api/v1/reports/batch")
                .then().statusCode(200).body("created", is(2)).body("failed", is(1))
                .body("results.outcome", contains("CREATED", "FAILED", "CREATED"))
                .body("results[1].problem.status", is(422))
                .body("results[1].problem.type", org.hamcrest.Matchers.endsWith("/unknown-reference"))
                .body("results[1].problem.violations.field", contains("pledgeId"));
    }

    @Test
    void aReportOnAPledgeThatDoesNotExistIsA422NamingPledgeId() {
        as(memberOfA).body(Map.of("pledgeId", UUID.randomUUID(), "content", content())).post("/api/v1/reports")
                .then().statusCode(422).contentType("application/problem+json").header("Retry-After", nullValue())
                .body("violations.field", contains("pledgeId"));
    }

    private static CompletableFuture<Response> draftLater(String token, UUID pledge) {
        return CompletableFuture.supplyAsync(() -> as(token).body(Map.of("pledgeId", pledge, "content", content()))
                .post("/api/v1/reports"));
    }
}
