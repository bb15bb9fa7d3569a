package org.p2c.pledge.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.Concurrently;
import org.p2c.support.testing.Concurrently.Answer;
import org.p2c.support.testing.HeldRow;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;
import static org.p2c.pledge.api.PledgeWorld.draft;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Requests that change the same pledge at the same moment: one wins, and every other gets the problem it would have
 * got a moment later (412 for a stale If-Match, 409 for a transition the status no longer allows) — never a 500,
 * also when it lost only at commit, after its version check had passed.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ConcurrentChangesTest {

    static final int AT_ONCE = 8;
    static final String CHANGED_WHILE_PROCESSED = "changed while your request was being processed";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    KafkaCompanion kafka;
    UUID entity;
    String member;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        String run = UUID.randomUUID().toString().substring(0, 8);
        entity = UUID.randomUUID();
        new PledgeWorld(kafka, entitiesTopic).entity(entity, "VERIFIED", "member-" + run, null);
        member = person("member-" + run, "pledger");
        PledgeWorld.awaitKnown(entity);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void editsWithTheSameIfMatchGiveOneEditAndStaleVersionForTheRest() throws Exception {
        UUID pledge = draft(member, entity);
        for (int round = 0; round < 5; round++) {
            String etag = etag(pledge);
            List<Answer> answers = Concurrently.send(AT_ONCE, edit(pledge, etag, "Round " + round));

            assertThat(answers).filteredOn(Answer::isSuccess).as("round %d", round).hasSize(1);
            assertThat(answers).filteredOn(a -> !a.isSuccess()).as("round %d", round).hasSize(AT_ONCE - 1)
                    .allSatisfy(a -> assertThat(a.isProblem(412)).as(a.toString()).isTrue())
                    .allSatisfy(a -> assertThat(a.body()).contains("stale-version"));
            assertThat(etag(pledge)).as("one edit committed").isEqualTo("\"" + (version(etag) + 1) + "\"");
        }
    }

    @Test
    void editsThatAllPassedTheVersionCheckLoseAtCommitWithTheSame412() throws Exception {
        UUID pledge = draft(member, entity);
        String etag = etag(pledge);
        List<Answer> answers = raceAtCommit(pledge, edit(pledge, etag, "Edited at once"));

        assertThat(answers).filteredOn(Answer::isSuccess).hasSize(1);
        assertThat(answers).filteredOn(a -> !a.isSuccess()).hasSize(AT_ONCE - 1)
                .allSatisfy(a -> assertThat(a.isProblem(412)).as(a.toString()).isTrue())
                .allSatisfy(a -> assertThat(a.body()).contains("stale-version", CHANGED_WHILE_PROCESSED));
        assertThat(etag(pledge)).isEqualTo("\"" + (version(etag) + 1) + "\"");
        as(member).get("/api/v1/pledges/{id}/history", pledge).then().statusCode(200)
                .body("action", org.hamcrest.Matchers.contains("DRAFTED", "EDITED"));
    }

    @Test
    void submissionsAtTheSameMomentGiveOneSubmissionAndConflictForTheRest() throws Exception {
        UUID pledge = draft(member, entity);
        List<Answer> answers = raceAtCommit(pledge, Concurrently.request("/api/v1/pledges/" + pledge + "/submission", member)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(answers).filteredOn(Answer::isSuccess).hasSize(1);
        assertThat(answers).filteredOn(a -> !a.isSuccess()).hasSize(AT_ONCE - 1)
                .allSatisfy(a -> assertThat(a.isProblem(409)).as(a.toString()).isTrue());
        as(member).get("/api/v1/pledges/{id}/history", pledge).then().statusCode(200)
                .body("action", org.hamcrest.Matchers.contains("DRAFTED", "SUBMITTED"));

        // Submitted once more one at a time, the answer is the same 409.
        as(member).body(Map.of()).post("/api/v1/pledges/{id}/submission", pledge).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void submissionsOfDifferentPledgesAtTheSameMomentGetReferencesOfTheirOwn() throws Exception {
        List<UUID> pledges = new java.util.ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            pledges.add(draft(member, entity));
        }
        List<Answer> answers = Concurrently.send(AT_ONCE, i -> Concurrently.request(
                "/api/v1/pledges/" + pledges.get(i) + "/submission", member).POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
        assertThat(answers).extracting(a -> json.readTree(a.body()).get("reference").asText())
                .doesNotHaveDuplicates().allSatisfy(reference -> assertThat(reference).matches("P2C-\\d{4}-\\d{5}"));
    }

    @Test
    void theSameLegacyPledgeImportedTwiceAtOnceIsImportedOnceAndTheOtherItemsAreConflicts() throws Exception {
        String reference = "P2C-2020-" + (10000 + (int) (Math.random() * 80000));
        Map<String, Object> item = new java.util.HashMap<>();
        item.put("pledgerEntityId", entity);
        item.put("reference", reference);
        item.put("status", "VALIDATED");
        item.put("submittedAt", "2020-09-20T09:00:00Z");
        item.put("validatedAt", "2020-10-03T14:00:00Z");
        item.put("content", content());
        HttpRequest importing = Concurrently.request("/api/v1/pledges/imports", PledgeWorld.SECRETARIAT)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("items", List.of(item))))).build();

        List<Answer> answers = Concurrently.send(AT_ONCE, importing);

        // Each import answers for its item; the item that lost the race for the reference fails, not the import.
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
        List<com.fasterxml.jackson.databind.JsonNode> results = new java.util.ArrayList<>();
        for (Answer answer : answers) {
            results.add(json.readTree(answer.body()).get("results").get(0));
        }
        assertThat(results).filteredOn(r -> r.get("outcome").asText().equals("IMPORTED")).hasSize(1);
        assertThat(results).filteredOn(r -> r.get("outcome").asText().equals("FAILED")).hasSize(AT_ONCE - 1)
                .allSatisfy(r -> assertThat(r.get("problem").get("status").asInt()).isEqualTo(409));
    }

    /**
     * Sends the request {@link #AT_ONCE} times while the test holds the pledge's row: each request loads the pledge,
     * passes its checks and waits at its update; released together, all but one lose at commit.
     */
    private List<Answer> raceAtCommit(UUID pledge, HttpRequest request) throws Exception {
        CompletableFuture<List<Answer>> answers;
        try (HeldRow row = HeldRow.lock(dataSource, "pledge", pledge)) {
            answers = CompletableFuture.supplyAsync(() -> {
                try {
                    return Concurrently.send(AT_ONCE, request);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            row.awaitWaiting(AT_ONCE);
        }
        return answers.get();
    }

    private HttpRequest edit(UUID pledge, String etag, String title) throws Exception {
        Map<String, Object> content = content();
        content.put("title", title);
        return Concurrently.request("/api/v1/pledges/" + pledge, member).header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(content))).build();
    }

    private String etag(UUID pledge) {
        return as(member).get("/api/v1/pledges/{id}", pledge).then().statusCode(200).extract().header("ETag");
    }

    private static long version(String etag) {
        return Long.parseLong(etag.replace("\"", ""));
    }
}
