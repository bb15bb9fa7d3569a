package org.p2c.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.support.testing.TestTokens;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Budgets per caller: a partner system's client id, a person signed in through a frontend, an anonymous IP. Spending
 * one caller's budget leaves the others' intact; the caller over budget gets 429 with Retry-After and the service
 * never sees the call.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(Downstream.class)
@TestProfile(RateLimitTest.LowLimits.class)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "p2c.gateway.rate-limit.anonymous-per-minute", "3",
                    "p2c.gateway.rate-limit.client-per-minute", "5",
                    "p2c.gateway.rate-limit.clients.\"partner-bulk\"", "8",
                    // The test plays several anonymous IPs through X-Forwarded-For from a trusted local proxy.
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @Downstream.Inject
    Downstream.Services services;

    @BeforeEach
    void servicesAnswer() {
        services.reset();
        services.byName().values().forEach(s -> s.stubFor(any(anyUrl()).willReturn(okJson("{}"))));
    }

    @Test
    void anAnonymousIpGetsItsBudgetThen429WithRetryAfter() {
        RequestSpecification fromA = given().header("X-Forwarded-For", "203.0.113.10");
        for (int i = 0; i < 3; i++) {
            fromA.get("/api/v1/pledges").then().statusCode(200);
        }
        String retryAfter = fromA.get("/api/v1/pledges").then()
                .statusCode(429)
                .contentType(Problems.MEDIA_TYPE)
                .body("status", is(429))
                .extract().header("Retry-After");
        // 3 a minute: the next call is allowed 20 s later at the latest.
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 20);
        services.get("pledge-service").verify(3, anyRequestedFor(anyUrl()));

        // Another IP has its own budget.
        given().header("X-Forwarded-For", "203.0.113.11").get("/api/v1/pledges").then().statusCode(200);
    }

    @Test
    void everyAnswerTellsTheCallerItsBudgetSoItCanPaceItselfBeforeA429() {
        services.get("entity-service").stubFor(any(urlEqualTo("/api/v1/entities/absent"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":404}")));
        RequestSpecification fromC = given().header("X-Forwarded-For", "203.0.113.30");

        for (int left = 2; left >= 0; left--) {
            String path = left == 1 ? "/api/v1/entities/absent" : "/api/v1/pledges";
            var answer = fromC.get(path).then().statusCode(left == 1 ? 404 : 200)
                    .header("RateLimit-Limit", is("3"))
                    .header("RateLimit-Remaining", is(String.valueOf(left)))
                    .extract();
            // 3 a minute: each call spent takes 20 s to come back.
            assertThat(Integer.parseInt(answer.header("RateLimit-Reset"))).isBetween((2 - left) * 20, (3 - left) * 20 + 1);
        }
        var refused = fromC.get("/api/v1/pledges").then().statusCode(429)
                .header("RateLimit-Limit", is("3"))
                .header("RateLimit-Remaining", is("0"))
                .extract();
        assertThat(Integer.parseInt(refused.header("RateLimit-Reset"))).isBetween(40, 60);
        assertThat(Integer.parseInt(refused.header("Retry-After")))
                .isLessThanOrEqualTo(Integer.parseInt(refused.header("RateLimit-Reset")));
    }

    @Test
    void aPartnerSystemIsLimitedByItsClientIdWhateverItsTokens() {
        for (int i = 0; i < 5; i++) {
            // A fresh token each time: the budget belongs to the client, not to a token.
            given().auth().oauth2(TestTokens.partner("partner-a")).get("/api/v1/pledges").then().statusCode(200);
        }
        given().auth().oauth2(TestTokens.partner("partner-a")).get("/api/v1/pledges").then()
                .statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(TestTokens.partner("partner-b")).get("/api/v1/pledges").then().statusCode(200);
    }

    @Test
    void aClientCanBeGivenItsOwnBudget() {
        String bulk = TestTokens.partner("partner-bulk");
        for (int i = 0; i < 8; i++) {
            given().auth().oauth2(bulk).post("/api/v1/pledges/batch").then().statusCode(200);
        }
        given().auth().oauth2(bulk).post("/api/v1/pledges/batch").then().statusCode(429);
    }

    @Test
    void peopleSigningInThroughTheFrontendEachHaveTheirOwnBudget() {
        String amina = TestTokens.person("amina-" + System.nanoTime(), "pledger");
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(amina).get("/api/v1/me").then().statusCode(200);
        }
        given().auth().oauth2(amina).get("/api/v1/me").then().statusCode(429);
        // The same frontend client, another person.
        given().auth().oauth2(TestTokens.person("lucas-" + System.nanoTime(), "pledger")).get("/api/v1/me").then()
                .statusCode(200);
    }
}
