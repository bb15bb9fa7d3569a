package org.p2c.pledge.api;

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

import java.util.List;

/**
 * pledge-service answers no input with a 5xx, and every refusal with a problem (see {@link ApiFuzzContract}); the
 * calls act for a verified entity (its member, its partner system) on one of its pledges, in a world of their own.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ApiFuzzTest extends ApiFuzzContract {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    KafkaCompanion kafka;
    PledgeWorld.Pledger pledger;
    String pledge;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        pledger = new PledgeWorld(kafka, entitiesTopic).verifiedPledger();
        pledge = PledgeWorld.validated(pledger.member(), pledger.id(), PledgeWorld.content()).toString();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Override
    protected String token(String role) {
        if (role == null || "pledger".equals(role)) {
            return pledger.member();
        }
        return "partner-system".equals(role) ? pledger.partner() : super.token(role);
    }

    @Override
    protected List<String> knownValues(String parameter) {
        return switch (parameter) {
            case "id" -> List.of(pledge);
            case "entityId", "pledgerEntityId" -> List.of(pledger.id().toString());
            case "sort" -> List.of("title", "validatedAt,desc", "endDate,asc", "valueUsd,DESC", "reference");
            case "country" -> List.of("KHM", "lao", "FJI");
            case "target" -> List.of("ACC-SCHOOLS", "ACC-HOUSEHOLDS");
            case "q" -> List.of("schools", "Wi-Fi");
            default -> List.of();
        };
    }
}
