package org.p2c.notification;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Stands in for Keycloak's admin API in this service's fast tests (the end-to-end suite uses the real one): the
 * service account's token, and a user for every subject, whose address is {@code <subject>@example.org}. A subject
 * that begins with {@code fr-} has the locale {@code fr}; {@code gone-} is no account at all.
 */
public class KeycloakAdminStub implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/realms/itu/protocol/openid-connect/token"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("client_id", equalTo("notification-service"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"service-account-token\",\"expires_in\":300}")));
        server.stubFor(get(urlPathMatching("/admin/realms/itu/users/[^/]+"))
                .withHeader("Authorization", equalTo("Bearer service-account-token")).atPriority(5)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withTransformers("response-template")
                        .withBody("{\"id\":\"{{request.pathSegments.[4]}}\",\"enabled\":true,"
                                + "\"email\":\"{{request.pathSegments.[4]}}@example.org\",\"firstName\":\"Ada\"}")));
        server.stubFor(get(urlPathMatching("/admin/realms/itu/users/fr-[^/]+"))
                .withHeader("Authorization", equalTo("Bearer service-account-token")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withTransformers("response-template")
                        .withBody("{\"id\":\"{{request.pathSegments.[4]}}\",\"enabled\":true,"
                                + "\"email\":\"{{request.pathSegments.[4]}}@example.org\",\"firstName\":\"Amélie\","
                                + "\"attributes\":{\"locale\":[\"fr\"]}}")));
        server.stubFor(get(urlPathMatching("/admin/realms/itu/users/gone-[^/]+")).atPriority(1)
                .willReturn(aResponse().withStatus(404)));
        return Map.of("p2c.notifications.keycloak.url", server.baseUrl(),
                "p2c.notifications.keycloak.client-secret", "test-secret");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
