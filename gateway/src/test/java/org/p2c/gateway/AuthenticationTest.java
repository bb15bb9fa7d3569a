package org.p2c.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.support.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Tokens of the itu realm are checked at the gateway (signature, issuer, audience, expiry) and passed on unchanged; a
 * bad token never reaches a service; no token at all passes, because the services decide what is public.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(Downstream.class)
class AuthenticationTest {

    @Downstream.Inject
    Downstream.Services services;

    @BeforeEach
    void servicesAnswer() {
        services.reset();
        services.byName().values().forEach(s -> s.stubFor(any(anyUrl()).willReturn(okJson("{}"))));
    }

    @Test
    void aPersonsTokenIsPassedOnUnchanged() {
        String token = TestTokens.person("amina", "pledger");
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        services.get("entity-service").verify(getRequestedFor(urlEqualTo("/api/v1/me"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void aPartnerSystemsTokenIsPassedOnUnchanged() {
        String token = TestTokens.partner("partner-gsma-demo");
        given().auth().oauth2(token).get("/api/v1/pledges").then().statusCode(200);
        services.get("pledge-service").verify(getRequestedFor(urlEqualTo("/api/v1/pledges"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void aCallWithoutTokenPassesAnonymously() {
        given().get("/api/v1/pledges").then().statusCode(200);
        services.get("pledge-service").verify(getRequestedFor(urlEqualTo("/api/v1/pledges"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void aTamperedTokenIs401AtTheGateway() {
        String[] parts = TestTokens.person("amina", "pledger").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        // Same signature, claims changed: the caller makes itself Secretariat.
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.replace("\"pledger\"", "\"secretariat\"").getBytes());
        assertThat(forged).isNotEqualTo(parts[1]);
        refusedAtTheGateway(parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void anExpiredTokenIs401AtTheGateway() {
        refusedAtTheGateway(Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject("amina")
                .claim("realm_access", Map.of("roles", Set.of("pledger")))
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1)))
                .jws().keyId("1").sign("privateKey.jwk"));
    }

    @Test
    void aTokenForAnotherApiIs401AtTheGateway() {
        refusedAtTheGateway(TestTokens.forOtherAudience("amina"));
    }

    @Test
    void aTokenOfAnotherIssuerIs401AtTheGateway() {
        refusedAtTheGateway(Jwt.issuer("https://elsewhere.example.com").audience(TestTokens.AUDIENCE).subject("amina")
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .jws().keyId("1").sign("privateKey.jwk"));
    }

    @Test
    void garbageInPlaceOfATokenIs401AtTheGateway() {
        refusedAtTheGateway("not-a-jwt");
    }

    private void refusedAtTheGateway(String token) {
        given().auth().oauth2(token).get("/api/v1/pledges").then()
                .statusCode(401)
                .contentType(Problems.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .body("status", is(401))
                .body("title", is("Unauthorized"));
        services.byName().values().forEach(s -> assertThat(s.getAllServeEvents()).isEmpty());
    }
}
