package org.p2c.entity.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.ApiFuzzContract;
import org.p2c.support.testing.TestTokens;

import java.util.List;
import java.util.UUID;

/**
 * entity-service answers no input with a 5xx, and every refusal with a problem (see {@link ApiFuzzContract}); the
 * signed-in calls are the focal point's of a verified entity, in a world of their own.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ApiFuzzTest extends ApiFuzzContract {

    static final String FOCAL_POINT = TestTokens.person("fuzz-focal-point", "pledger");

    UUID entity;

    @BeforeEach
    void world() {
        entity = EntityApi.register(FOCAL_POINT, EntityApi.uniqueName("Fuzzed entity"), "KHM", "GOVERNMENT");
        EntityApi.verify(entity);
    }

    @Override
    protected String token(String role) {
        return role == null || "pledger".equals(role) ? FOCAL_POINT : super.token(role);
    }

    @Override
    protected List<String> knownValues(String parameter) {
        return switch (parameter) {
            case "id" -> List.of(entity.toString());
            case "alpha3", "country", "headquartersCountry" -> List.of("KHM", "FJI");
            case "code", "currency" -> List.of("EUR", "USD");
            case "sort" -> List.of("name", "registeredAt,desc", "headquartersCountry,asc");
            case "q" -> List.of("Fuzzed", "entity");
            default -> List.of();
        };
    }
}
