package org.p2c.analytics.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.ApiFuzzContract;

import java.util.List;

/**
 * analytics-service answers no input with a 5xx, and every refusal with a problem (see {@link ApiFuzzContract}), in a
 * world of its own (a rebuild among the calls replays its topics).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ApiFuzzTest extends ApiFuzzContract {

    @Override
    protected List<String> knownValues(String parameter) {
        return switch (parameter) {
            case "country" -> List.of("KHM", "FJI");
            case "region" -> List.of("ASIA_PACIFIC", "africa");
            default -> List.of();
        };
    }
}
