package org.p2c.pledge.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.InboxContract;

import java.util.UUID;

/** pledge-service's consumer of p2c.entities.v1 keeps the inbox's promises (see {@link InboxContract}). */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(InboxContract.QuickRetries.class)
@WithTestResource(OidcWiremockTestResource.class)
class EntityEventsInboxTest extends InboxContract {

    @Override
    protected String topicProperty() {
        return "p2c.topics.entities";
    }

    @Override
    protected String viewTable() {
        return "known_entity";
    }

    @Override
    protected String handledType() {
        return "p2c.entity.updated.v1";
    }

    @Override
    protected String dataSchema() {
        return "entity-snapshot.v1.json";
    }

    @Override
    protected String snapshot(UUID id, long version) {
        return """
                {"id":"%s","version":%d,"name":"Ministry %d","acronym":null,"stakeholderType":"GOVERNMENT",
                 "headquartersCountry":"KHM","ituRegion":"ASIA_PACIFIC","status":"VERIFIED",
                 "registeredAt":"2024-07-01T08:00:00Z","verifiedAt":"2024-07-02T08:00:00Z",
                 "updatedAt":"2024-07-0%dT08:00:00Z","members":[{"subject":"focal-%s","role":"FOCAL_POINT"}],
                 "partnerClients":[]}""".formatted(id, version, version, version, id);
    }
}
