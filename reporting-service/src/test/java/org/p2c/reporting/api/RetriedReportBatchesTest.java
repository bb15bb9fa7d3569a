package org.p2c.reporting.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.reporting.domain.ProgressReport;
import org.p2c.support.testing.FailingRow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.p2c.reporting.api.ReportWorld.as;
import static org.p2c.reporting.api.ReportWorld.content;
import static org.p2c.reporting.api.ReportWorld.draft;
import static org.p2c.support.testing.TestTokens.partner;

/**
 * A retry never does a thing twice, for progress reports pushed in bulk: a batch that failed part-way (the database
 * refusing an item's bookkeeping, the request dying with its key in flight, its answer not recorded) is finished by
 * a retry with the same Idempotency-Key and body, which answers the items already done as they were and does only
 * the rest. The failures are PostgreSQL's own, raised by a trigger ({@link FailingRow}).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class RetriedReportBatchesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    @ConfigProperty(name = "p2c.idempotency.lease")
    Duration lease;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    KafkaCompanion kafka;
    UUID a;
    UUID validatedOfA;
    String clientOfA;
    String run;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        ReportWorld world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        clientOfA = "partner-a-" + run;
        world.entity(a, "member-a-" + run, clientOfA, "PRIVATE_SECTOR");
        validatedOfA = world.pledge(a, "VALIDATED", 3, List.of("SEN"));
        ReportWorld.awaitEntities(a);
        ReportWorld.awaitPledge(validatedOfA, 3);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    /** What a batch item asks for, and what it gets. */
    enum Kind {
        NEW("CREATED", "DRAFT"), NEW_SUBMITTED("CREATED", "SUBMITTED"), EDIT("UPDATED", "DRAFT"), INVALID("FAILED", null);

        final String outcome;
        final String status;

        Kind(String outcome, String status) {
            this.outcome = outcome;
            this.status = status;
        }

        boolean saves() {
            return this != INVALID;
        }
    }

    private static final List<Kind> BATCH = List.of(Kind.NEW_SUBMITTED, Kind.INVALID, Kind.EDIT, Kind.NEW, Kind.NEW);

    @Test
    void aBatchThatFailedAfterAnyNumberOfItemsIsFinishedByARetryThatDoesNoItemTwice() throws Exception {
        int saving = (int) BATCH.stream().filter(Kind::saves).count();
        for (int done = 0; done < saving; done++) {
            String described = "failing after " + done + " saved items";
            String prefix = run + "-" + done + "-";
            List<Map<String, Object>> items = items(BATCH, prefix);
            String key = "key-" + UUID.randomUUID();

            ExtractableResponse<Response> first;
            try (FailingRow failing = FailingRow.onInsert(dataSource, "idempotency_item", done + 1)) {
                first = push(key, items);
            }
            // Nothing done: the key is given back and the failure answered as such; else a 503 to retry.
            assertThat(first.statusCode()).as(described).isEqualTo(done == 0 ? 500 : 503);
            if (done > 0) {
                assertThat(first.header("Retry-After")).as(described).isEqualTo("1");
                assertThat(first.<String>path("type")).as(described).endsWith("/request-incomplete");
            }

            ExtractableResponse<Response> retried = push(key, items);
            assertThat(retried.statusCode()).as(described).isEqualTo(200);
            assertThat(retried.<List<String>>path("results.outcome")).as(described)
                    .isEqualTo(BATCH.stream().map(k -> k.outcome).toList());
            assertThat(retried.<List<String>>path("results.status")).as(described)
                    .isEqualTo(BATCH.stream().map(k -> k.status).toList());
            for (int i = 0; i < BATCH.size(); i++) {
                if (BATCH.get(i).saves()) {
                    assertThat(reportsAchieving(prefix + i)).as("%s, item %d", described, i)
                            .containsExactly(UUID.fromString(retried.path("results[" + i + "].reportId")));
                }
            }
            assertThat(push(key, items).body().asString()).as(described).isEqualTo(retried.body().asString());
        }
    }

    @Test
    void aKeyLeftInFlightByARequestThatDiedIsAConflictWhileItsLeaseLivesThenARetryFinishesIt() throws Exception {
        List<Map<String, Object>> items = items(List.of(Kind.NEW, Kind.NEW_SUBMITTED, Kind.EDIT), run + "-");
        String key = "key-" + UUID.randomUUID();
        try (FailingRow failing = FailingRow.onInsert(dataSource, "idempotency_item", 2)) {
            assertThat(push(key, items).statusCode()).isEqualTo(503);
        }
        // What a process that died after its last renewal leaves: one item done, the key in flight under its lease.
        int leaseSeconds = (int) lease.toSeconds();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update idempotency_record set lease_until = now() + make_interval(secs => ?2) where key = ?1")
                .setParameter(1, key).setParameter(2, leaseSeconds).executeUpdate());

        ExtractableResponse<Response> refused = push(key, items);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("type")).endsWith("/idempotency-key-in-flight");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, leaseSeconds);

        ExtractableResponse<Response> finished = await().atMost(Duration.ofSeconds(leaseSeconds + 10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> push(key, items), answer -> answer.statusCode() == 200);
        assertThat(finished.<List<String>>path("results.outcome")).containsExactly("CREATED", "CREATED", "UPDATED");
        for (int i = 0; i < items.size(); i++) {
            assertThat(reportsAchieving(run + "-" + i)).as("item %d", i)
                    .containsExactly(UUID.fromString(finished.path("results[" + i + "].reportId")));
        }
    }

    @Test
    void aBatchWhoseAnswerWasNotRecordedIsAnsweredAndARetryGetsTheSameAnswer() throws Exception {
        List<Map<String, Object>> items = items(List.of(Kind.NEW_SUBMITTED, Kind.INVALID, Kind.EDIT), run + "-");
        String key = "key-" + UUID.randomUUID();
        ExtractableResponse<Response> first;
        try (FailingRow unrecorded = FailingRow.onUpdate(dataSource, "idempotency_record", "new.state = 'COMPLETED'", 1)) {
            first = push(key, items);
        }
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.<List<String>>path("results.outcome")).containsExactly("CREATED", "FAILED", "UPDATED");

        ExtractableResponse<Response> retried = push(key, items);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.<List<String>>path("results.reportId")).isEqualTo(first.path("results.reportId"));
        assertThat(retried.<List<Integer>>path("results.version")).isEqualTo(first.path("results.version"));
        assertThat(reportsAchieving(run + "-0")).hasSize(1);
    }

    /** The items of {@code kinds}; a saved item's achievements read {@code prefix + its index}, to count its reports. */
    private List<Map<String, Object>> items(List<Kind> kinds, String prefix) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            Map<String, Object> content = content();
            content.put("achievements", prefix + i);
            if (!kinds.get(i).saves()) {
                content.put("evidenceLinks", List.of("ftp://example.org/report"));
            }
            Map<String, Object> item = new HashMap<>();
            item.put("content", content);
            switch (kinds.get(i)) {
                case EDIT -> {
                    item.put("reportId", draft(partner(clientOfA), validatedOfA, content()));
                    item.put("version", 0);
                }
                case NEW_SUBMITTED -> {
                    item.put("pledgeId", validatedOfA);
                    item.put("submit", true);
                }
                default -> item.put("pledgeId", validatedOfA);
            }
            items.add(item);
        }
        return items;
    }

    private ExtractableResponse<Response> push(String key, List<Map<String, Object>> items) {
        return as(partner(clientOfA)).header("Idempotency-Key", key).body(Map.of("items", items))
                .post("/api/v1/reports/batch").then().extract();
    }

    private List<UUID> reportsAchieving(String achievements) {
        return QuarkusTransaction.requiringNew().call(() -> ProgressReport.<ProgressReport>find(
                "pledgeId = ?1 and achievements = ?2", validatedOfA, achievements).stream().map(r -> r.id).toList());
    }
}
