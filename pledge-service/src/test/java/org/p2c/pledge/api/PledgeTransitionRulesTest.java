package org.p2c.pledge.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.p2c.local.testing.RealInfrastructure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.pledge.api.PledgeWorld.SECRETARIAT;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Every action on a pledge in every status, by every kind of caller: the table below is the rule. 200 is a legal
 * transition; 409 an illegal one for someone who may act; 403 someone who sees the pledge but may not act (or lacks
 * the role); 404 someone who may not even see it; 401 nobody signed in. On a VALIDATED pledge, edit and submit work
 * on its revision: with no revision pending, submitting (and deciding) is a 409.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PledgeTransitionRulesTest {

    private static final List<String> ACTIONS = List.of("edit", "submission", "validation", "return", "rejection", "withdrawal");

    private static final String RULES = """
            status                 caller      edit submission validation return rejection withdrawal
            DRAFT                  pledger     200  200        403        403    403       409
            DRAFT                  partner     200  200        403        403    403       409
            DRAFT                  other       404  404        403        403    403       404
            DRAFT                  secretariat 404  404        404        404    404       404
            DRAFT                  anonymous   401  401        401        401    401       401
            SUBMITTED              pledger     409  409        403        403    403       409
            SUBMITTED              partner     409  409        403        403    403       409
            SUBMITTED              other       404  404        403        403    403       404
            SUBMITTED              secretariat 403  403        200        200    200       403
            SUBMITTED              anonymous   401  401        401        401    401       401
            RETURNED_FOR_REVISION  pledger     200  200        403        403    403       409
            RETURNED_FOR_REVISION  partner     200  200        403        403    403       409
            RETURNED_FOR_REVISION  other       404  404        403        403    403       404
            RETURNED_FOR_REVISION  secretariat 403  403        409        409    409       403
            VALIDATED              pledger     200  409        403        403    403       200
            VALIDATED              partner     200  409        403        403    403       200
            VALIDATED              other       403  403        403        403    403       403
            VALIDATED              secretariat 403  403        409        409    409       403
            VALIDATED              anonymous   401  401        401        401    401       401
            REJECTED               pledger     409  409        403        403    403       409
            REJECTED               other       404  404        403        403    403       404
            REJECTED               secretariat 403  403        409        409    409       403
            WITHDRAWN              pledger     409  409        403        403    403       409
            WITHDRAWN              partner     409  409        403        403    403       409
            WITHDRAWN              other       404  404        403        403    403       404
            WITHDRAWN              secretariat 403  403        409        409    409       403
            """;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    KafkaCompanion kafka;
    UUID a;
    final Map<String, String> callers = new HashMap<>();
    /** One pledge per status for the refusals, which change nothing; a fresh one for each legal transition. */
    final Map<String, UUID> shared = new HashMap<>();

    record Case(String status, String caller, String action, int expected) {
        @Override
        public String toString() {
            return action + " of a " + status + " pledge by " + caller + " → " + expected;
        }
    }

    static Stream<Case> rules() {
        List<Case> cases = new ArrayList<>();
        List<String> lines = RULES.lines().skip(1).toList();
        for (String line : lines) {
            String[] cells = line.trim().split("\\s+");
            for (int i = 0; i < ACTIONS.size(); i++) {
                cases.add(new Case(cells[0], cells[1], ACTIONS.get(i), Integer.parseInt(cells[2 + i])));
            }
        }
        return cases.stream();
    }

    @BeforeAll
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        PledgeWorld world = new PledgeWorld(kafka, entitiesTopic);
        world.entity(a, "VERIFIED", "rules-a-" + run, "rules-client-a-" + run);
        world.entity(b, "VERIFIED", "rules-b-" + run, null);
        PledgeWorld.awaitKnown(a, b);
        callers.put("pledger", person("rules-a-" + run, "pledger"));
        callers.put("partner", partner("rules-client-a-" + run));
        callers.put("other", person("rules-b-" + run, "pledger"));
        callers.put("secretariat", SECRETARIAT);
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRuleHolds(Case rule) {
        UUID pledge = rule.expected() == 200 ? inStatus(rule.status()) : shared.computeIfAbsent(rule.status(), this::inStatus);
        String token = callers.get(rule.caller());
        RequestSpecification call = as(token);
        var response = switch (rule.action()) {
            case "edit" -> call.header("If-Match", etag(pledge)).body(content()).put("/api/v1/pledges/{id}", pledge);
            case "return", "rejection" -> call.body(Map.of("comment", "Because")).post("/api/v1/pledges/{id}/" + rule.action(), pledge);
            default -> call.body(Map.of()).post("/api/v1/pledges/{id}/" + rule.action(), pledge);
        };
        assertThat(response.statusCode()).as(rule + ": " + response.body().asString()).isEqualTo(rule.expected());
        if (rule.expected() != 200) {
            assertThat(response.contentType()).as(rule.toString()).startsWith("application/problem+json");
            // A refusal changes nothing.
            assertThat(as(callers.get("pledger")).get("/api/v1/pledges/{id}", pledge).then().extract().<String>path("status"))
                    .isEqualTo(rule.status());
        }
    }

    private UUID inStatus(String status) {
        String pledger = callers.get("pledger");
        UUID id = PledgeWorld.draft(pledger, a);
        if (status.equals("DRAFT")) {
            return id;
        }
        as(pledger).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200);
        switch (status) {
            case "RETURNED_FOR_REVISION" -> decide(id, "return");
            case "REJECTED" -> decide(id, "rejection");
            case "VALIDATED", "WITHDRAWN" -> {
                decide(id, "validation");
                if (status.equals("WITHDRAWN")) {
                    as(pledger).body(Map.of()).post("/api/v1/pledges/{id}/withdrawal", id).then().statusCode(200);
                }
            }
            default -> {
            }
        }
        return id;
    }

    private static void decide(UUID id, String decision) {
        as(SECRETARIAT).body(Map.of("comment", "Because")).post("/api/v1/pledges/{id}/" + decision, id).then().statusCode(200);
    }

    private String etag(UUID id) {
        return as(callers.get("pledger")).get("/api/v1/pledges/{id}", id).then().statusCode(200).extract().header("ETag");
    }
}
