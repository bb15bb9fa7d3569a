package org.p2c.deploy.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Models of the Keycloak Operator's and CloudNativePG's custom resources, for the fields these manifests use.
 *
 * <p>Neither operator publishes a Java model (or a jar with its CRD) on Maven Central, so these records were
 * written by hand from their API references: Keycloak Operator 26.7 ({@code org.keycloak.operator.crds.v2beta1},
 * {@code k8s.keycloak.org/v2beta1}) and CloudNativePG 1.30 ({@code postgresql.cnpg.io/v1}). Read through
 * {@link StrictModel}, a field that is not modelled here fails, so a typo cannot pass; a field that is valid
 * but not modelled yet has to be added here, with its type from the reference. Nested Kubernetes types
 * (secret references, resources, network policy peers) are fabric8's, and a realm import's {@code spec.realm}
 * is Keycloak's own {@link RealmRepresentation} (keycloak-core), exactly what the operator's model uses.
 * What each CRD marks as required is checked by {@link Checked#problems()}.
 */
final class OperatorModels {

    private OperatorModels() {
    }

    /** Required fields and allowed values, as the CRDs state them. */
    interface Checked {
        List<String> problems();
    }

    private static void require(List<String> problems, boolean ok, String what) {
        if (!ok) {
            problems.add(what);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    // --- Keycloak Operator: Keycloak -------------------------------------------------------------------

    record Keycloak(String apiVersion, String kind, ObjectMeta metadata, KeycloakSpec spec) implements Checked {
        @Override
        public List<String> problems() {
            var p = new ArrayList<String>();
            require(p, spec != null, "spec is required");
            if (spec != null) {
                require(p, spec.instances == null || spec.instances >= 1, "spec.instances must be >= 1");
                require(p, spec.db != null && present(spec.db.vendor), "spec.db.vendor is required");
                if (spec.db != null) {
                    require(p, present(spec.db.url) || present(spec.db.host), "spec.db.host or spec.db.url is required");
                    require(p, spec.db.usernameSecret != null && present(spec.db.usernameSecret.getName())
                            && present(spec.db.usernameSecret.getKey()), "spec.db.usernameSecret needs name and key");
                    require(p, spec.db.passwordSecret != null && present(spec.db.passwordSecret.getName())
                            && present(spec.db.passwordSecret.getKey()), "spec.db.passwordSecret needs name and key");
                }
                // Without TLS the server needs the HTTP listener; the operator refuses the CR otherwise.
                require(p, spec.http != null && (present(spec.http.tlsSecret) || Boolean.TRUE.equals(spec.http.httpEnabled)),
                        "spec.http needs tlsSecret or httpEnabled: true");
                require(p, spec.hostname != null && present(spec.hostname.hostname)
                        || spec.hostname != null && Boolean.FALSE.equals(spec.hostname.strict),
                        "spec.hostname.hostname is required (or strict: false)");
            }
            return p;
        }
    }

    record KeycloakSpec(Integer instances, String image, Boolean startOptimized,
                        List<ValueOrSecret> additionalOptions, List<ValueOrSecret> env,
                        HttpSpec http, IngressSpec ingress, DatabaseSpec db, HostnameSpec hostname,
                        ResourceRequirements resources, ProxySpec proxy, NetworkPolicySpec networkPolicy,
                        HttpManagementSpec httpManagement, BootstrapAdminSpec bootstrapAdmin, FeatureSpec features) {
    }

    record ValueOrSecret(String name, String value, SecretKeySelector secret) {
    }

    record HttpSpec(String tlsSecret, Boolean httpEnabled, Integer httpPort, Integer httpsPort,
                    Map<String, String> annotations, Map<String, String> labels) {
    }

    record IngressSpec(Boolean enabled, String className, Map<String, String> annotations, String tlsSecret,
                       Map<String, String> labels) {
    }

    record DatabaseSpec(String vendor, SecretKeySelector usernameSecret, SecretKeySelector passwordSecret,
                        String database, String host, Integer port, String schema, String url,
                        Integer poolInitialSize, Integer poolMinSize, Integer poolMaxSize) {
    }

    record HostnameSpec(String hostname, String admin, Boolean strict, Boolean backchannelDynamic) {
    }

    enum ProxyHeaders { forwarded, xforwarded }

    record ProxySpec(ProxyHeaders headers) {
    }

    record NetworkPolicySpec(Boolean enabled, List<NetworkPolicyPeer> http, List<NetworkPolicyPeer> https,
                             List<NetworkPolicyPeer> management) {
    }

    record HttpManagementSpec(Integer port) {
    }

    record BootstrapAdminSpec(SecretName user, SecretName service) {
    }

    record SecretName(String secret) {
    }

    record FeatureSpec(List<String> enabled, List<String> disabled) {
    }

    // --- Keycloak Operator: KeycloakRealmImport --------------------------------------------------------

    record KeycloakRealmImport(String apiVersion, String kind, ObjectMeta metadata, RealmImportSpec spec)
            implements Checked {
        @Override
        public List<String> problems() {
            var p = new ArrayList<String>();
            require(p, spec != null, "spec is required");
            if (spec != null) {
                require(p, present(spec.keycloakCRName), "spec.keycloakCRName is required");
                require(p, spec.realm != null && present(spec.realm.getRealm()), "spec.realm with a realm name is required");
            }
            return p;
        }
    }

    record RealmImportSpec(String keycloakCRName, RealmRepresentation realm, ResourceRequirements resources,
                           Map<String, Placeholder> placeholders, Map<String, String> labels) {
    }

    record Placeholder(PlaceholderSecret secret) {
    }

    record PlaceholderSecret(String name, String key) {
    }

    // --- CloudNativePG: Cluster ------------------------------------------------------------------------

    enum Ensure { present, absent }

    record CnpgCluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) implements Checked {
        @Override
        public List<String> problems() {
            var p = new ArrayList<String>();
            require(p, spec != null, "spec is required");
            if (spec != null) {
                require(p, spec.instances != null && spec.instances >= 1, "spec.instances (>= 1) is required");
                require(p, spec.storage != null && present(spec.storage.size) || spec.storage != null
                        && present(spec.storage.storageClass), "spec.storage needs a size");
                if (spec.managed != null && spec.managed.roles != null) {
                    for (var role : spec.managed.roles) {
                        require(p, present(role.name), "spec.managed.roles[].name is required");
                        require(p, role.passwordSecret == null || present(role.passwordSecret.getName()),
                                "spec.managed.roles[" + role.name + "].passwordSecret.name is required");
                    }
                }
                if (spec.postgresql != null && spec.postgresql.parameters != null) {
                    spec.postgresql.parameters.forEach((k, v) ->
                            require(p, v != null, "spec.postgresql.parameters." + k + " must be a string"));
                }
            }
            return p;
        }
    }

    record ClusterSpec(Integer instances, String imageName, String description, Boolean enableSuperuserAccess,
                       StorageConfiguration storage, PostgresConfiguration postgresql, ResourceRequirements resources,
                       ManagedConfiguration managed, MonitoringConfiguration monitoring,
                       String primaryUpdateStrategy, String primaryUpdateMethod) {
    }

    record StorageConfiguration(String size, String storageClass, Boolean resizeInUseVolumes) {
    }

    record PostgresConfiguration(Map<String, String> parameters) {
    }

    record MonitoringConfiguration(Boolean enablePodMonitor) {
    }

    record ManagedConfiguration(List<RoleConfiguration> roles) {
    }

    record RoleConfiguration(String name, String comment, Ensure ensure, LocalObjectReference passwordSecret,
                             Boolean disablePassword, Integer connectionLimit, String validUntil, List<String> inRoles,
                             Boolean inherit, Boolean superuser, Boolean createdb, Boolean createrole, Boolean login,
                             Boolean replication, Boolean bypassrls) {
    }

    // --- CloudNativePG: Database -----------------------------------------------------------------------

    enum ReclaimPolicy { retain, delete }

    record CnpgDatabase(String apiVersion, String kind, ObjectMeta metadata, CnpgDatabaseSpec spec)
            implements Checked {
        @Override
        public List<String> problems() {
            var p = new ArrayList<String>();
            require(p, spec != null, "spec is required");
            if (spec != null) {
                require(p, spec.cluster != null && present(spec.cluster.getName()), "spec.cluster.name is required");
                require(p, present(spec.name), "spec.name is required");
                require(p, present(spec.owner), "spec.owner is required");
            }
            return p;
        }
    }

    record CnpgDatabaseSpec(LocalObjectReference cluster, Ensure ensure, String name, String owner,
                            ReclaimPolicy databaseReclaimPolicy, String template, String encoding,
                            @JsonProperty("isTemplate") Boolean isTemplate, Boolean allowConnections,
                            Integer connectionLimit, String tablespace) {
    }
}
