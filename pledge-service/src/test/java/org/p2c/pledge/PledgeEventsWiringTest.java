package org.p2c.pledge;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.OutboxContract;

/** pledge-service against real PostgreSQL and Kafka: readiness, and its events leave through the outbox. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class PledgeEventsWiringTest extends OutboxContract {

    @Override
    protected String topicProperty() {
        return "p2c.topics.pledges";
    }

    @Override
    protected String expectedSource() {
        return "urn:p2c:pledge-service";
    }
}
