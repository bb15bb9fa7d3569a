package org.p2c.pledge.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.p2c.local.testing.RealInfrastructure;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.p2c.pledge.api.PledgeWorld.SECRETARIAT;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;
import static org.p2c.pledge.api.PledgeWorld.validated;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Inputs are read strictly: a query parameter an operation does not take is a 400 naming it (service-support's
 * UnknownQueryParameters) instead of an answer that looks filtered and is not, and codes people type are read in any case.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class StrictInputsTest {

    private static final String EXPLORER_TAKES = "it takes: country, endYear, focusArea, ldc, lldc, maxUsd, minUsd, page, "
            + "pillar, pledgerEntityId, q, region, sdg, sids, size, sort, stakeholderType, target, type";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    KafkaCompanion kafka;
    UUID entity;
    String member;
    String client;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        String run = UUID.randomUUID().toString().substring(0, 8);
        entity = UUID.randomUUID();
        client = "partner-strict-" + run;
        new PledgeWorld(kafka, entitiesTopic).entity(entity, "VERIFIED", "member-strict-" + run, client);
        member = person("member-strict-" + run, "pledger");
        PledgeWorld.awaitKnown(entity);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    /** One real operation of each resource class, with a parameter it does not take, as its caller would call it. */
    @ParameterizedTest(name = "{0} {1} refuses {2}")
    @CsvSource(delimiter = '|', value = {
            "GET  | /api/v1/pledges                                      | contry | anyone",
            "GET  | /api/v1/pledges/6f1c2a9e-8d5b-4a7e-9f3c-2b1d0e6a7c55 | view   | anyone",
            "POST | /api/v1/pledges/batch                                | dryRun | partner",
            "POST | /api/v1/pledges/imports                              | mode   | secretariat",
            "GET  | /api/v1/p2c-targets                                  | focusArea | anyone",
            "GET  | /api/v1/open-data/pledges.csv                        | country   | anyone",
            "GET  | /api/v1/open-data/pledges.json                       | format    | anyone",
            "GET  | /api/v1/pledges/queue                                | contry    | secretariat",
            "GET  | /api/v1/pledges/desk                                 | entity    | member"})
    void anUnknownQueryParameterIsA400NamingIt(String method, String path, String parameter, String caller) {
        String token = switch (caller) {
            case "partner" -> partner(client);
            case "secretariat" -> SECRETARIAT;
            case "member" -> member;
            default -> null;
        };
        as(token).header("Idempotency-Key", "strict-" + UUID.randomUUID()).queryParam(parameter, "KHM")
                .body(Map.of("items", List.of(Map.of("content", content())))).request(method, path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains(parameter))
                .body("violations[0].message", startsWith("is not a parameter of this operation; it takes"));
    }

    @Test
    void aMisspeltExplorerFilterIsRefusedNotIgnored() {
        // The issue: ?contry=KHM answered every pledge, as if no filter had been asked for.
        as(null).get("/api/v1/pledges?contry=KHM").then().statusCode(400)
                .body("detail", is("contry: is not a parameter of this operation; " + EXPLORER_TAKES))
                .body("violations[0].message", is("is not a parameter of this operation; " + EXPLORER_TAKES));
        as(null).get("/api/v1/open-data/pledges.csv?country=KHM").then().statusCode(400)
                .body("violations[0].field", is("country"))
                .body("violations[0].message", is("is not a parameter of this operation; it takes none"));
        as(null).get("/api/v1/pledges?q=x&page=0&page=1").then().statusCode(400)
                .body("violations[0].field", is("page")).body("violations[0].message", is("is given 2 times; it takes one value"));
    }

    @Test
    void codesAndEnumValuesAreReadInAnyCase() {
        String word = "cased" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> lower = content();
        lower.put("title", "Rural schools " + word);
        lower.put("countries", List.of("khm", "Lao"));
        lower.put("types", List.of("financial"));
        lower.put("pillars", List.of("infrastructure"));
        lower.put("primaryRegion", "asia_pacific");
        lower.put("financialValue", Map.of("amount", "1200000.00", "currency", "eur", "valueDate", "2024-03-01"));
        UUID id = validated(member, entity, lower);

        as(null).get("/api/v1/pledges/{id}", id).then().statusCode(200)
                .body("countries", contains("KHM", "LAO"))
                .body("types", contains("FINANCIAL"))
                .body("primaryRegion", is("ASIA_PACIFIC"))
                .body("financialValue.currency", is("EUR"));
        List<String> upper = as(null).get("/api/v1/pledges?q={q}&country=KHM&pillar=INFRASTRUCTURE&region=ASIA_PACIFIC&stakeholderType=GOVERNMENT", word)
                .then().statusCode(200).extract().path("items.id");
        List<String> cased = as(null).get("/api/v1/pledges?q={q}&country=khm&pillar=infrastructure&region=asia_pacific&stakeholderType=government", word)
                .then().statusCode(200).extract().path("items.id");
        assertThat(upper).containsExactly(id.toString());
        assertThat(cased).isEqualTo(upper);
    }
}
