package org.p2c.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** CORS for the configured frontend origins only, and the security headers on every answer, whoever produced it. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(Downstream.class)
class ProtectionTest {

    static final String FRONTEND = "http://localhost:5173";

    @Downstream.Inject
    Downstream.Services services;

    @BeforeEach
    void servicesAnswer() {
        services.reset();
        // A service that (wrongly) allows every origin: the gateway's CORS decision must win.
        services.byName().values().forEach(s -> s.stubFor(any(anyUrl())
                .willReturn(okJson("{}").withHeader("Access-Control-Allow-Origin", "*"))));
    }

    @Test
    void aPreflightFromAFrontendOriginIsAnsweredByTheGateway() {
        given().header("Origin", FRONTEND)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key")
                .options("/api/v1/pledges/0f7e").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", FRONTEND)
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase("PUT"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("if-match"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("idempotency-key"));
        services.byName().values().forEach(s -> assertThat(s.getAllServeEvents()).isEmpty());
    }

    @Test
    void aPreflightFromAnotherOriginIsNotAllowed() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .options("/api/v1/pledges/0f7e").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void anAnswerToAFrontendNamesOnlyThatOriginAndExposesTheUsefulHeaders() {
        Response response = given().header("Origin", FRONTEND).get("/api/v1/pledges");
        response.then().statusCode(200)
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("X-Request-Id"));
        assertThat(response.headers().getValues("Access-Control-Allow-Origin")).containsExactly(FRONTEND);
    }

    @Test
    void aServicesAnswerCarriesTheSecurityHeaders() {
        securityHeaders(given().get("/api/v1/pledges").then().statusCode(200).extract().response());
    }

    @Test
    void theGatewaysOwnAnswersCarryThemToo() {
        securityHeaders(given().get("/api/v1/nowhere").then().statusCode(404).extract().response());
        securityHeaders(given().auth().oauth2("not-a-jwt").get("/api/v1/pledges").then().statusCode(401)
                .extract().response());
    }

    @Test
    void aTooLongUriOrTooLargeHeadersAreProblemsNotBareAnswers() {
        Response uri = given().get("/api/v1/pledges?q=" + "x".repeat(9000)).then().statusCode(414)
                .contentType("application/problem+json").body("status", is(414))
                .body("detail", is("The request URI may have at most 8192 characters")).extract().response();
        securityHeaders(uri);
        given().header("X-Padding", "x".repeat(21_000)).get("/api/v1/pledges").then().statusCode(431)
                .contentType("application/problem+json").body("status", is(431))
                .body("detail", is("The request headers may have at most 20480 characters in all"));
        // Within the limits (and beyond Vert.x' defaults of 4096 and 8 KiB), the call goes through.
        given().get("/api/v1/pledges?q=" + "x".repeat(6000)).then().statusCode(200);
    }

    private static void securityHeaders(Response response) {
        response.then()
                .header("X-Content-Type-Options", is("nosniff"))
                .header("X-Frame-Options", is("DENY"))
                .header("Referrer-Policy", is("no-referrer"))
                .header("Strict-Transport-Security", containsStringIgnoringCase("max-age="))
                .header("Content-Security-Policy", containsStringIgnoringCase("default-src 'none'"))
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
    }
}
