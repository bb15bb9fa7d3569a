package org.p2c.reporting.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.reporting.TestClock;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.p2c.reporting.api.ReportWorld.as;
import static org.p2c.reporting.api.ReportWorld.content;
import static org.p2c.reporting.api.ReportWorld.draft;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Reporting compliance on the days that matter, with "now" set by the test: a pledge validated on 2024-03-01 owes
 * its first report on 2025-03-01 (a year later), shows DUE from 30 days before, and is OVERDUE from the day after.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ComplianceTest {

    static final String SECRETARIAT = person("secretariat-officer", "secretariat");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    KafkaCompanion kafka;
    ReportWorld world;
    UUID a;
    UUID b;
    String memberOfA;
    String clientOfA;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        b = UUID.randomUUID();
        clientOfA = "partner-a-" + run;
        world.entity(a, "member-a-" + run, clientOfA, "GOVERNMENT");
        world.entity(b, "member-b-" + run, null, "PRIVATE_SECTOR");
        memberOfA = person("member-a-" + run, "pledger");
        ReportWorld.awaitEntities(a, b);
    }

    @AfterEach
    void reset() {
        TestClock.reset();
        kafka.close();
    }

    @Test
    void aPledgeIsDueFrom30DaysBeforeTheAnniversaryOfItsValidationAndOverdueTheDayAfter() throws Exception {
        UUID pledge = validated(a, "KHM");

        assertThat(stateOn("2025-01-29T12:00:00Z", pledge)).isEqualTo("UP_TO_DATE");
        assertThat(stateOn("2025-01-30T00:00:00Z", pledge)).isEqualTo("DUE");
        assertThat(stateOn("2025-02-28T23:59:59Z", pledge)).as("a day before").isEqualTo("DUE");
        assertThat(stateOn("2025-03-01T23:59:59Z", pledge)).as("on the due date").isEqualTo("DUE");
        assertThat(stateOn("2025-03-02T00:00:00Z", pledge)).as("a day after").isEqualTo("OVERDUE");
        as(SECRETARIAT).get("/api/v1/reports/compliance?entityId={e}", a).then().statusCode(200)
                .body("items[0].dueDate", is("2025-03-01")).body("items[0].validatedOn", is("2024-03-01"))
                .body("items[0].lastReportedOn", nullValue()).body("items[0].regions", containsInAnyOrder("ASIA_PACIFIC"));

        // A draft does not count; a submitted report restarts the year from its submission.
        TestClock.set(Instant.parse("2025-03-10T09:00:00Z"));
        UUID draftId = draft(memberOfA, pledge, content());
        assertThat(stateOn("2025-03-10T09:00:00Z", pledge)).isEqualTo("OVERDUE");
        as(memberOfA).get("/api/v1/reports/compliance/to-do").then().statusCode(200)
                .body("items[0].draftReportId", is(draftId.toString()));
        as(memberOfA).post("/api/v1/reports/{id}/submission", draftId).then().statusCode(200);
        assertThat(stateOn("2025-03-10T09:00:00Z", pledge)).isEqualTo("UP_TO_DATE");
        assertThat(stateOn("2026-03-09T12:00:00Z", pledge)).as("a day before").isEqualTo("DUE");
        assertThat(stateOn("2026-03-10T12:00:00Z", pledge)).as("on the due date").isEqualTo("DUE");
        assertThat(stateOn("2026-03-11T00:00:00Z", pledge)).as("a day after").isEqualTo("OVERDUE");
        as(SECRETARIAT).get("/api/v1/reports/compliance?state=OVERDUE&entityId={e}", a).then()
                .body("items[0].lastReportedOn", is("2025-03-10")).body("items[0].dueDate", is("2026-03-10"));
    }

    @Test
    void theSecretariatListsOverduePledgesByEntityStakeholderTypeRegionAndCountry() throws Exception {
        UUID cambodia = validated(a, "KHM");
        UUID kenya = validated(a, "KEN");
        UUID fiji = validated(b, "FJI");
        UUID withdrawn = world.pledge(a, "WITHDRAWN", 5, List.of("KHM"));
        UUID submitted = world.pledge(a, "SUBMITTED", 2, List.of("KHM"));
        ReportWorld.awaitPledge(withdrawn, 5);
        ReportWorld.awaitPledge(submitted, 2);
        TestClock.set(Instant.parse("2026-01-01T00:00:00Z"));

        String both = "entityId=" + a + "&entityId=" + b;
        as(SECRETARIAT).get("/api/v1/reports/compliance?" + both).then().statusCode(200)
                .body("items.pledgeId", containsInAnyOrder(cambodia.toString(), kenya.toString(), fiji.toString()))
                .body("items.state", containsInAnyOrder("OVERDUE", "OVERDUE", "OVERDUE"));
        as(SECRETARIAT).get("/api/v1/reports/compliance?entityId={e}", b).then()
                .body("items.pledgeId", containsInAnyOrder(fiji.toString()));
        as(SECRETARIAT).get("/api/v1/reports/compliance?stakeholderType=PRIVATE_SECTOR&" + both).then()
                .body("items.pledgeId", containsInAnyOrder(fiji.toString()))
                .body("items[0].pledgerEntityName", is("Entity " + b));
        // A pledge's regions include those of its countries.
        as(SECRETARIAT).get("/api/v1/reports/compliance?region=ASIA_PACIFIC&" + both).then()
                .body("items.pledgeId", containsInAnyOrder(cambodia.toString(), fiji.toString()));
        as(SECRETARIAT).get("/api/v1/reports/compliance?region=AFRICA&region=EUROPE&" + both).then()
                .body("items.pledgeId", containsInAnyOrder(kenya.toString()));
        as(SECRETARIAT).get("/api/v1/reports/compliance?country=KHM&" + both).then()
                .body("items.pledgeId", containsInAnyOrder(cambodia.toString()));
        as(SECRETARIAT).get("/api/v1/reports/compliance?state=UP_TO_DATE&state=DUE&" + both).then()
                .body("items", empty());
        as(SECRETARIAT).get("/api/v1/reports/compliance?size=2&sort=reference,desc&" + both).then()
                .body("items.size()", is(2)).body("totalItems", is(3)).body("totalPages", is(2));

        as(SECRETARIAT).get("/api/v1/reports/compliance?state=LATE").then().statusCode(400)
                .body("violations[0].field", is("state"));
        as(SECRETARIAT).get("/api/v1/reports/compliance?region=MARS").then().statusCode(400)
                .body("violations[0].field", is("region"));
        as(SECRETARIAT).get("/api/v1/reports/compliance?country=kh").then().statusCode(400)
                .body("violations[0].field", is("country"));
        as(SECRETARIAT).get("/api/v1/reports/compliance?entityId=nope").then().statusCode(400)
                .body("violations[0].field", is("entityId"));
        as(memberOfA).get("/api/v1/reports/compliance").then().statusCode(403);
        as(null).get("/api/v1/reports/compliance").then().statusCode(401);
    }

    @Test
    void aSignedInPledgerSeesTheirEntitiesToDoList() throws Exception {
        UUID dueSoon = validated(a, "KHM", Instant.parse("2024-03-01T10:00:00Z"));
        UUID overdue = validated(a, "LAO", Instant.parse("2023-06-01T10:00:00Z"));
        UUID upToDate = validated(a, "VNM", Instant.parse("2024-11-01T10:00:00Z"));
        UUID someoneElses = validated(b, "KHM", Instant.parse("2023-01-01T10:00:00Z"));
        TestClock.set(Instant.parse("2025-02-15T08:00:00Z"));

        for (String pledger : new String[] {memberOfA, partner(clientOfA)}) {
            as(pledger).get("/api/v1/reports/compliance/to-do").then().statusCode(200)
                    .body("items.pledgeId", org.hamcrest.Matchers.contains(overdue.toString(), dueSoon.toString()))
                    .body("items.state", org.hamcrest.Matchers.contains("OVERDUE", "DUE"));
        }
        as(memberOfA).get("/api/v1/reports/compliance/to-do?state=UP_TO_DATE").then()
                .body("items.pledgeId", org.hamcrest.Matchers.contains(upToDate.toString()));
        // Someone who acts for no entity has nothing to do; nobody sees another entity's list.
        as(person("newcomer", "pledger")).get("/api/v1/reports/compliance/to-do").then().statusCode(200)
                .body("items", empty()).body("totalItems", is(0));
        assertThat(someoneElses).isNotNull();
        as(null).get("/api/v1/reports/compliance/to-do").then().statusCode(401);
    }

    private UUID validated(UUID entity, String country) throws InterruptedException {
        return validated(entity, country, ReportWorld.VALIDATED_AT);
    }

    private UUID validated(UUID entity, String country, Instant validatedAt) throws InterruptedException {
        UUID id = world.pledge(UUID.randomUUID(), entity, "VALIDATED", 3, List.of(country), validatedAt);
        ReportWorld.awaitPledge(id, 3);
        return id;
    }

    private String stateOn(String now, UUID pledge) {
        TestClock.set(Instant.parse(now));
        List<String> states = as(SECRETARIAT)
                .get("/api/v1/reports/compliance?state=UP_TO_DATE&state=DUE&state=OVERDUE&entityId={e}", a).then()
                .statusCode(200).extract().path("items.findAll { it.pledgeId == '" + pledge + "' }.state");
        assertThat(states).as("one standing of %s on %s", pledge, now).hasSize(1);
        return states.get(0);
    }
}
