package org.p2c.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/**
 * Who may reach whom. The policies are evaluated here as Kubernetes would: a pod is reachable on a port from a
 * peer if any policy selecting the pod has an ingress rule admitting that peer on that port; a pod no policy
 * selects would be open, so default-deny must select every pod.
 */
class NetworkPolicyTest {

    static final String INGRESS_CONTROLLER = "namespace:ingress-nginx";
    static final String MONITORING = "namespace:monitoring";

    /** The operator-managed pods, by the labels their operators give them. */
    static final Map<String, Map<String, String>> OPERATOR_PODS = Map.of(
            "postgres", Map.of("cnpg.io/cluster", "p2c-postgres", "cnpg.io/podRole", "instance"),
            "kafka-broker", Map.of("strimzi.io/cluster", "p2c", "strimzi.io/kind", "Kafka",
                    "strimzi.io/broker-role", "true", "strimzi.io/controller-role", "true"),
            "keycloak", Map.of("app", "keycloak", "app.kubernetes.io/managed-by", "keycloak-operator",
                    "app.kubernetes.io/instance", "p2c-keycloak", "app.kubernetes.io/component", "server"),
            "keycloak-realm-import", Map.of("app", "keycloak-realm-import",
                    "app.kubernetes.io/managed-by", "keycloak-operator", "app.kubernetes.io/instance", "p2c-keycloak"),
            "cnpg-operator", Map.of("app.kubernetes.io/name", "cloudnative-pg"));

    /** A pod of the overlay's namespace (labels), or a whole other namespace ("namespace:x"). */
    record Peer(String name, Map<String, String> labels) {
        boolean inOwnNamespace() {
            return !name.startsWith("namespace:");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void defaultDenySelectsEveryPod(String env) {
        var policies = Manifests.render(env).as("NetworkPolicy", NetworkPolicy.class);
        var denyAll = policies.stream().filter(p -> isEmpty(p.getSpec().getPodSelector().getMatchLabels())
                        && isEmpty(p.getSpec().getPodSelector().getMatchExpressions())
                        && p.getSpec().getPolicyTypes().contains("Ingress")
                        && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty()))
                .map(p -> p.getMetadata().getName()).toList();
        assertThat(denyAll).containsExactly("default-deny-ingress");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceIsReachableOnlyFromWhatMustReachIt(String env) {
        var rendered = Manifests.render(env);
        var policies = rendered.as("NetworkPolicy", NetworkPolicy.class);
        var pods = podsOf(rendered);
        var peers = new ArrayList<Peer>();
        pods.forEach((name, labels) -> peers.add(new Peer(name, labels)));
        OPERATOR_PODS.forEach((name, labels) -> peers.add(new Peer(name, labels)));
        peers.add(new Peer(INGRESS_CONTROLLER, Map.of()));
        peers.add(new Peer(MONITORING, Map.of()));
        peers.add(new Peer("namespace:cnpg-system/cloudnative-pg", Map.of("app.kubernetes.io/name", "cloudnative-pg")));
        peers.add(new Peer("namespace:elsewhere", Map.of()));

        assertThat(admitted(policies, pods.get("gateway"), 8080, peers))
                .containsExactlyInAnyOrder(INGRESS_CONTROLLER, MONITORING);
        for (var service : Manifests.DATABASES.keySet()) {
            assertThat(admitted(policies, pods.get(service), 8080, peers)).as(service)
                    .containsExactlyInAnyOrder("gateway", MONITORING);
        }
        assertThat(admitted(policies, OPERATOR_PODS.get("postgres"), 5432, peers)).as("PostgreSQL")
                .containsExactlyInAnyOrder("entity-service", "pledge-service", "reporting-service", "analytics-service",
                        "notification-service", "keycloak", "keycloak-realm-import", "postgres");
        assertThat(admitted(policies, OPERATOR_PODS.get("postgres"), 8000, peers)).as("CloudNativePG instance manager")
                .containsExactlyInAnyOrder("postgres", "namespace:cnpg-system/cloudnative-pg");
        assertThat(admitted(policies, OPERATOR_PODS.get("kafka-broker"), 9092, peers)).as("Kafka")
                .containsExactlyInAnyOrder("entity-service", "pledge-service", "reporting-service", "analytics-service",
                        "notification-service");
        assertThat(admitted(policies, OPERATOR_PODS.get("keycloak"), 8080, peers)).as("Keycloak")
                .containsExactlyInAnyOrder(INGRESS_CONTROLLER, "gateway", "entity-service", "pledge-service",
                        "reporting-service", "analytics-service", "notification-service");
        assertThat(admitted(policies, OPERATOR_PODS.get("keycloak"), 7800, peers)).as("Keycloak cluster")
                .containsExactly("keycloak");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void strimziGetsTheSameListenerPeersAsOurPolicyAndKeycloaksOwnPolicyIsOff(String env) {
        var rendered = Manifests.render(env);
        var listeners = rendered.one("Kafka", "p2c").at("/spec/kafka/listeners");
        listeners.forEach(l -> assertThat(l.path("networkPolicyPeers").toString()).as("listener " + l.path("name"))
                .isEqualTo("[{\"podSelector\":{\"matchLabels\":{\"p2c/kafka-client\":\"true\"}}}]"));
        assertThat(rendered.one("Keycloak", "p2c-keycloak").at("/spec/networkPolicy/enabled").asBoolean(true)).isFalse();
    }

    private static boolean isEmpty(Object mapOrList) {
        return mapOrList == null || mapOrList instanceof Map<?, ?> m && m.isEmpty()
                || mapOrList instanceof List<?> l && l.isEmpty();
    }

    /** The pod labels of each Deployment. */
    static Map<String, Map<String, String>> podsOf(Manifests.Rendered rendered) {
        var pods = new java.util.TreeMap<String, Map<String, String>>();
        rendered.as("Deployment", Deployment.class).forEach(d ->
                pods.put(d.getMetadata().getName(), d.getSpec().getTemplate().getMetadata().getLabels()));
        return pods;
    }

    /** Names of the peers that may open a connection to a pod with these labels on this port. */
    static Set<String> admitted(List<NetworkPolicy> policies, Map<String, String> pod, int port, List<Peer> peers) {
        var selecting = policies.stream().filter(p -> matches(p.getSpec().getPodSelector(), pod)
                && p.getSpec().getPolicyTypes().contains("Ingress")).toList();
        var result = new TreeSet<String>();
        if (selecting.isEmpty()) {
            peers.forEach(p -> result.add(p.name()));
            return result;
        }
        for (var policy : selecting) {
            if (policy.getSpec().getIngress() == null) {
                continue;
            }
            for (var rule : policy.getSpec().getIngress()) {
                var portOk = rule.getPorts() == null || rule.getPorts().isEmpty() || rule.getPorts().stream()
                        .anyMatch(p -> p.getPort() == null || Integer.valueOf(port).equals(p.getPort().getIntVal()));
                if (!portOk) {
                    continue;
                }
                for (var peer : peers) {
                    if (rule.getFrom() == null || rule.getFrom().isEmpty()
                            || rule.getFrom().stream().anyMatch(f -> admits(f, peer))) {
                        result.add(peer.name());
                    }
                }
            }
        }
        return result;
    }

    private static boolean admits(NetworkPolicyPeer from, Peer peer) {
        if (from.getIpBlock() != null) {
            return true; // not used by these manifests; would admit more than a label can tell
        }
        if (from.getNamespaceSelector() == null) {
            return peer.inOwnNamespace() && matches(from.getPodSelector(), peer.labels());
        }
        if (peer.inOwnNamespace()) {
            return false; // our namespaces carry no label that these selectors name
        }
        var namespace = peer.name().substring("namespace:".length()).split("/")[0];
        var nsOk = matches(from.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", namespace));
        return nsOk && (from.getPodSelector() == null || matches(from.getPodSelector(), peer.labels()));
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null
                && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (var e : selector.getMatchExpressions()) {
                var value = labels.get(e.getKey());
                var values = e.getValues() == null ? Set.<String>of() : new HashSet<>(e.getValues());
                var ok = switch (e.getOperator()) {
                    case "In" -> value != null && values.contains(value);
                    case "NotIn" -> value == null || !values.contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown selector operator " + e.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
