package org.p2c.reporting.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.ApiFuzzContract;
import org.p2c.support.testing.TestTokens;

import java.util.List;
import java.util.UUID;

/**
 * reporting-service answers no input with a 5xx, and every refusal with a problem (see {@link ApiFuzzContract}); the
 * calls act for an entity with a validated pledge and a draft report on it (its member, its partner system), in a
 * world of their own.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ApiFuzzTest extends ApiFuzzContract {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    KafkaCompanion kafka;
    String member;
    String client;
    UUID entity;
    UUID pledge;
    UUID report;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        ReportWorld world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        entity = UUID.randomUUID();
        client = "partner-fuzz-" + run;
        world.entity(entity, "member-fuzz-" + run, client, "GOVERNMENT");
        member = TestTokens.person("member-fuzz-" + run, "pledger");
        ReportWorld.awaitEntities(entity);
        pledge = world.pledge(entity, "VALIDATED", 1, List.of("KHM"));
        ReportWorld.awaitPledge(pledge, 1);
        report = ReportWorld.draft(member, pledge, ReportWorld.content());
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Override
    protected String token(String role) {
        if (role == null || "pledger".equals(role)) {
            return member;
        }
        return "partner-system".equals(role) ? TestTokens.partner(client) : super.token(role);
    }

    @Override
    protected List<String> knownValues(String parameter) {
        return switch (parameter) {
            case "id" -> List.of(report.toString());
            case "pledgeId" -> List.of(pledge.toString());
            case "entityId" -> List.of(entity.toString());
            case "sort" -> List.of("asOfDate", "submittedAt,desc", "dueDate,asc", "reference");
            case "country" -> List.of("KHM");
            default -> List.of();
        };
    }
}
