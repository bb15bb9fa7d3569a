package org.p2c.reporting.api;

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
import static org.p2c.reporting.api.ReportWorld.as;
import static org.p2c.reporting.api.ReportWorld.content;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Inputs are read strictly: a query parameter an operation does not take is a 400 naming it (service-support's
 * UnknownQueryParameters), and codes people type are read in any case.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class StrictInputsTest {

    static final String SECRETARIAT = person("secretariat-officer", "secretariat");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    KafkaCompanion kafka;
    ReportWorld world;
    UUID entity;
    String member;
    String client;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        entity = UUID.randomUUID();
        client = "partner-strict-" + run;
        world.entity(entity, "member-strict-" + run, client, "GOVERNMENT");
        member = person("member-strict-" + run, "pledger");
        ReportWorld.awaitEntities(entity);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    /** One real operation of each resource class, with a parameter it does not take, as its caller would call it. */
    @ParameterizedTest(name = "{0} {1} refuses {2}")
    @CsvSource(delimiter = '|', value = {
            "GET  | /api/v1/reports                                      | pledge | anyone      | it takes: page, pledgeId, size, sort",
            "GET  | /api/v1/reports/6f1c2a9e-8d5b-4a7e-9f3c-2b1d0e6a7c55 | view   | anyone      | it takes none",
            "POST | /api/v1/reports/batch                                | dryRun | partner     | it takes none",
            "GET  | /api/v1/reports/compliance                           | status | secretariat | it takes: country, entityId, page, region, size, sort, stakeholderType, state",
            "GET  | /api/v1/reports/compliance/to-do                     | sort   | member      | it takes: page, size, state"})
    void anUnknownQueryParameterIsA400NamingIt(String method, String path, String parameter, String caller, String takes) {
        String token = switch (caller) {
            case "partner" -> partner(client);
            case "secretariat" -> SECRETARIAT;
            case "member" -> member;
            default -> null;
        };
        as(token).header("Idempotency-Key", "strict-" + UUID.randomUUID()).queryParam(parameter, "x")
                .body(Map.of("items", List.of(Map.of("content", content())))).request(method, path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains(parameter))
                .body("violations[0].message", is("is not a parameter of this operation; " + takes));
    }

    @Test
    void complianceFiltersReadCodesAndEnumValuesInAnyCase() throws Exception {
        UUID pledge = world.pledge(entity, "VALIDATED", 3, List.of("KHM"));
        ReportWorld.awaitPledge(pledge, 3);

        String states = "&state=UP_TO_DATE&state=DUE&state=OVERDUE";
        List<String> upper = as(SECRETARIAT).get("/api/v1/reports/compliance?entityId={e}&country=KHM&region=ASIA_PACIFIC"
                + "&stakeholderType=GOVERNMENT" + states, entity).then().statusCode(200).extract().path("items.pledgeId");
        List<String> lower = as(SECRETARIAT).get("/api/v1/reports/compliance?entityId={e}&country=khm&region=asia_pacific"
                + "&stakeholderType=government" + states.toLowerCase(), entity).then().statusCode(200).extract().path("items.pledgeId");
        assertThat(upper).containsExactly(pledge.toString());
        assertThat(lower).isEqualTo(upper);
        as(SECRETARIAT).get("/api/v1/reports/compliance?country=kh").then().statusCode(400)
                .body("violations[0].field", is("country")).body("violations[0].message", is("must be an ISO 3166-1 alpha-3 code"));
    }

    @Test
    void anAmountDisbursedInLowerCaseEurosIsSavedInEUR() throws Exception {
        UUID pledge = world.pledge(entity, "VALIDATED", 3, List.of("KHM"));
        ReportWorld.awaitPledge(pledge, 3);
        Map<String, Object> lower = content();
        lower.put("amountDisbursed", Map.of("amount", "1200000.00", "currency", "eur", "valueDate", "2024-12-31"));
        lower.put("completionStatus", "in_progress");

        UUID report = ReportWorld.draft(member, pledge, lower);

        as(member).get("/api/v1/reports/{id}", report).then().statusCode(200)
                .body("amountDisbursed.currency", is("EUR"))
                .body("completionStatus", is("IN_PROGRESS"));
    }
}
