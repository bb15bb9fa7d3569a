package org.p2c.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

/** {@code /api/v1/**} reaches the service that owns its first segment, with method, headers and body intact. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(Downstream.class)
class RoutingTest {

    @Downstream.Inject
    Downstream.Services services;

    @BeforeEach
    void everyServiceSaysWhoItIs() {
        services.reset();
        services.byName().forEach((name, server) ->
                server.stubFor(any(anyUrl()).willReturn(okJson("{\"from\":\"" + name + "\"}"))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/v1/entities, entity-service",
            "/api/v1/entities/5b0e3c1e-7f43-4a8f-9d0b-3f1a2c4d5e6f/members, entity-service",
            "/api/v1/me, entity-service",
            "/api/v1/me/entities, entity-service",
            "/api/v1/countries/KHM, entity-service",
            "/api/v1/itu-regions, entity-service",
            "/api/v1/stakeholder-types, entity-service",
            "/api/v1/currencies/EUR, entity-service",
            "/api/v1/pledges?q=schools&pillar=ACCESS&page=0&size=20&sort=validatedAt%2Cdesc, pledge-service",
            "/api/v1/pledges/P2C-2024-00933, pledge-service",
            "/api/v1/p2c-targets, pledge-service",
            "/api/v1/open-data/pledges?format=csv, pledge-service",
            "/api/v1/reports?pledge=P2C-2024-00933, reporting-service",
            "/api/v1/reports/compliance?state=OVERDUE, reporting-service",
            "/api/v1/analytics/headline?asOf=2024-07-06, analytics-service",
            "/api/v1/notifications/settings, notification-service",
    })
    void theFirstSegmentNamesTheService(String uri, String service) {
        given().urlEncodingEnabled(false).get(uri).then()
                .statusCode(200)
                .body("from", is(service));
        services.get(service).verify(1, getRequestedFor(urlEqualTo(uri)));
        services.byName().forEach((name, server) -> {
            if (!name.equals(service)) {
                assertThat(server.getAllServeEvents()).as("requests that reached %s", name).isEmpty();
            }
        });
    }

    @Test
    void anUnknownSegmentIsA404ProblemThatReachesNoService() {
        given().get("/api/v1/unicorns/1").then()
                .statusCode(404)
                .contentType(Problems.MEDIA_TYPE)
                .body("status", is(404))
                .body("instance", is("/api/v1/unicorns/1"));
        given().get("/api/v1/entitiesX").then().statusCode(404);
        // Segments no service has operations for are not routed either.
        given().get("/api/v1/reference-data/countries").then().statusCode(404).contentType(Problems.MEDIA_TYPE);
        given().get("/api/v1/compliance/overdue").then().statusCode(404).contentType(Problems.MEDIA_TYPE);
        services.byName().values().forEach(s -> assertThat(s.getAllServeEvents()).isEmpty());
    }

    @Test
    void aPathThatIsNotNormalisedIsRefusedRatherThanRoutedByGuess() {
        given().urlEncodingEnabled(false).get("/api/v1/entities/../pledges").then().statusCode(400)
                .contentType(Problems.MEDIA_TYPE);
        services.byName().values().forEach(s -> assertThat(s.getAllServeEvents()).isEmpty());
    }

    @Test
    void methodHeadersBodyAndTheServicesAnswerPassUnchanged() {
        services.get("pledge-service").stubFor(any(urlEqualTo("/api/v1/pledges")).willReturn(aResponse()
                .withStatus(201)
                .withHeader("Location", "/api/v1/pledges/0f7e")
                .withHeader("ETag", "\"1\"")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"0f7e\"}")));

        given().contentType("application/json")
                .header("Idempotency-Key", "k-1")
                .body("{\"title\":\"Connect 1,000 schools\"}")
                .post("/api/v1/pledges").then()
                .statusCode(201)
                .header("Location", "/api/v1/pledges/0f7e")
                .header("ETag", "\"1\"")
                .body("id", is("0f7e"));

        services.get("pledge-service").verify(postRequestedFor(urlEqualTo("/api/v1/pledges"))
                .withHeader("Idempotency-Key", equalTo("k-1"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"title\":\"Connect 1,000 schools\"}")));
    }

    @Test
    void theCallersRequestIdReachesTheServiceAndComesBack() {
        given().header("X-Request-Id", "req-42")
                .get("/api/v1/pledges").then()
                .statusCode(200)
                .header("X-Request-Id", "req-42");
        services.get("pledge-service").verify(getRequestedFor(urlEqualTo("/api/v1/pledges"))
                .withHeader("X-Request-Id", equalTo("req-42")));
    }

    @Test
    void theCallersTraceGoesOnToTheServiceWithTheGatewaysSpanAsItsParent() {
        String callersTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callersSpan = "00f067aa0ba902b7";
        given().header("traceparent", "00-" + callersTrace + "-" + callersSpan + "-01")
                .header("tracestate", "vendor=opaque")
                .get("/api/v1/pledges").then()
                .statusCode(200);

        var received = services.get("pledge-service").getAllServeEvents().get(0).getRequest().getHeaders();
        // One traceparent, of the caller's trace, whose parent is the gateway's span: not the caller's own header.
        assertThat(received.getHeader("traceparent").values()).singleElement().satisfies(traceparent -> {
            assertThat(traceparent).matches("00-" + callersTrace + "-[0-9a-f]{16}-01");
            assertThat(traceparent.split("-")[2]).isNotEqualTo(callersSpan).isNotEqualTo("0000000000000000");
        });
        assertThat(received.getHeader("tracestate").values()).containsExactly("vendor=opaque");
    }

    @Test
    void aCallWithoutTraceStartsOneThatTheServiceContinues() {
        given().get("/api/v1/countries").then().statusCode(200);
        var received = services.get("entity-service").getAllServeEvents().get(0).getRequest().getHeaders();
        assertThat(received.getHeader("traceparent").values()).singleElement().asString()
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain("00000000000000000000000000000000");
    }

    @Test
    void aRequestWithoutIdGetsOneAndTheServiceSeesTheSame() {
        String id = given().get("/api/v1/countries").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Request-Id");
        services.get("entity-service").verify(anyRequestedFor(urlEqualTo("/api/v1/countries"))
                .withHeader("X-Request-Id", equalTo(id)));
    }

    @Test
    void anIdThatCouldBreakALogLineIsReplaced() {
        String given = "bad id\" injected=" + UUID.randomUUID();
        String id = given().header("X-Request-Id", given).get("/api/v1/countries").then().statusCode(200)
                .extract().header("X-Request-Id");
        assertThat(id).isNotEqualTo(given).matches("[0-9a-f-]{36}");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA504ProblemToRetry() {
        WireMockServer reporting = services.get("reporting-service");
        reporting.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay(6_000)));
        given().get("/api/v1/reports").then()
                .statusCode(504)
                .contentType(Problems.MEDIA_TYPE)
                .header("Retry-After", "5")
                .body("status", is(504))
                .body("detail", is("The reporting-service did not answer in time; try again later"));
    }

    @Test
    void aServiceThatDropsTheConnectionIsA502ProblemToRetry() {
        services.get("analytics-service").stubFor(any(anyUrl())
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().get("/api/v1/analytics/headline").then()
                .statusCode(502)
                .contentType(Problems.MEDIA_TYPE)
                .header("Retry-After", "5")
                .body("status", is(502))
                .body("instance", is("/api/v1/analytics/headline"));
    }
}
