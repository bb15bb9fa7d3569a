package org.p2c.entity.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.api.ParameterLimits;

import java.util.Collections;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.p2c.entity.api.EntityApi.as;
import static org.p2c.entity.api.EntityApi.uniqueName;
import static org.p2c.support.testing.TestTokens.person;

/**
 * service-support's ParameterLimits, as the API document states them (StandardLimits): a parameter over them is a
 * 400 problem naming it, whichever operation it is sent to; at the limit it is read as usual.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ParameterLimitsTest {

    private static final String AT_LIMIT = "x".repeat(ParameterLimits.MAX_LENGTH);
    private static final String OVER_LIMIT = AT_LIMIT + "x";

    @Test
    void aQueryValueOverTheLengthLimitIsA400NamingTheParameter() {
        given().queryParam("q", AT_LIMIT).get("/api/v1/entities").then().statusCode(200);
        given().queryParam("q", OVER_LIMIT).get("/api/v1/entities").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("q"));
        // Also a parameter the operation does not read: the limit holds before any resource sees the call.
        given().queryParam("note", OVER_LIMIT).get("/api/v1/itu-regions").then()
                .statusCode(400).body("violations.field", contains("note"));
    }

    @Test
    void aQueryParameterGivenTooOftenIsA400NamingIt() {
        given().queryParam("country", Collections.nCopies(ParameterLimits.MAX_VALUES, "KHM")).get("/api/v1/entities")
                .then().statusCode(200);
        given().queryParam("country", Collections.nCopies(ParameterLimits.MAX_VALUES + 1, "KHM")).get("/api/v1/entities")
                .then().statusCode(400).body("violations.field", contains("country"));
    }

    @Test
    void aPathValueOverTheLimitIsA400NamingIt() {
        given().get("/api/v1/countries/{alpha3}", "K".repeat(ParameterLimits.MAX_LENGTH)).then().statusCode(404);
        given().get("/api/v1/countries/{alpha3}", OVER_LIMIT).then()
                .statusCode(400).body("violations.field", contains("alpha3"));
    }

    @Test
    void aHeaderTheOperationReadsIsLimitedAndOthersAreNot() {
        String focal = person("limits-" + UUID.randomUUID().toString().substring(0, 8), "pledger");
        UUID entity = EntityApi.register(focal, uniqueName("Limited"), "KHM", "GOVERNMENT");
        as(focal).header("If-Match", OVER_LIMIT).body(EntityApi.profile(uniqueName("Renamed"), "KHM", "GOVERNMENT"))
                .put("/api/v1/entities/{id}", entity).then()
                .statusCode(400).body("violations.field", contains("If-Match"));
        // A header no operation declares is not the API's to limit.
        as(focal).header("X-Trace-Note", OVER_LIMIT).get("/api/v1/entities/{id}", entity).then()
                .statusCode(200).body("id", is(entity.toString()));
    }
}
