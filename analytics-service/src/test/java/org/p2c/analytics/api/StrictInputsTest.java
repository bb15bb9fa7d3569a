package org.p2c.analytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.p2c.local.testing.RealInfrastructure;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Analytics reads its parameters as every service does (service-support's QueryParameters and
 * UnknownQueryParameters): a parameter an operation does not take is a 400 naming it, not the world's figures, and
 * codes and enum values are read in any case.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class StrictInputsTest {

    static final Fixture WORLD = new Fixture(20250630L, 12, 40);
    static final String SECRETARIAT = person("secretariat-officer", "secretariat");
    static final String ADMIN = person("platform-admin", "admin");
    static boolean published;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;
    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;
    @ConfigProperty(name = "p2c.topics.reports")
    String reportsTopic;

    @Inject
    EntityManager em;

    final ObjectMapper json = new ObjectMapper();
    KafkaCompanion kafka;

    @BeforeEach
    void worldHasArrived() throws InterruptedException {
        kafka = new KafkaCompanion(bootstrap);
        if (!published) {
            published = true;
            List<Fixture.Event> deliveries = WORLD.deliveries();
            Deliveries.publish(kafka, Map.of("entities", entitiesTopic, "pledges", pledgesTopic, "reports", reportsTopic), deliveries);
            Deliveries.awaitProcessed(em, deliveries.stream().map(Fixture.Event::id).distinct().count());
        }
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    /** Every operation, with a parameter it does not take, as its caller would call it. */
    @ParameterizedTest(name = "{0} {1} refuses {2}")
    @CsvSource(delimiter = '|', value = {
            "GET  | /api/v1/analytics/overview                        | region  | anyone      | it takes: asOf, format",
            "GET  | /api/v1/analytics/regions/AFRICA                  | country | anyone      | it takes: asOf, format",
            "GET  | /api/v1/analytics/countries/KHM                   | region  | anyone      | it takes: asOf, format",
            "GET  | /api/v1/analytics/comparison?compareTo=2024-01-01 | country | anyone      | it takes: asOf, compareTo, format, region",
            "GET  | /api/v1/analytics/time-series                     | to      | anyone      | it takes: asOf, format, from, region",
            "GET  | /api/v1/analytics/compliance                      | region  | secretariat | it takes: asOf, format",
            "POST | /api/v1/analytics/rebuild                         | topic   | admin       | it takes none"})
    void anUnknownQueryParameterIsA400NamingIt(String method, String path, String parameter, String caller, String takes) {
        var spec = switch (caller) {
            case "secretariat" -> given().auth().oauth2(SECRETARIAT);
            case "admin" -> given().auth().oauth2(ADMIN);
            default -> given();
        };
        spec.accept("application/json").queryParam(parameter, "KHM").request(method, path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains(parameter))
                .body("violations[0].message", is("is not a parameter of this operation; " + takes));
    }

    @Test
    void aComparisonForACountryIsRefusedRatherThanAnsweredForTheWorld() {
        given().get("/api/v1/analytics/comparison?compareTo=2024-01-01&country=KHM").then().statusCode(400)
                .body("violations[0].field", is("country"));
        given().get("/api/v1/analytics/overview?asOf=2024-07-07&asOf=2025-07-07").then().statusCode(400)
                .body("violations[0].field", is("asOf"))
                .body("violations[0].message", is("is given 2 times; it takes one value"));
    }

    @Test
    void unreadableValuesAreWordedAsInEveryService() {
        given().get("/api/v1/analytics/overview?asOf=yesterday").then().statusCode(400)
                .body("violations[0].field", is("asOf")).body("violations[0].message", is("must be a date between 1900-01-01 and 9999-12-31 (YYYY-MM-DD)"));
        given().get("/api/v1/analytics/time-series?from=2024-13").then().statusCode(400)
                .body("violations[0].field", is("from")).body("violations[0].message", is("must be a month between 1900-01 and 9999-12 (YYYY-MM)"));
        given().get("/api/v1/analytics/comparison?compareTo=2024-01-01&region=MARS").then().statusCode(400)
                .body("violations[0].field", is("region"))
                .body("violations[0].message", is("must be one of AFRICA, AMERICAS, ARAB_STATES, ASIA_PACIFIC, CIS, EUROPE"));
        given().get("/api/v1/analytics/regions/ATLANTIS").then().statusCode(400)
                .body("violations[0].field", is("region"))
                .body("violations[0].message", is("must be one of AFRICA, AMERICAS, ARAB_STATES, ASIA_PACIFIC, CIS, EUROPE"));
        given().get("/api/v1/analytics/overview?format=xml").then().statusCode(400)
                .body("violations[0].field", is("format")).body("violations[0].message", is("must be one of json, csv"));
    }

    @Test
    void codesAndEnumValuesInAnyCaseGiveTheSameFigures() {
        String day = "asOf=2025-06-30";
        JsonNode khm = get("/api/v1/analytics/countries/KHM?" + day);
        assertThat(khm.get("pledges").asLong()).as("the fixture's pledges in Cambodia").isPositive();
        assertThat(get("/api/v1/analytics/countries/khm?" + day)).isEqualTo(khm);
        assertThat(get("/api/v1/analytics/regions/asia_pacific?" + day)).isEqualTo(get("/api/v1/analytics/regions/ASIA_PACIFIC?" + day));
        assertThat(get("/api/v1/analytics/comparison?compareTo=2024-01-01&region=asia_pacific&" + day))
                .isEqualTo(get("/api/v1/analytics/comparison?compareTo=2024-01-01&region=ASIA_PACIFIC&" + day));
        assertThat(get("/api/v1/analytics/time-series?from=2024-01&region=Africa&" + day))
                .isEqualTo(get("/api/v1/analytics/time-series?from=2024-01&region=AFRICA&" + day));
        assertThat(given().get("/api/v1/analytics/overview?format=CSV&" + day).then().statusCode(200).extract().contentType())
                .startsWith("text/csv");
    }

    /** The answer without its freshness, which moves with every event applied. */
    JsonNode get(String path) {
        String body = given().accept("application/json").get(path).then().statusCode(200).extract().asString();
        try {
            JsonNode answer = json.readTree(body);
            answer.findParents("freshness").forEach(parent -> ((ObjectNode) parent).remove("freshness"));
            return answer;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
