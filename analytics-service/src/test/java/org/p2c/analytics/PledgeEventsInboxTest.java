package org.p2c.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.InboxContract;

import java.util.UUID;

/** analytics-service's ingestion of p2c.pledges.v1 keeps the inbox's promises (see {@link InboxContract}). */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(InboxContract.QuickRetries.class)
@WithTestResource(OidcWiremockTestResource.class)
class PledgeEventsInboxTest extends InboxContract {

    @Override
    protected String topicProperty() {
        return "p2c.topics.pledges";
    }

    @Override
    protected String viewTable() {
        return "a_pledge";
    }

    @Override
    protected String handledType() {
        return "p2c.pledge.validated.v1";
    }

    @Override
    protected String dataSchema() {
        return "pledge-snapshot.v1.json";
    }

    @Override
    protected String snapshot(UUID id, long version) {
        return """
                {"id":"%s","version":%d,"pledgerEntityId":"%s","status":"VALIDATED","title":"A pledge, version %d",
                 "types":["POLICY"],"pillars":["SKILLS"],"focusAreas":["ADOPTION"],"global":true,"countries":[],
                 "regions":[],"beneficiaryGroups":[],"sdgs":[4],"validatedAt":"2024-07-01T10:00:00Z",
                 "updatedAt":"2024-07-0%dT10:15:30Z"}"""
                .formatted(id, version, UUID.nameUUIDFromBytes(id.toString().getBytes()), version, version);
    }
}
