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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * reporting-service's reminders (p2c.report.due-soon.v1, p2c.report.overdue.v1) become one mail to each person of
 * the pledger entity, with the links to their to-do list and the pledge, however often the record comes; a person who
 * turned reminders off gets none.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(KeycloakAdminStub.class)
@WithTestResource(OidcWiremockTestResource.class)
class ReminderMailsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final MailInbox inbox = new MailInbox(System.getenv().getOrDefault("P2C_TEST_MAIL_API_URL",
            "http://127.0.0.1:8025"));
    private KafkaCompanion kafka;
    private String entities;
    private String reports;

    @BeforeEach
    void connect() {
        var config = ConfigProvider.getConfig();
        kafka = new KafkaCompanion(config.getValue("kafka.bootstrap.servers", String.class));
        entities = config.getValue("p2c.topics.entities", String.class);
        reports = config.getValue("p2c.topics.reports", String.class);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aReportDueSoonIsMailedOncePerPersonWithTheToDoListAndThePledgeEvenWhenDeliveredTwice() {
        UUID entity = UUID.randomUUID();
        String focalPoint = "en-" + UUID.randomUUID();
        String member = "fr-" + UUID.randomUUID();
        knownEntity(entity, focalPoint, member);
        UUID pledge = UUID.randomUUID();
        String dueSoon = reminder("p2c.report.due-soon.v1", pledge, entity, "2027-03-01");

        TestEvents.send(kafka, reports, pledge, dueSoon);
        TestEvents.send(kafka, reports, pledge, dueSoon);

        MailInbox.Mail english = onlyMailTo(focalPoint);
        assertThat(english.subject()).isEqualTo("The report on your pledge \"Schools online\" is due on 2027-03-01");
        assertThat(english.text()).contains("(P2C-2026-00042) of Digital Bridges is due on 2027-03-01");
        assertThat(english.links()).contains("http://localhost:8080/api/v1/reports/compliance/to-do",
                "http://localhost:8080/api/v1/pledges/" + pledge);
        MailInbox.Mail french = onlyMailTo(member);
        assertThat(french.subject()).isEqualTo("Le rapport sur votre engagement « Schools online » est attendu le 2027-03-01");
        assertStaysOne(focalPoint);
        assertStaysOne(member);
    }

    @Test
    void anOverdueReportIsMailedOnceEvenWhenTheSameReminderIsPublishedAgain() {
        UUID entity = UUID.randomUUID();
        String focalPoint = "en-" + UUID.randomUUID();
        knownEntity(entity, focalPoint);
        UUID pledge = UUID.randomUUID();

        TestEvents.send(kafka, reports, pledge, reminder("p2c.report.overdue.v1", pledge, entity, "2026-03-01"));
        // The same due period announced again under another id (a replay): still one mail.
        TestEvents.send(kafka, reports, pledge, reminder("p2c.report.overdue.v1", pledge, entity, "2026-03-01"));

        MailInbox.Mail mail = onlyMailTo(focalPoint);
        assertThat(mail.subject()).isEqualTo("The report on your pledge \"Schools online\" is overdue");
        assertThat(mail.text()).contains("was due on 2026-03-01 and has not been submitted yet");
        assertThat(mail.links()).anyMatch(l -> l.contains("/api/v1/notifications/unsubscribe?code="));
        assertStaysOne(focalPoint);
    }

    @Test
    void aPersonWhoTurnedRemindersOffGetsNoneWhileTheOthersDo() {
        UUID entity = UUID.randomUUID();
        String focalPoint = "en-" + UUID.randomUUID();
        String member = "en-" + UUID.randomUUID();
        io.restassured.RestAssured.given().auth().oauth2(org.p2c.support.testing.TestTokens.person(focalPoint))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("updates", true, "reminders", false, "digest", true))
                .put("/api/v1/notifications/settings").then().statusCode(200);
        knownEntity(entity, focalPoint, member);
        UUID pledge = UUID.randomUUID();

        TestEvents.send(kafka, reports, pledge, reminder("p2c.report.overdue.v1", pledge, entity, "2026-06-01"));

        assertThat(onlyMailTo(member).subject()).isEqualTo("The report on your pledge \"Schools online\" is overdue");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> inbox.messagesTo(focalPoint + "@example.org").isEmpty());
    }

    /** An entity the service knows, announced by an event that mails nothing. */
    private void knownEntity(UUID entity, String focalPoint, String... members) {
        TestEvents.send(kafka, entities, entity, TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:entity-service",
                "p2c.entity.updated.v1", entity, MailsOfEventsTest.entitySnapshot(entity, 1, "VERIFIED", focalPoint, members)));
    }

    /** A reminder as reporting-service writes it (event-contracts' report-reminder.v1.json), under a new event id. */
    private static String reminder(String type, UUID pledge, UUID entity, String dueOn) {
        String data = """
                {"pledgeId":"%s","pledgerEntityId":"%s","periodFrom":"2025-03-01","dueOn":"%s",
                 "pledgeReference":"P2C-2026-00042","pledgeTitle":"Schools online"}""".formatted(pledge, entity, dueOn);
        return TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:reporting-service", type, pledge, data);
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
}
