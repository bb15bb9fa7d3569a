package org.p2c.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/** PostgreSQL (CloudNativePG): one cluster, one database and owner role per service, connections that fit. */
class PostgresTest {

    /** Quarkus' default of quarkus.datasource.jdbc.max-size. */
    static final int QUARKUS_DEFAULT_POOL = 20;
    /** Connections PostgreSQL keeps for superusers and the operator's own (replication, instance manager). */
    static final int RESERVED = 10;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceAndKeycloakOwnsOneDatabaseThroughAManagedRoleWithASecretReference(String env) {
        var rendered = Manifests.render(env);
        var cluster = rendered.as("Cluster", "p2c-postgres", OperatorModels.CnpgCluster.class);
        assertThat(cluster.spec().instances()).as("instances").isEqualTo(env.equals("prod") ? 3 : 1);
        assertThat(cluster.spec().enableSuperuserAccess()).isFalse();

        var roles = cluster.spec().managed().roles().stream()
                .collect(Collectors.toMap(OperatorModels.RoleConfiguration::name, r -> r));
        var databases = rendered.as("Database", OperatorModels.CnpgDatabase.class).stream()
                .collect(Collectors.toMap(d -> d.spec().name(), d -> d));

        var expected = new HashMap<>(Manifests.DATABASES.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey)));
        expected.put("keycloak", "Keycloak");
        assertThat(databases.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());

        for (var db : expected.keySet()) {
            var database = databases.get(db).spec();
            assertThat(database.cluster().getName()).as(db).isEqualTo("p2c-postgres");
            assertThat(database.ensure()).as(db).isEqualTo(OperatorModels.Ensure.present);
            assertThat(database.databaseReclaimPolicy()).as(db + ": data outlives the resource")
                    .isEqualTo(OperatorModels.ReclaimPolicy.retain);
            var role = roles.get(database.owner());
            assertThat(role).as("managed role " + database.owner() + " owning " + db).isNotNull();
            assertThat(role.login()).as(role.name() + " can log in").isTrue();
            assertThat(role.ensure()).isEqualTo(OperatorModels.Ensure.present);
            assertThat(role.passwordSecret().getName()).as(role.name() + " passwordSecret").isEqualTo("p2c-db-" + db);
        }
        assertThat(roles.keySet()).as("no role without a database").hasSameSizeAs(expected.keySet());

        var keycloak = rendered.as("Keycloak", "p2c-keycloak", OperatorModels.Keycloak.class).spec().db();
        assertThat(keycloak.host()).isEqualTo("p2c-postgres-rw");
        assertThat(keycloak.database()).isEqualTo("keycloak");
        assertThat(keycloak.usernameSecret().getName()).isEqualTo("p2c-db-keycloak");
        assertThat(keycloak.passwordSecret().getName()).isEqualTo("p2c-db-keycloak");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void connectionsOfAllPodsAtTheirMaximumFitMaxConnections(String env) throws IOException {
        var rendered = Manifests.render(env);
        var cluster = rendered.as("Cluster", "p2c-postgres", OperatorModels.CnpgCluster.class);
        var maxConnections = Integer.parseInt(cluster.spec().postgresql().parameters().get("max_connections"));

        var needed = RESERVED;
        for (var service : Manifests.DATABASES.keySet()) {
            var hpa = rendered.as("HorizontalPodAutoscaler", service, HorizontalPodAutoscaler.class);
            needed += hpa.getSpec().getMaxReplicas() * poolSize(service);
        }
        var keycloak = rendered.as("Keycloak", "p2c-keycloak", OperatorModels.Keycloak.class).spec();
        assertThat(keycloak.db().poolMaxSize()).as("Keycloak's pool is bounded").isNotNull();
        needed += keycloak.instances() * keycloak.db().poolMaxSize();
        assertThat(needed).as("connections at full scale-out vs max_connections " + maxConnections)
                .isLessThanOrEqualTo(maxConnections);
    }

    private static int poolSize(String service) throws IOException {
        var file = Manifests.repoDir().resolve(service).resolve("src/main/resources/application.properties");
        var p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
        }
        var value = p.getProperty("%prod.quarkus.datasource.jdbc.max-size",
                p.getProperty("quarkus.datasource.jdbc.max-size"));
        return value == null ? QUARKUS_DEFAULT_POOL : Integer.parseInt(value.trim());
    }
}
