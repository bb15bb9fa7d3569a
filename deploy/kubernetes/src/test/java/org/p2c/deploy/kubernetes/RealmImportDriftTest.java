package org.p2c.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * The cluster's realm is the local realm: each overlay's committed keycloak-realm-import.yaml is exactly what
 * RealmImportGenerator makes of deploy/keycloak/itu-realm.json (the file ./p2c run imports), and survives
 * kubectl kustomize unchanged.
 */
class RealmImportDriftTest {

    private static final String REGENERATE = "regenerate with: ./mvnw -q -pl deploy/kubernetes compile exec:java";

    @Test
    void bothOverlaysHaveARealmImport() throws IOException {
        var overlays = RealmImportGenerator.overlaysWithRealmImport(Manifests.moduleDir()).stream()
                .map(p -> p.getFileName().toString()).toList();
        assertThat(overlays).containsExactlyInAnyOrderElementsOf(Manifests.NAMESPACES.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void committedRealmImportIsWhatTheGeneratorMakesOfTheRealmFile(String env) throws IOException {
        var overlay = Manifests.overlayDir(env);
        var committed = Files.readString(overlay.resolve(RealmImportGenerator.OUTPUT_FILE));
        var generated = RealmImportGenerator.render(Manifests.moduleDir(), overlay);
        assertThat(committed).as("overlays/" + env + "/" + RealmImportGenerator.OUTPUT_FILE
                + " differs from deploy/keycloak/itu-realm.json; " + REGENERATE).isEqualTo(generated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void renderedRealmIsTheTransformedRealmFileValueForValue(String env) {
        var rendered = Manifests.render(env).one("KeycloakRealmImport", RealmImportGenerator.RESOURCE_NAME);
        var settings = RealmImportGenerator.Settings.read(Manifests.overlayDir(env));
        var expected = RealmImportGenerator.transform(RealmImportGenerator.readRealm(Manifests.moduleDir()), settings);
        // Same tree, same types: "true" stays a string, 300 stays a number, through YAML and kustomize.
        assertThat(rendered.at("/spec/realm")).isEqualTo(expected);
        assertThat(rendered.at("/spec/keycloakCRName").asText()).isEqualTo(settings.keycloakCRName());
        Manifests.render(env).one("Keycloak", settings.keycloakCRName());
    }

    @Test
    void prodImportsRolesScopesAndClientsButNoUserAndNoSecret() {
        var source = RealmImportGenerator.readRealm(Manifests.moduleDir());
        var prod = (ObjectNode) Manifests.render("prod").one("KeycloakRealmImport", "itu-realm").at("/spec/realm");

        assertThat(prod.has("users")).as("demo users in prod").isFalse();
        assertThat(prod.findValues("secret")).as("client secrets in prod").isEmpty();
        assertThat(prod.findValues("credentials")).as("credentials in prod").isEmpty();
        assertThat(prod.path("sslRequired").asText()).isEqualTo("external");
        for (var field : new String[] {"realm", "roles", "defaultRole", "clientScopes", "defaultDefaultClientScopes",
                "components", "accessTokenLifespan", "registrationAllowed"}) {
            assertThat(prod.get(field)).as(field + " as in the realm file").isEqualTo(source.get(field));
        }
        var expectedClients = new TreeSet<String>();
        source.get("clients").forEach(c -> {
            if (!c.has("secret")) {
                expectedClients.add(c.path("clientId").asText());
            }
        });
        assertThat(clientIds(prod)).isEqualTo(expectedClients).contains("p2c-api", "p2c-frontend", "p2c-swagger-ui");
        prod.get("clients").forEach(c -> {
            assertThat(c.path("directAccessGrantsEnabled").asBoolean(false)).as(c.path("clientId") + " password grant")
                    .isFalse();
            c.path("redirectUris").forEach(u -> assertThat(u.asText()).startsWith("https://"));
        });
    }

    @Test
    void devImportsTheRealmFileWithItsDemoUsers() {
        var source = RealmImportGenerator.readRealm(Manifests.moduleDir());
        var dev = Manifests.render("dev").one("KeycloakRealmImport", "itu-realm").at("/spec/realm");
        assertThat(dev.get("users")).isEqualTo(source.get("users"));
        assertThat(clientIds(dev)).isEqualTo(clientIds(source));
        assertThat(dev.get("roles")).isEqualTo(source.get("roles"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void servicesTrustTheIssuerKeycloakServesAndTheGatewayOriginMaySignIn(String env) {
        var rendered = Manifests.render(env);
        var realmName = rendered.one("KeycloakRealmImport", "itu-realm").at("/spec/realm/realm").asText();
        var hostname = rendered.one("Keycloak", "p2c-keycloak").at("/spec/hostname/hostname").asText();
        var oidc = rendered.as("ConfigMap", ConfigMap.class).stream()
                .filter(c -> c.getData().containsKey("OIDC_AUTH_SERVER_URL")).toList();
        assertThat(oidc).hasSize(1);
        assertThat(oidc.get(0).getData().get("OIDC_AUTH_SERVER_URL")).isEqualTo(hostname + "/realms/" + realmName);
        assertThat(URI.create(hostname).getScheme()).isEqualTo("https");

        var apiHost = rendered.as("Ingress", "gateway", Ingress.class).getSpec().getRules().get(0).getHost();
        var settings = RealmImportGenerator.Settings.read(Manifests.overlayDir(env));
        assertThat(settings.publicOrigins()).as("the gateway's Swagger UI may sign in").contains("https://" + apiHost);
    }

    private static Set<String> clientIds(JsonNode realm) {
        var ids = new TreeSet<String>();
        realm.path("clients").forEach(c -> ids.add(c.path("clientId").asText()));
        return ids;
    }
}
