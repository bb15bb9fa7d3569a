package org.p2c.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * deploy/README.md gets a reader from an empty cluster to a running platform without guessing: every Secret the
 * manifests reference has its create command there, and the names, hosts and images it tells match the overlays.
 */
class OpsDocumentationTest {

    static String readme() throws IOException {
        return Files.readString(Manifests.repoDir().resolve("deploy/README.md"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyReferencedSecretHasItsCreateCommandInTheReadme(String env) throws IOException {
        var created = new TreeSet<String>();
        var command = Pattern.compile("kubectl -n \"\\$NS\" create secret (?:generic|tls|docker-registry) ([a-z0-9-]+)");
        var m = command.matcher(readme());
        while (m.find()) {
            created.add(m.group(1));
        }
        var referenced = WorkloadInvariantsTest.SecretReferences.of(Manifests.render(env));
        assertThat(created).as("secrets created in deploy/README.md").containsAll(referenced);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theReadmeNamesTheOverlaysNamespaceAndHostnames(String env) throws IOException {
        var rendered = Manifests.render(env);
        var readme = readme();
        var apiHost = rendered.as("Ingress", "gateway", Ingress.class).getSpec().getRules().get(0).getHost();
        var loginHost = URI.create(rendered.one("Keycloak", "p2c-keycloak").at("/spec/hostname/hostname").asText()).getHost();
        assertThat(readme).contains("`" + rendered.namespace() + "`", "https://" + apiHost, "https://" + loginHost);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "entity-service", "pledge-service", "reporting-service", "analytics-service",
            "notification-service"})
    void everyServiceHasTheQuarkusJvmDockerfile(String service) throws IOException {
        var dockerfile = Manifests.repoDir().resolve(service).resolve("src/main/docker/Dockerfile.jvm");
        assertThat(dockerfile).exists();
        var text = Files.readString(dockerfile);
        assertThat(text)
                .containsPattern("(?m)^FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:[0-9.]+$")
                .contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/")
                .contains("COPY --chown=185 target/quarkus-app/*.jar /deployments/")
                .contains("COPY --chown=185 target/quarkus-app/app/ /deployments/app/")
                .contains("COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/")
                .containsPattern("(?m)^USER 185$")
                .containsPattern("(?m)^EXPOSE 8080$");
    }
}
