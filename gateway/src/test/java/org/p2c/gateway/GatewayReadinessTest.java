package org.p2c.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/** The gateway is ready when it can validate tokens, even while every service behind it is down. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@TestProfile(GatewayReadinessTest.ServicesDown.class)
class GatewayReadinessTest {

    /** Points every service at a port where nothing listens. */
    public static class ServicesDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "p2c.services.entity-service.url", "http://127.0.0.1:1",
                    "p2c.services.pledge-service.url", "http://127.0.0.1:1",
                    "p2c.services.reporting-service.url", "http://127.0.0.1:1",
                    "p2c.services.analytics-service.url", "http://127.0.0.1:1",
                    "p2c.services.notification-service.url", "http://127.0.0.1:1");
        }
    }

    @Test
    void isReadyWhenTheRealmsSigningKeysCanBeFetched() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'Token validation keys' }.status", is("UP"));
    }

    @Test
    void reportsServicesThatAreDownSeparatelyFromItsOwnReadiness() {
        given().get("/q/health/group/services").then()
                .statusCode(503)
                .body("checks.find { it.name == 'Services behind the gateway' }.data.'pledge-service'",
                        is("UNREACHABLE"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Token validation keys"));
    }

    @Test
    void aCallToAServiceThatIsDownIsA502Problem() {
        given().get("/api/v1/pledges").then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("status", is(502))
                .body("detail", is("The pledge-service is not reachable; try again later"));
    }

    @Test
    void servesTheServicesOperationsInOneDocumentWithSwaggerUiSignIn() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/me'.get.operationId", is("getMe"))
                // The gateway's own answers, on every operation: 429 over the rate limit, 401 for a bad token.
                .body("paths.'/api/v1/me'.get.responses.'429'.content.'application/problem+json'.schema.'$ref'",
                        is("#/components/schemas/Problem"))
                .body("paths.'/api/v1/countries'.get.responses.'401'.description",
                        org.hamcrest.Matchers.startsWith("A token was sent and is not valid"))
                .body("components.securitySchemes.itu.type", is("oauth2"))
                .body("components.securitySchemes.itu.flows.authorizationCode.authorizationUrl",
                        org.hamcrest.Matchers.endsWith("/realms/quarkus/protocol/openid-connect/auth"));
    }

    @Test
    void exposesOpenApiAndPrometheusMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", is("P2C API gateway"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
