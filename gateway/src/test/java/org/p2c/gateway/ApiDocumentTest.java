package org.p2c.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The merged API document as the gateway serves it: the servers and sign-in of the environment it runs in (from
 * configuration), Swagger UI's Authorize limited to authorization code with the scopes that matter, and on every
 * operation what the gateway itself adds (optional token on public operations, its error answers, the rate-limit
 * headers).
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@TestProfile(ApiDocumentTest.Production.class)
class ApiDocumentTest {

    static final String GATEWAY = "https://api.p2c.example.org";
    static final String REALM = "https://login.p2c.example.org/realms/itu";

    /** The public URLs of a deployment, as its configuration names them. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "p2c.openapi.public-url", GATEWAY + "/",
                    "p2c.openapi.environment", "production",
                    "p2c.openapi.public-issuer-url", REALM);
        }
    }

    @ConfigProperty(name = "quarkus.swagger-ui.oauth-scopes")
    String swaggerUiScopes;

    private JsonPath document;

    @BeforeEach
    void read() {
        document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theOneServerIsTheGatewaysPublicUrlNamingItsEnvironment() {
        List<Map<String, Object>> servers = document.getList("servers");

        assertThat(servers).hasSize(1);
        assertThat(servers.get(0)).containsEntry("url", GATEWAY).containsEntry("x-internal", false);
        assertThat((String) servers.get(0).get("description")).contains("production");
    }

    @Test
    void authorizeOffersOnlyTheAuthorizationCodeFlowOnTheRealmWithTheScopesSwaggerUiAsksFor() {
        Map<String, Object> scheme = document.getMap("components.securitySchemes.itu");

        assertThat(document.getMap("components.securitySchemes")).containsOnlyKeys("itu");
        assertThat(scheme).containsEntry("type", "oauth2");
        assertThat(document.getMap("components.securitySchemes.itu.flows")).containsOnlyKeys("authorizationCode");
        Map<String, Object> flow = document.getMap("components.securitySchemes.itu.flows.authorizationCode");
        assertThat(flow).containsEntry("authorizationUrl", REALM + "/protocol/openid-connect/auth")
                .containsEntry("tokenUrl", REALM + "/protocol/openid-connect/token")
                .containsEntry("refreshUrl", REALM + "/protocol/openid-connect/token");
        assertThat(document.getMap("components.securitySchemes.itu.flows.authorizationCode.scopes"))
                .containsOnlyKeys(Arrays.asList(swaggerUiScopes.split(" ")));
        assertThat((String) scheme.get("description")).contains("RFC8725");
    }

    @Test
    void everyOperationNamesItsSecurityTheGatewaysAnswersAndTheBudgetHeaders() {
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        assumeTrue(paths != null && !paths.isEmpty(), "no service has stored its document yet (build them first)");
        List<String> checked = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            String name = method.toUpperCase() + " " + path;
            String at = "paths.'" + path + "'." + method;
            List<Map<String, List<String>>> security = document.getList(at + ".security");
            assertThat(security).as("%s names who may call it", name).isNotEmpty();
            if (security.stream().anyMatch(Map::isEmpty)) {
                assertThat(security).as("%s is public: anonymous, or with an itu token", name)
                        .containsExactly(Map.of(), Map.of("itu", List.of()));
            }
            Map<String, Map<String, Object>> responses = document.getMap(at + ".responses");
            assertThat(responses).as(name).containsKeys("401", "429", "500", "502", "504");
            assertThat(document.getMap(at + ".responses.429.headers")).as(name).containsKey("Retry-After");
            responses.forEach((status, response) -> assertThat(document.getMap(at + ".responses." + status + ".headers"))
                    .as("%s answers %s with the caller's budget", name, status)
                    .containsKeys("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"));
            checked.add(name);
        }));
        assertThat(checked).contains("GET /api/v1/currencies");
    }

    @Test
    void everyErrorAnswerShowsAProblemOfItsOwnStatus() {
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        assumeTrue(paths != null && !paths.isEmpty(), "no service has stored its document yet (build them first)");
        List<String> checked = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            String at = "paths.'" + path + "'." + method + ".responses";
            Map<String, Object> responses = document.getMap(at);
            responses.keySet().stream().filter(status -> status.matches("[45]\\d\\d")).forEach(status -> {
                Map<String, Map<String, Object>> examples =
                        document.getMap(at + ".'" + status + "'.content.'application/problem+json'.examples");
                assertThat(examples).as("%s %s %s shows its problem", method, path, status).isNotEmpty();
                examples.forEach((name, example) -> assertThat(((Map<?, ?>) example.get("value")).get("status"))
                        .as("%s %s %s example %s", method, path, status, name).isEqualTo(Integer.parseInt(status)));
                checked.add(method + " " + path + " " + status);
            });
        }));
        assertThat(checked).contains("get /api/v1/currencies 429", "get /api/v1/currencies 502");
    }
}
