package org.p2c.reporting.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.reporting.TestClock;
import org.p2c.reporting.service.ReportReminders;
import org.p2c.support.testing.EventContracts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.p2c.reporting.api.ReportWorld.content;
import static org.p2c.reporting.api.ReportWorld.submitted;
import static org.p2c.support.testing.TestTokens.person;

/**
 * The reminder job, called as its schedule would on chosen days: a pledge validated on 2024-03-01 owes its report on
 * 2025-03-01, is due soon from 2025-01-30 and overdue from 2025-03-02. Each due period is announced once per kind on
 * p2c.reports.v1, however often the job runs; a pledge whose report was submitted is in a new period, not overdue.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ReportRemindersTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    @ConfigProperty(name = "p2c.topics.reports")
    String reportsTopic;

    @Inject
    ReportReminders reminders;

    private final ObjectMapper json = new ObjectMapper();
    KafkaCompanion kafka;
    ReportWorld world;
    UUID entity;
    String member;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        entity = UUID.randomUUID();
        world.entity(entity, "member-" + run, null, "GOVERNMENT");
        member = person("member-" + run, "pledger");
        ReportWorld.awaitEntities(entity);
    }

    @AfterEach
    void reset() {
        TestClock.reset();
        kafka.close();
    }

    @Test
    void eachDuePeriodIsAnnouncedOncePerKindAndASubmittedReportIsNotOverdue() throws Exception {
        UUID late = validated();
        UUID reported = validated();
        ConsumerTask<String, String> topic = kafka.consumeStrings().fromTopics(reportsTopic);
        try {
            Instant dueSoon = Instant.parse("2025-02-10T08:00:00Z");
            reminders.announceDue(dueSoon);
            reminders.announceDue(dueSoon);
            TestClock.set(Instant.parse("2025-02-20T09:00:00Z"));
            submitted(member, reported, content());
            Instant overdue = Instant.parse("2025-03-05T08:00:00Z");
            reminders.announceDue(overdue);
            reminders.announceDue(overdue);
            assertThat(reminders.announceDue(overdue)).as("nothing left to announce at the same instant").isZero();

            await().atMost(Duration.ofSeconds(20)).until(() -> reminders(topic, late).size() == 2);
            // Any duplicate would have been relayed with the first ones; the outbox relay runs every few hundred ms.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> reminders(topic, late).size() == 2 && reminders(topic, reported).size() == 1);
        } finally {
            topic.stop();
        }
        List<JsonNode> ofLate = reminders(topic, late);
        assertThat(ofLate).extracting(e -> e.get("type").asText())
                .containsExactly("p2c.report.due-soon.v1", "p2c.report.overdue.v1");
        for (JsonNode e : ofLate) {
            assertThat(EventContracts.violations(e, "report-reminder.v1.json")).as("contract of %s", e).isEmpty();
            assertThat(e.at("/data/pledgerEntityId").asText()).isEqualTo(entity.toString());
            assertThat(e.at("/data/dueOn").asText()).isEqualTo("2025-03-01");
            assertThat(e.at("/data/periodFrom").asText()).isEqualTo("2024-03-01");
        }
        assertThat(reminders(topic, reported)).extracting(e -> e.get("type").asText())
                .as("due soon before its report, then in a new period").containsExactly("p2c.report.due-soon.v1");
    }

    private UUID validated() throws InterruptedException {
        UUID id = world.pledge(UUID.randomUUID(), entity, "VALIDATED", 3, List.of("KHM"), ReportWorld.VALIDATED_AT);
        ReportWorld.awaitPledge(id, 3);
        return id;
    }

    /** The reminders of one pledge on the topic so far, in order (one pledge's events share a partition). */
    private List<JsonNode> reminders(ConsumerTask<String, String> topic, UUID pledge) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<String, String> r : topic.getRecords()) {
            if (!pledge.toString().equals(r.key())) {
                continue;
            }
            JsonNode event = json.readTree(r.value());
            String type = event.get("type").asText();
            if (type.equals("p2c.report.due-soon.v1") || type.equals("p2c.report.overdue.v1")) {
                found.add(event);
            }
        }
        return found;
    }
}
