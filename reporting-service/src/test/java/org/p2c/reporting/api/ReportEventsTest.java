package org.p2c.reporting.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.reporting.domain.ProgressReport;
import org.p2c.reporting.domain.ReportStatus;
import org.p2c.reporting.events.ScheduleEvents;
import org.p2c.reporting.service.ReportLifecycle;
import org.p2c.support.api.Caller;
import org.p2c.support.testing.EventContracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.p2c.reporting.api.ReportWorld.as;
import static org.p2c.reporting.api.ReportWorld.content;
import static org.p2c.reporting.api.ReportWorld.draft;
import static org.p2c.support.testing.TestTokens.person;

/** What reporting-service tells the others on p2c.reports.v1: one event per committed submission or supersession. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ReportEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    @ConfigProperty(name = "p2c.topics.reports")
    String reportsTopic;

    @Inject
    ObjectMapper json;

    @Inject
    ReportLifecycle lifecycle;

    KafkaCompanion kafka;
    UUID entity;
    UUID pledge;
    String subject;
    String member;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        ReportWorld world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        subject = "member-" + UUID.randomUUID().toString().substring(0, 8);
        entity = UUID.randomUUID();
        world.entity(entity, subject, null, "GOVERNMENT");
        member = person(subject, "pledger");
        pledge = world.pledge(entity, "VALIDATED", 3, List.of("KHM"));
        ReportWorld.awaitEntities(entity);
        ReportWorld.awaitPledge(pledge, 3);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void submissionsAndSupersessionsArePublishedOnceAndDraftsAndRefusalsNever() throws Exception {
        var created = as(member).body(Map.of("pledgeId", pledge, "content", content())).post("/api/v1/reports").then()
                .statusCode(201).extract();
        UUID first = UUID.fromString(created.path("id"));
        as(member).header("If-Match", created.header("ETag")).body(content()).put("/api/v1/reports/{id}", first).then()
                .statusCode(200);
        as(member).post("/api/v1/reports/{id}/submission", first).then().statusCode(200);
        as(member).post("/api/v1/reports/{id}/submission", first).then().statusCode(409);
        UUID correction = UUID.fromString(as(member).body(Map.of("pledgeId", pledge, "supersedes", first, "content", content()))
                .post("/api/v1/reports").then().statusCode(201).extract().path("id"));
        as(member).post("/api/v1/reports/{id}/submission", correction).then().statusCode(200);
        UUID neverSubmitted = draft(member, pledge, content());

        List<JsonNode> events = eventsAfterSettling(correction);
        for (JsonNode event : events) {
            assertThat(EventContracts.violations(event, "report-snapshot.v1.json")).as("contract of %s", event).isEmpty();
        }
        List<JsonNode> ofFirst = of(events, first);
        assertThat(ofFirst).extracting(e -> e.get("type").asText())
                .containsExactly("p2c.report.submitted.v1", "p2c.report.superseded.v1");
        assertThat(of(events, correction)).extracting(e -> e.get("type").asText())
                .containsExactly("p2c.report.submitted.v1");
        assertThat(of(events, neverSubmitted)).isEmpty();

        JsonNode submitted = ofFirst.get(0).get("data");
        assertThat(submitted.get("pledgeId").asText()).isEqualTo(pledge.toString());
        assertThat(submitted.get("pledgerEntityId").asText()).isEqualTo(entity.toString());
        assertThat(submitted.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(submitted.get("asOfDate").asText()).isEqualTo("2024-12-31");
        assertThat(submitted.get("completionStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(submitted.get("percentComplete").asInt()).isEqualTo(40);
        assertThat(submitted.get("peopleReached").asLong()).isEqualTo(120000);
        assertThat(submitted.get("amountDisbursed").get("currency").asText()).isEqualTo("EUR");
        assertThat(submitted.get("amountDisbursed").get("usd").asText()).matches("\\d+\\.\\d{2}");
        assertThat(submitted.get("challengeCategories")).extracting(JsonNode::asText)
                .containsExactly("NATURAL_DISASTERS", "ADMINISTRATIVE");
        assertThat(submitted.get("solutionCategories")).extracting(JsonNode::asText).containsExactly("PARTNERSHIPS", "FUNDING");
        // The pledger's own words stay in the service.
        assertThat(submitted.has("challenges")).isFalse();
        assertThat(submitted.has("evidenceLinks")).isFalse();

        JsonNode superseded = ofFirst.get(1).get("data");
        assertThat(superseded.get("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(superseded.get("supersededBy").asText()).isEqualTo(correction.toString());
        assertThat(superseded.get("version").asLong()).isGreaterThan(submitted.get("version").asLong());
        assertThat(of(events, correction).get(0).get("data").get("supersedes").asText()).isEqualTo(first.toString());
    }

    @Test
    void aSubmissionWhoseTransactionRollsBackPublishesNothingAndLeavesTheDraft() throws Exception {
        UUID rolledBack = draft(member, pledge, content());
        Caller caller = memberCaller();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            lifecycle.submit(rolledBack, ReportLifecycle.CONTENT_IS_BODY, caller);
            throw new IllegalStateException("the work around the submission fails after its event was written");
        })).hasMessageContaining("fails after");
        assertThat(QuarkusTransaction.requiringNew().call(() -> ProgressReport.<ProgressReport>findById(rolledBack).status))
                .isEqualTo(ReportStatus.DRAFT);

        // A later committed submission proves the relay went past where the rolled-back event would have been.
        UUID committed = draft(member, pledge, content());
        as(member).post("/api/v1/reports/{id}/submission", committed).then().statusCode(200);
        List<JsonNode> events = eventsAfterSettling(committed);
        assertThat(of(events, committed)).hasSize(1);
        assertThat(of(events, rolledBack)).isEmpty();
    }

    private Caller memberCaller() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(subject);
        return new Caller(QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRole("pledger").build());
    }

    private static List<JsonNode> of(List<JsonNode> events, UUID report) {
        return events.stream().filter(e -> report.toString().equals(e.get("subject").asText())).toList();
    }

    /** Everything on the topic once an event of {@code awaited} arrived and a duplicate had a second to follow. */
    private List<JsonNode> eventsAfterSettling(UUID awaited) throws Exception {
        ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(reportsTopic);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (task.getRecords().stream().noneMatch(r -> awaited.toString().equals(r.key()))) {
                assertThat(System.nanoTime()).as("an event of %s within 20 s", awaited).isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(1000);
        } finally {
            task.stop();
        }
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : task.getRecords()) {
            JsonNode event = json.readTree(r.value());
            // The topic also carries the outbox wiring check's events and the pledges' reporting schedules (keyed by
            // the pledge; ScheduleAgreementTest); only reports are under test here.
            if (event.get("type").asText().equals(ScheduleEvents.SCHEDULE_CHANGED)) {
                assertThat(r.key()).isEqualTo(event.get("subject").asText());
                assertThat(EventContracts.violations(event, "reporting-schedule.v1.json")).as("contract of %s", event).isEmpty();
            } else if (event.get("type").asText().startsWith("p2c.report.")) {
                assertThat(r.key()).isEqualTo(event.get("subject").asText());
                events.add(event);
            }
        }
        return events;
    }
}
