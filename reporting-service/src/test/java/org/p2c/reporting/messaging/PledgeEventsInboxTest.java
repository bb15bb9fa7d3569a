package org.p2c.reporting.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.InboxContract;

import java.util.UUID;

/** reporting-service's consumer of p2c.pledges.v1 keeps the inbox's promises (see {@link InboxContract}). */
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
        return "known_pledge";
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
                {"id":"%s","version":%d,"reference":"P2C-2024-00042","pledgerEntityId":"%s","status":"VALIDATED",
                 "title":"Submarine cable, version %d","types":["FINANCIAL"],"pillars":["INFRASTRUCTURE"],
                 "focusAreas":["ACCESS"],"global":false,"countries":["KEN"],"regions":["AFRICA"],
                 "primaryRegion":"AFRICA","beneficiaryGroups":[],"sdgs":[9],"targets":[],"startDate":"2024-01-01",
                 "endDate":"2027-12-31","submittedAt":"2024-02-01T10:00:00Z","validatedAt":"2024-03-01T10:00:00Z",
                 "withdrawnAt":null,"updatedAt":"2024-0%d-01T10:00:00Z"}"""
                .formatted(id, version, UUID.nameUUIDFromBytes(id.toString().getBytes()), version, version);
    }
}
