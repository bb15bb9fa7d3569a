package org.p2c.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Every rendered object parses into its API model, and a field the model does not know fails. */
class ApiModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRenderedObjectFitsItsApiModel(String env) {
        var problems = new ArrayList<String>();
        for (var object : Manifests.render(env).objects()) {
            var parsed = StrictModel.read(object);
            if (parsed instanceof OperatorModels.Checked checked) {
                checked.problems().forEach(p -> problems.add(StrictModel.typeKey(object) + " "
                        + Manifests.name(object) + ": " + p));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnknownFieldIsRejectedEvenWhereTheModelKeepsAdditionalProperties() {
        var deployment = Manifests.render("dev").one("Deployment", "gateway").deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("readinessProbes", "typo");
        assertThatThrownBy(() -> StrictModel.read(deployment, Deployment.class))
                .hasMessageContaining("readinessProbes");

        var kafka = Manifests.render("dev").one("Kafka", "p2c").deepCopy();
        ((ObjectNode) kafka.at("/spec/kafka")).put("replicationFactor", 3);
        assertThatThrownBy(() -> StrictModel.read(kafka)).hasMessageContaining("replicationFactor");

        var cluster = Manifests.render("dev").one("Cluster", "p2c-postgres").deepCopy();
        ((ObjectNode) cluster.at("/spec/managed/roles/0")).put("password", "x");
        assertThatThrownBy(() -> StrictModel.read(cluster)).hasMessageContaining("password");

        var realm = Manifests.render("dev").one("KeycloakRealmImport", "itu-realm").deepCopy();
        ((ObjectNode) realm.at("/spec/realm")).put("sslRequire", "all");
        assertThatThrownBy(() -> StrictModel.read(realm)).hasMessageContaining("sslRequire");
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() {
        var cluster = Manifests.render("dev").one("Cluster", "p2c-postgres").deepCopy();
        ((ObjectNode) cluster.at("/spec/postgresql/parameters")).put("max_connections", 200);
        assertThatThrownBy(() -> StrictModel.read(cluster)).hasMessageContaining("max_connections");

        var hpa = Manifests.render("dev").one("HorizontalPodAutoscaler", "gateway").deepCopy();
        ((ObjectNode) hpa.at("/spec")).put("maxReplicas", "2");
        assertThatThrownBy(() -> StrictModel.read(hpa)).hasMessageContaining("maxReplicas");
    }
}
