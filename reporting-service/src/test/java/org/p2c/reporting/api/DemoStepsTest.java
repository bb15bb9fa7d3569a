package org.p2c.reporting.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.reporting.api.ReportWorld.as;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * The demo data of {@code ./p2c run} (demo/steps.json) loads through the API: entities and pledges are made as
 * entity-service's and pledge-service's own demo steps make them (who registered which entity, which partner client
 * it bound, which pledges were validated), then every reporting step runs as its demo account.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class DemoStepsTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    @Test
    void theDemoReportsLoadOnTheDemoPledges() throws Exception {
        Map<String, String> saved = new HashMap<>();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            ReportWorld world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
            Map<String, String> registeredBy = new HashMap<>();
            Map<String, String> clients = new HashMap<>();
            for (JsonNode step : read("../entity-service/demo/steps.json")) {
                String path = step.get("path").asText();
                if (path.equals("/api/v1/entities") && step.has("save")) {
                    registeredBy.put(step.get("save").fieldNames().next(), step.get("as").asText());
                } else if (path.endsWith("/partner-clients")) {
                    clients.put(variableIn(path), step.get("body").get("clientId").asText());
                }
            }
            List<UUID> entities = new ArrayList<>();
            for (var entity : registeredBy.entrySet()) {
                UUID id = UUID.randomUUID();
                saved.put(entity.getKey(), id.toString());
                world.entity(id, entity.getValue(), clients.get(entity.getKey()), "GOVERNMENT");
                entities.add(id);
            }
            ReportWorld.awaitEntities(entities.toArray(UUID[]::new));

            Map<String, String> pledgerOf = new HashMap<>();
            List<String> validated = new ArrayList<>();
            for (JsonNode step : read("../pledge-service/demo/steps.json")) {
                String path = step.get("path").asText();
                if (path.equals("/api/v1/pledges") && step.has("save")) {
                    pledgerOf.put(step.get("save").fieldNames().next(), variableIn(step.get("body").get("pledgerEntityId").asText()));
                } else if (path.endsWith("/validation")) {
                    validated.add(variableIn(path));
                }
            }
            List<UUID> pledges = new ArrayList<>();
            for (var pledge : pledgerOf.entrySet()) {
                UUID id = UUID.randomUUID();
                saved.put(pledge.getKey(), id.toString());
                String status = validated.contains(pledge.getKey()) ? "VALIDATED" : "DRAFT";
                world.pledge(id, UUID.fromString(saved.get(pledge.getValue())), status, 3, List.of("KHM"), ReportWorld.VALIDATED_AT);
                pledges.add(id);
            }
            for (UUID id : pledges) {
                ReportWorld.awaitPledge(id, 3);
            }
        }

        JsonNode steps = read("demo/steps.json");
        for (JsonNode step : steps) {
            String account = step.get("as").asText();
            String token = account.startsWith("partner-") ? partner(account) : person(account, "pledger");
            String path = substitute(step.get("path").asText(), saved);
            var request = as(token);
            if (step.has("body")) {
                request.body(substitute(JSON.writeValueAsString(step.get("body")), saved));
            }
            Response response = request.request(step.path("method").asText("POST"), path);
            assertThat(response.statusCode()).as("%s %s as %s: %s", step.path("method").asText("POST"), path, account,
                    response.asString()).isLessThan(300);
            if (step.has("save")) {
                step.get("save").fields().forEachRemaining(e -> saved.put(e.getKey(), response.path(e.getValue().asText())));
            }
        }

        // What the demo is meant to show: a correction that superseded a report, and challenges the deck names.
        as(person("amina.pledger", "pledger")).get("/api/v1/reports/{id}", saved.get("r04")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("SUPERSEDED"))
                .body("supersededBy", org.hamcrest.Matchers.is(saved.get("r04b")));
        as(null).get("/api/v1/reports/{id}", saved.get("r01")).then().statusCode(200)
                .body("challengeCategories", org.hamcrest.Matchers.hasItem("NATURAL_DISASTERS"));
    }

    private static JsonNode read(String file) throws Exception {
        return JSON.readTree(new File(file));
    }

    private static String variableIn(String text) {
        Matcher m = VARIABLE.matcher(text);
        assertThat(m.find()).as("a ${variable} in %s", text).isTrue();
        return m.group(1);
    }

    private static String substitute(String text, Map<String, String> saved) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = saved.get(m.group(1));
            assertThat(value).as("${%s} saved by an earlier demo step", m.group(1)).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
