package org.p2c.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** What every service workload of every overlay must have, whatever else changes. */
class WorkloadInvariantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theFiveServicesAreDeployedEachOnce(String env) {
        var names = Manifests.render(env).as("Deployment", Deployment.class).stream()
                .map(d -> d.getMetadata().getName()).toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(Manifests.SERVICES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesResourcesAndALockedDownSecurityContext(String env) {
        var problems = new ArrayList<String>();
        for (var d : Manifests.render(env).as("Deployment", Deployment.class)) {
            var pod = d.getSpec().getTemplate().getSpec();
            var podSecurity = Objects.requireNonNullElse(pod.getSecurityContext(), new PodSecurityContext());
            var containers = new ArrayList<Container>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            for (var c : containers) {
                var where = env + " " + d.getMetadata().getName() + "/" + c.getName() + ": ";
                probe(problems, where + "readinessProbe", c.getReadinessProbe(), "/q/health/ready");
                probe(problems, where + "livenessProbe", c.getLivenessProbe(), "/q/health/live");
                probe(problems, where + "startupProbe", c.getStartupProbe(), "/q/health/started");

                var resources = c.getResources();
                for (var kind : List.of("cpu", "memory")) {
                    if (resources == null || resources.getRequests() == null || !resources.getRequests().containsKey(kind)) {
                        problems.add(where + "no " + kind + " request");
                    }
                    if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey(kind)) {
                        problems.add(where + "no " + kind + " limit");
                    }
                }

                var sc = Objects.requireNonNullElse(c.getSecurityContext(), new SecurityContext());
                var nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podSecurity.getRunAsNonRoot();
                var user = sc.getRunAsUser() != null ? sc.getRunAsUser() : podSecurity.getRunAsUser();
                if (!Boolean.TRUE.equals(nonRoot)) {
                    problems.add(where + "runAsNonRoot is not true");
                }
                if (!Long.valueOf(185).equals(user)) {
                    problems.add(where + "runAsUser is not 185 (the UBI image's user), but " + user);
                }
                if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                    problems.add(where + "readOnlyRootFilesystem is not true");
                }
                if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                    problems.add(where + "allowPrivilegeEscalation is not false");
                }
                if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                        || !sc.getCapabilities().getDrop().contains("ALL")) {
                    problems.add(where + "capabilities do not drop ALL");
                }
                var seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : podSecurity.getSeccompProfile();
                if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
                    problems.add(where + "seccompProfile is not RuntimeDefault");
                }
                var tmpMounted = c.getVolumeMounts() != null && c.getVolumeMounts().stream().anyMatch(m ->
                        "/tmp".equals(m.getMountPath()) && pod.getVolumes().stream().anyMatch(v ->
                                v.getName().equals(m.getName()) && v.getEmptyDir() != null));
                if (!tmpMounted) {
                    problems.add(where + "no emptyDir at /tmp (the root filesystem is read-only)");
                }
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(env + " " + d.getMetadata().getName() + ": automountServiceAccountToken is not false");
            }
            if (d.getSpec().getReplicas() != null) {
                problems.add(env + " " + d.getMetadata().getName()
                        + ": spec.replicas is set, but the HorizontalPodAutoscaler owns the replica count");
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void probe(List<String> problems, String where, Probe probe, String path) {
        if (probe == null) {
            problems.add(where + " is missing");
        } else if (probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())) {
            problems.add(where + " does not GET " + path);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentHasAServiceAccountAPodDisruptionBudgetAndAnAutoscaler(String env) {
        var rendered = Manifests.render(env);
        var pdbs = rendered.as("PodDisruptionBudget", PodDisruptionBudget.class);
        var hpas = rendered.as("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        var accounts = rendered.ofKind("ServiceAccount").map(Manifests::name).collect(Collectors.toSet());
        var problems = new ArrayList<String>();
        for (var d : rendered.as("Deployment", Deployment.class)) {
            var name = d.getMetadata().getName();
            var podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            var pdb = pdbs.stream().filter(p -> podLabels.entrySet()
                    .containsAll(p.getSpec().getSelector().getMatchLabels().entrySet())).toList();
            if (pdb.size() != 1) {
                problems.add(name + ": " + pdb.size() + " PodDisruptionBudgets select its pods");
            }
            var hpa = hpas.stream().filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                    && h.getSpec().getScaleTargetRef().getName().equals(name)).toList();
            if (hpa.size() != 1) {
                problems.add(name + ": " + hpa.size() + " HorizontalPodAutoscalers target it");
            } else {
                var spec = hpa.get(0).getSpec();
                var cpu = spec.getMetrics().stream().anyMatch(m -> m.getResource() != null
                        && "cpu".equals(m.getResource().getName()));
                if (!cpu) {
                    problems.add(name + ": the HorizontalPodAutoscaler does not scale on CPU");
                }
                if (spec.getMinReplicas() == null || spec.getMinReplicas() > spec.getMaxReplicas()) {
                    problems.add(name + ": minReplicas " + spec.getMinReplicas() + " / maxReplicas " + spec.getMaxReplicas());
                }
            }
            var sa = d.getSpec().getTemplate().getSpec().getServiceAccountName();
            if (sa == null || !accounts.contains(sa)) {
                problems.add(name + ": its ServiceAccount " + sa + " is not part of the overlay");
            }
        }
        rendered.as("ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class).forEach(sa -> {
            if (!Boolean.FALSE.equals(sa.getAutomountServiceAccountToken())) {
                problems.add("ServiceAccount " + sa.getMetadata().getName() + ": automountServiceAccountToken is not false");
            }
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void inProdEveryServiceKeepsTwoPodsAndInDevOne(String env) {
        var min = env.equals("prod") ? 2 : 1;
        Manifests.render(env).as("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class).forEach(h ->
                assertThat(h.getSpec().getMinReplicas()).as(h.getMetadata().getName()).isEqualTo(min));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayHasAnIngress(String env) {
        var ingresses = Manifests.render(env).as("Ingress", Ingress.class);
        var backends = new TreeSet<String>();
        ingresses.forEach(i -> i.getSpec().getRules().forEach(r -> r.getHttp().getPaths().forEach(p ->
                backends.add(p.getBackend().getService().getName()))));
        assertThat(ingresses).hasSize(1);
        assertThat(backends).containsExactly("gateway");
        var ingress = ingresses.get(0);
        assertThat(ingress.getSpec().getTls()).as("TLS").isNotEmpty();
        var paths = ingress.getSpec().getRules().get(0).getHttp().getPaths().stream().map(p -> p.getPath()).toList();
        assertThat(paths).as("health and metrics stay inside the cluster").noneMatch(p ->
                p.equals("/") || p.startsWith("/q/health") || p.startsWith("/q/metrics") || p.equals("/q"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noSecretCarriesDataAndEverySecretIsOnlyReferenced(String env) {
        var rendered = Manifests.render(env);
        rendered.as("Secret", Secret.class).forEach(s -> {
            assertThat(s.getData()).as("data of Secret " + s.getMetadata().getName()).isNullOrEmpty();
            assertThat(s.getStringData()).as("stringData of Secret " + s.getMetadata().getName()).isNullOrEmpty();
        });
        assertThat(rendered.text()).as("no password in the manifests")
                .doesNotContainPattern("(?i)\\bpassword\\s*[:=]\\s*['\"]?[A-Za-z0-9]");
        assertThat(SecretReferences.of(rendered)).as("secrets the manifests reference").isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceGetsTheConfigurationItsProdProfileReads(String env) {
        var rendered = Manifests.render(env);
        var configMaps = new HashMap<String, Map<String, String>>();
        rendered.as("ConfigMap", ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c.getData()));
        var problems = new ArrayList<String>();
        for (var d : rendered.as("Deployment", Deployment.class)) {
            var name = d.getMetadata().getName();
            var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            var values = new HashMap<String, String>();
            c.getEnvFrom().forEach(e -> {
                var data = configMaps.get(e.getConfigMapRef().getName());
                if (data == null) {
                    problems.add(name + ": ConfigMap " + e.getConfigMapRef().getName() + " is not in the overlay");
                } else {
                    values.putAll(data);
                }
            });
            var secretRefs = new HashMap<String, String>();
            for (EnvVar e : c.getEnv()) {
                if (e.getValue() != null) {
                    values.put(e.getName(), e.getValue());
                } else if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    var ref = e.getValueFrom().getSecretKeyRef();
                    secretRefs.put(e.getName(), ref.getName() + "/" + ref.getKey());
                }
            }
            var expected = new ArrayList<>(List.of("HTTP_PORT", "OIDC_AUTH_SERVER_URL", "OIDC_AUDIENCE"));
            if (name.equals("gateway")) {
                expected.addAll(List.of("ENTITY_SERVICE_URL", "PLEDGE_SERVICE_URL", "REPORTING_SERVICE_URL",
                        "ANALYTICS_SERVICE_URL", "NOTIFICATION_SERVICE_URL"));
                for (var svc : List.of("entity", "pledge", "reporting", "analytics", "notification")) {
                    problems.addAll(check(name, values.get(svc.toUpperCase() + "_SERVICE_URL"),
                            "http://" + svc + "-service:8080"));
                }
                if (!secretRefs.isEmpty()) {
                    problems.add(name + ": the gateway has no database, but reads secrets " + secretRefs);
                }
            } else {
                expected.addAll(List.of("DB_URL", "KAFKA_BOOTSTRAP_SERVERS"));
                var db = Manifests.DATABASES.get(name);
                problems.addAll(check(name, values.get("DB_URL"), "jdbc:postgresql://p2c-postgres-rw:5432/" + db));
                problems.addAll(check(name, values.get("KAFKA_BOOTSTRAP_SERVERS"), "p2c-kafka-bootstrap:9092"));
                problems.addAll(check(name, secretRefs.get("DB_USERNAME"), "p2c-db-" + db + "/username"));
                problems.addAll(check(name, secretRefs.get("DB_PASSWORD"), "p2c-db-" + db + "/password"));
            }
            if (name.equals("notification-service")) {
                // Its own Secret: the service account's client secret and the key that signs unsubscribe links.
                expected.addAll(List.of("KEYCLOAK_URL", "KEYCLOAK_REALM", "KEYCLOAK_CLIENT_ID", "PUBLIC_BASE_URL"));
                problems.addAll(check(name, secretRefs.get("KEYCLOAK_CLIENT_SECRET"),
                        "notification-service/keycloak-client-secret"));
                problems.addAll(check(name, secretRefs.get("UNSUBSCRIBE_KEY"), "notification-service/unsubscribe-key"));
            }
            problems.addAll(check(name, values.get("HTTP_PORT"), "8080"));
            problems.addAll(check(name, values.get("OIDC_AUDIENCE"), "p2c-api"));
            for (var key : expected) {
                if (values.get(key) == null || values.get(key).isBlank()) {
                    problems.add(name + ": " + key + " is not set");
                }
            }
            // Where its spans go: defined for every service, empty when the environment has no collector.
            if (!values.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")) {
                problems.add(name + ": OTEL_EXPORTER_OTLP_ENDPOINT is not defined (empty for no collector)");
            }
            var port = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst();
            if (port.isEmpty() || port.get().getContainerPort() != 8080) {
                problems.add(name + ": no container port http 8080");
            }
        }
        for (var s : rendered.as("Service", Service.class)) {
            var port = s.getSpec().getPorts().get(0);
            if (port.getPort() != 8080 || !"http".equals(port.getTargetPort().getStrVal())) {
                problems.add("Service " + s.getMetadata().getName() + ": not 8080 -> http");
            }
        }
        assertThat(problems).isEmpty();
    }

    private static List<String> check(String service, String actual, String expected) {
        return Objects.equals(actual, expected) ? List.of() : List.of(service + ": " + actual + " instead of " + expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void imagesComeWithRegistryAndTagFromTheOverlayAndNeverLatest(String env) {
        var images = Manifests.render(env).as("Deployment", Deployment.class).stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(),
                        d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));
        images.forEach((service, image) -> assertThat(image).as(service)
                .matches("[a-z0-9.-]+(:[0-9]+)?/.+/" + service + ":[A-Za-z0-9._-]+")
                .doesNotEndWith(":latest"));
        var tags = images.values().stream().map(i -> i.substring(i.lastIndexOf(':') + 1)).collect(Collectors.toSet());
        assertThat(tags).as("one release: the five images share a tag").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectLandsInTheOverlaysNamespaceAndNoPlaceholderHostIsLeft(String env) {
        var rendered = Manifests.render(env);
        var outside = rendered.objects().stream()
                .filter(o -> !o.path("kind").asText().equals("Namespace"))
                .filter(o -> !rendered.namespace().equals(o.path("metadata").path("namespace").asText()))
                .map(StrictModel::typeKey).toList();
        assertThat(outside).isEmpty();
        assertThat(rendered.ofKind("Namespace").map(Manifests::name).toList()).containsExactly(rendered.namespace());
        assertThat(rendered.text()).as("base placeholders replaced by the overlay").doesNotContain(".invalid");
    }

    /** Names of Secrets the rendered objects refer to (none of which they define). */
    static final class SecretReferences {
        static Set<String> of(Manifests.Rendered rendered) {
            var names = new TreeSet<String>();
            rendered.objects().forEach(o -> collect(o, names, null));
            return names;
        }

        private static void collect(com.fasterxml.jackson.databind.JsonNode node, Set<String> names, String field) {
            if (node.isObject()) {
                if (field != null && (field.equals("secretKeyRef") || field.equals("usernameSecret")
                        || field.equals("passwordSecret"))) {
                    names.add(node.path("name").asText());
                }
                // A KeycloakRealmImport's placeholders: spec.placeholders.<NAME>.secret.{name, key}.
                if ("secret".equals(field) && node.path("name").isTextual() && node.has("key")) {
                    names.add(node.path("name").asText());
                }
                node.fields().forEachRemaining(e -> {
                    if ((e.getKey().equals("secretName") || e.getKey().equals("tlsSecret")) && e.getValue().isTextual()) {
                        names.add(e.getValue().asText());
                    }
                    collect(e.getValue(), names, e.getKey());
                });
            } else if (node.isArray()) {
                node.forEach(n -> collect(n, names, field));
            }
        }
    }
}
