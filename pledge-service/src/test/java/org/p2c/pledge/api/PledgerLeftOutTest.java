package org.p2c.pledge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * A draft whose pledgerEntityId is left out is the caller's only entity's — a partner system's, or a person's of one
 * entity — and a definite 422 naming the field for anyone who acts for several entities or for none. The API
 * document's request example is such a draft, so Swagger UI's "Try it out" drafts a pledge as shipped.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class PledgerLeftOutTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    KafkaCompanion kafka;
    PledgeWorld world;
    String run;

    @BeforeEach
    void world() {
        kafka = new KafkaCompanion(bootstrap);
        world = new PledgeWorld(kafka, entitiesTopic);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aPersonOfOneEntityDraftsForItWithoutNamingIt() throws Exception {
        UUID only = UUID.randomUUID();
        world.entity(only, "VERIFIED", "only-" + run, null);
        PledgeWorld.awaitKnown(only);

        as(person("only-" + run, "pledger")).body(Map.of("content", content())).post("/api/v1/pledges")
                .then().statusCode(201).body("pledgerEntityId", is(only.toString())).body("status", is("DRAFT"));
    }

    @Test
    void aPartnerSystemDraftsForTheEntityItIsBoundTo() throws Exception {
        UUID bound = UUID.randomUUID();
        world.entity(bound, "VERIFIED", "member-" + run, "client-" + run);
        PledgeWorld.awaitKnown(bound);

        as(partner("client-" + run)).body(Map.of("content", content())).post("/api/v1/pledges")
                .then().statusCode(201).body("pledgerEntityId", is(bound.toString()));
    }

    @Test
    void aPersonOfSeveralEntitiesMustNameOneAndIsToldWhichTheyAre() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        world.entity(first, "VERIFIED", "both-" + run, null);
        world.entity(second, "PENDING_VERIFICATION", "both-" + run, null);
        PledgeWorld.awaitKnown(first, second);

        as(person("both-" + run, "pledger")).body(Map.of("content", content())).post("/api/v1/pledges")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("pledgerEntityId"))
                .body("detail", allOf(containsString("2 entities"), containsString(first.toString()),
                        containsString(second.toString())));
    }

    @Test
    void aPersonOfNoEntityIsToldToRegisterOneAfterABoundedWait() {
        as(person("nobody-" + run, "pledger")).body(Map.of("content", content())).post("/api/v1/pledges")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", containsString("unknown-reference"))
                .body("violations.field", contains("pledgerEntityId"))
                .body("detail", containsString("POST /api/v1/entities"));
    }

    @Test
    void aPersonWhoseFirstEntityIsRegisteredAMomentAgoWaitsForItAndDrafts() throws Exception {
        UUID registered = UUID.randomUUID();
        String newcomer = person("newcomer-" + run, "pledger");
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> as(newcomer)
                .body(Map.of("content", content())).post("/api/v1/pledges"));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !answer.isDone());
        world.entity(registered, "PENDING_VERIFICATION", "newcomer-" + run, null);

        Response drafted = answer.get(30, TimeUnit.SECONDS);
        assertThat(drafted.statusCode()).as(drafted.asString()).isEqualTo(201);
        assertThat(drafted.<String>path("pledgerEntityId")).isEqualTo(registered.toString());
    }

    @Test
    void theDocumentedRequestExampleDraftsAPledgeAsShipped() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonNode example = document.at("/paths/~1api~1v1~1pledges/post/requestBody/content/application~1json/examples/draft/value");
        assertThat(example.isObject()).as("draftPledge documents a request example named draft").isTrue();
        UUID only = UUID.randomUUID();
        world.entity(only, "VERIFIED", "tryitout-" + run, null);
        PledgeWorld.awaitKnown(only);

        as(person("tryitout-" + run, "pledger")).body(example.toString()).post("/api/v1/pledges")
                .then().statusCode(201).body("pledgerEntityId", is(only.toString()))
                .body("title", is(example.at("/content/title").asText()));
    }
}
