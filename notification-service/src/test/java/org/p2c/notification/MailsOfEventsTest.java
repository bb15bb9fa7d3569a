package org.p2c.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.MailInbox;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.TestEvents;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event on a topic becomes exactly one mail to each person it concerns, in their language, read back from the
 * shared mail server; the same event delivered twice, or the same change published again, is still one mail.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(KeycloakAdminStub.class)
@WithTestResource(OidcWiremockTestResource.class)
class MailsOfEventsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final MailInbox inbox = new MailInbox(System.getenv().getOrDefault("P2C_TEST_MAIL_API_URL",
            "http://127.0.0.1:8025"));
    private KafkaCompanion kafka;
    private String entities;
    private String pledges;

    @BeforeEach
    void connect() {
        var config = ConfigProvider.getConfig();
        kafka = new KafkaCompanion(config.getValue("kafka.bootstrap.servers", String.class));
        entities = config.getValue("p2c.topics.entities", String.class);
        pledges = config.getValue("p2c.topics.pledges", String.class);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aVerifiedEntityIsMailedToEachOfItsPeopleInTheirLanguageOnceEvenWhenDeliveredTwice() {
        UUID entity = UUID.randomUUID();
        String focalPoint = "en-" + UUID.randomUUID();
        String member = "fr-" + UUID.randomUUID();
        String verified = TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:entity-service", "p2c.entity.verified.v1",
                entity, entitySnapshot(entity, 2, "VERIFIED", focalPoint, member));

        TestEvents.send(kafka, entities, entity, verified);
        TestEvents.send(kafka, entities, entity, verified);

        MailInbox.Mail english = onlyMailTo(focalPoint);
        assertThat(english.subject()).isEqualTo("Your entity Digital Bridges is verified");
        assertThat(english.text()).contains("Hello Ada,", "The ITU Secretariat has verified Digital Bridges.");
        assertThat(english.html()).contains("<p>The ITU Secretariat has verified Digital Bridges.");
        MailInbox.Mail french = onlyMailTo(member);
        assertThat(french.subject()).isEqualTo("Votre entité Digital Bridges est vérifiée");
        assertThat(french.text()).contains("Bonjour Amélie,", "Le Secrétariat de l'UIT a vérifié Digital Bridges.");
        assertStaysOne(focalPoint);
        assertStaysOne(member);
    }

    @Test
    void aValidatedPledgeIsMailedWithItsPublicLinkOnceEvenWhenRepublished() {
        UUID entity = UUID.randomUUID();
        String focalPoint = "en-" + UUID.randomUUID();
        knownEntity(entity, focalPoint);
        UUID pledge = UUID.randomUUID();
        String data = pledgeSnapshot(pledge, 4, entity, "VALIDATED", null);

        TestEvents.send(kafka, pledges, pledge, TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:pledge-service",
                "p2c.pledge.validated.v1", pledge, data));
        // The same change once more under another id (a replay): the mail is owed for the change, not the record.
        TestEvents.send(kafka, pledges, pledge, TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:pledge-service",
                "p2c.pledge.validated.v1", pledge, data));

        MailInbox.Mail mail = onlyMailTo(focalPoint);
        assertThat(mail.subject()).isEqualTo("Your pledge \"Schools online\" is validated");
        assertThat(mail.links()).contains("http://localhost:8080/api/v1/pledges/" + pledge);
        assertThat(mail.text()).contains("(P2C-2026-00042) of Digital Bridges");
        assertStaysOne(focalPoint);
    }

    @Test
    void aReturnedPledgeCarriesTheSecretariatsCommentInFrench() {
        UUID entity = UUID.randomUUID();
        String focalPoint = "fr-" + UUID.randomUUID();
        knownEntity(entity, focalPoint);
        UUID pledge = UUID.randomUUID();

        TestEvents.send(kafka, pledges, pledge, TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:pledge-service",
                "p2c.pledge.returned.v1", pledge, pledgeSnapshot(pledge, 3, entity, "RETURNED_FOR_REVISION",
                        "Name the schools & the regions, please.")));

        MailInbox.Mail mail = onlyMailTo(focalPoint);
        assertThat(mail.subject()).isEqualTo("Votre engagement « Schools online » est renvoyé pour révision");
        assertThat(mail.text()).contains("Name the schools & the regions, please.");
        assertThat(mail.html()).contains("Name the schools &amp; the regions, please.");
    }

    @Test
    void everyMailCarriesAnUnsubscribeLinkAndTheOneClickHeaders() {
        UUID entity = UUID.randomUUID();
        String focalPoint = "en-" + UUID.randomUUID();
        TestEvents.send(kafka, entities, entity, TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:entity-service",
                "p2c.entity.suspended.v1", entity, entitySnapshot(entity, 5, "SUSPENDED", focalPoint)));

        MailInbox.Mail mail = onlyMailTo(focalPoint);
        assertThat(mail.subject()).isEqualTo("Your entity Digital Bridges is suspended");
        String unsubscribe = mail.links().stream().filter(l -> l.contains("/api/v1/notifications/unsubscribe?code="))
                .findFirst().orElseThrow();
        assertThat(mail.header("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
        assertThat(mail.header("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    }

    @Test
    void aPersonWhoTurnedUpdatesOffGetsNoneWhileTheOthersDo() {
        UUID entity = UUID.randomUUID();
        String focalPoint = "en-" + UUID.randomUUID();
        String member = "en-" + UUID.randomUUID();
        io.restassured.RestAssured.given().auth().oauth2(org.p2c.support.testing.TestTokens.person(focalPoint))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("updates", false, "reminders", true, "digest", true))
                .put("/api/v1/notifications/settings").then().statusCode(200);

        TestEvents.send(kafka, entities, entity, TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:entity-service",
                "p2c.entity.rejected.v1", entity, entitySnapshot(entity, 3, "REJECTED", focalPoint, member)));

        assertThat(onlyMailTo(member).subject()).isEqualTo("Your entity Digital Bridges was not verified");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> inbox.messagesTo(focalPoint + "@example.org").isEmpty());
    }

    /** An entity the service knows, with one focal point, announced by an event that mails nothing. */
    private void knownEntity(UUID entity, String focalPoint) {
        TestEvents.send(kafka, entities, entity, TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:entity-service",
                "p2c.entity.updated.v1", entity, entitySnapshot(entity, 1, "VERIFIED", focalPoint)));
    }

    private MailInbox.Mail onlyMailTo(String subject) {
        String address = subject + "@example.org";
        List<MailInbox.Mail> mails = await().atMost(PATIENCE).until(() -> inbox.messagesTo(address), m -> !m.isEmpty());
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    /** A second mail would have come by the time the relay has run many times over. */
    private void assertStaysOne(String subject) {
        String address = subject + "@example.org";
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> inbox.messagesTo(address).size() == 1);
    }

    static String entitySnapshot(UUID id, long version, String status, String focalPoint, String... members) {
        StringBuilder people = new StringBuilder("{\"subject\":\"" + focalPoint + "\",\"role\":\"FOCAL_POINT\"}");
        for (String m : members) {
            people.append(",{\"subject\":\"").append(m).append("\",\"role\":\"MEMBER\"}");
        }
        return """
                {"id":"%s","version":%d,"name":"Digital Bridges","stakeholderType":"PRIVATE_SECTOR",
                 "headquartersCountry":"FRA","ituRegion":"EUROPE","status":"%s","registeredAt":"2026-01-01T10:00:00Z",
                 "updatedAt":"2026-01-02T10:00:00Z","members":[%s],"partnerClients":[]}"""
                .formatted(id, version, status, people);
    }

    static String pledgeSnapshot(UUID id, long version, UUID entity, String status, String comment) {
        return """
                {"id":"%s","version":%d,"reference":"P2C-2026-00042","pledgerEntityId":"%s","status":"%s",
                 "title":"Schools online","types":["POLICY"],"pillars":["SKILLS"],"focusAreas":["ADOPTION"],
                 "global":true,"countries":[],"regions":[],"beneficiaryGroups":[],"sdgs":[4],
                 "updatedAt":"2026-03-01T10:00:00Z"%s}"""
                .formatted(id, version, entity, status,
                        comment == null ? "" : ",\"decisionComment\":\"" + comment + "\"");
    }
}
