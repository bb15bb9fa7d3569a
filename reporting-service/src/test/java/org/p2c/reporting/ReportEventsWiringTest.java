package org.p2c.reporting;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.OutboxContract;

/** reporting-service against real PostgreSQL and Kafka: readiness, and its events leave through the outbox. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ReportEventsWiringTest extends OutboxContract {

    @Override
    protected String topicProperty() {
        return "p2c.topics.reports";
    }

    @Override
    protected String expectedSource() {
        return "urn:p2c:reporting-service";
    }
}
