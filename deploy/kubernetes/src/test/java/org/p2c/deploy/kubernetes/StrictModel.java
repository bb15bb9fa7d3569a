package org.p2c.deploy.kubernetes;

import java.util.Map;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Reads rendered objects into their API models and rejects any field the model does not know.
 *
 * <p>{@code FAIL_ON_UNKNOWN_PROPERTIES} alone is not enough: the fabric8 and Strimzi model classes keep unknown
 * fields in an "additional properties" map (a Jackson any-setter), so this mapper also takes every any-setter and
 * every {@code ignoreUnknown} away; a misspelt or misplaced field then fails with its path.
 */
final class StrictModel {

    /** apiVersion/kind of every object the overlays may contain, and the model it must parse into. */
    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            // Strimzi's own model (io.strimzi:api).
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            // No published Java model on Maven Central: the fields we use, written from the operators' CRDs.
            Map.entry("k8s.keycloak.org/v2beta1/Keycloak", OperatorModels.Keycloak.class),
            Map.entry("k8s.keycloak.org/v2beta1/KeycloakRealmImport", OperatorModels.KeycloakRealmImport.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", OperatorModels.CnpgCluster.class),
            Map.entry("postgresql.cnpg.io/v1/Database", OperatorModels.CnpgDatabase.class));

    static final ObjectMapper MAPPER = strictMapper();

    private static ObjectMapper strictMapper() {
        var mapper = JsonMapper.builder()
                // "3" is not 3 and "true" is not true for the API server either: no silent conversions.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (var shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .registerModule(new SimpleModule("strict").setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                                                             BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    builder.setIgnoreUnknownProperties(false);
                    return builder;
                }
            }));
    }

    private StrictModel() {
    }

    static String typeKey(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    static Class<?> modelOf(JsonNode object) {
        var type = KINDS.get(typeKey(object));
        if (type == null) {
            throw new AssertionError("no API model for " + typeKey(object) + " (" + object.path("metadata").path("name")
                    + "): add one to StrictModel.KINDS");
        }
        return type;
    }

    static <T> T read(JsonNode object, Class<T> type) {
        try {
            return MAPPER.treeToValue(object, type);
        } catch (Exception e) {
            throw new AssertionError(typeKey(object) + " " + object.path("metadata").path("name").asText()
                    + " does not fit its API model: " + e.getMessage(), e);
        }
    }

    static Object read(JsonNode object) {
        return read(object, modelOf(object));
    }
}
