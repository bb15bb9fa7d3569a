package org.p2c.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay renders with kubectl kustomize, into the objects of the whole platform. */
class OverlayRenderingTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersWithKubectlKustomize(String env) {
        var rendered = Manifests.render(env); // fails with kubectl's stderr if kustomize fails
        assertThat(rendered.objects()).isNotEmpty();
        for (var kind : new String[] {"Namespace", "Deployment", "Service", "ServiceAccount", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy", "Ingress", "ConfigMap", "Kafka", "KafkaNodePool", "KafkaTopic",
                "Cluster", "Database", "Keycloak", "KeycloakRealmImport"}) {
            assertThat(rendered.ofKind(kind)).as(env + " renders a " + kind).isNotEmpty();
        }
    }

    @Test
    void aBrokenOverlayFailsWithKubectlsOwnMessage() throws IOException {
        var dir = Files.createTempDirectory("broken-overlay");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - does-not-exist.yaml\n");
        assertThatThrownBy(() -> Manifests.kustomize(dir))
                .hasMessageContaining("kubectl kustomize")
                .hasMessageContaining("does-not-exist.yaml");
    }
}
