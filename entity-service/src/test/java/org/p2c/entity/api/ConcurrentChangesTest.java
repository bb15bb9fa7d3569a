package org.p2c.entity.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.Concurrently;
import org.p2c.support.testing.Concurrently.Answer;
import org.p2c.support.testing.HeldRow;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.entity.api.EntityApi.as;
import static org.p2c.entity.api.EntityApi.etag;
import static org.p2c.entity.api.EntityApi.profile;
import static org.p2c.entity.api.EntityApi.register;
import static org.p2c.entity.api.EntityApi.uniqueName;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Requests that change the same entity at the same moment: one wins, and every other gets the problem it would have
 * got a moment later (412 for a stale If-Match, 409 for a member already added or an entity changed meanwhile) —
 * never a 500, also when it lost only at commit, after its checks had passed.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ConcurrentChangesTest {

    static final int AT_ONCE = 8;
    static final String CHANGED_WHILE_PROCESSED = "changed while your request was being processed";

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    final String focalPoint = person("focal-" + UUID.randomUUID(), "pledger");

    @Test
    void updatesWithTheSameIfMatchGiveOneUpdateAndStaleVersionForTheRest() throws Exception {
        UUID entity = register(focalPoint, uniqueName("Concurrent Ministry"), "KHM", "GOVERNMENT");
        for (int round = 0; round < 5; round++) {
            String etag = etag(entity);
            List<Answer> answers = Concurrently.send(AT_ONCE, update(entity, etag, uniqueName("Round " + round)));

            assertThat(answers).filteredOn(Answer::isSuccess).as("round %d", round).hasSize(1);
            assertThat(answers).filteredOn(a -> !a.isSuccess()).as("round %d", round).hasSize(AT_ONCE - 1)
                    .allSatisfy(a -> assertThat(a.isProblem(412)).as(a.toString()).isTrue())
                    .allSatisfy(a -> assertThat(a.body()).contains("stale-version"));
            assertThat(etag(entity)).as("one update committed").isEqualTo("\"" + (version(etag) + 1) + "\"");
        }
    }

    @Test
    void updatesThatAllPassedTheVersionCheckLoseAtCommitWithTheSame412() throws Exception {
        UUID entity = register(focalPoint, uniqueName("Held Ministry"), "KHM", "GOVERNMENT");
        String etag = etag(entity);
        List<Answer> answers = raceAtCommit(entity, List.of(update(entity, etag, uniqueName("Updated at once"))));

        assertThat(answers).filteredOn(Answer::isSuccess).hasSize(1);
        assertThat(answers).filteredOn(a -> !a.isSuccess()).hasSize(AT_ONCE - 1)
                .allSatisfy(a -> assertThat(a.isProblem(412)).as(a.toString()).isTrue())
                .allSatisfy(a -> assertThat(a.body()).contains("stale-version", CHANGED_WHILE_PROCESSED));
        assertThat(etag(entity)).isEqualTo("\"" + (version(etag) + 1) + "\"");
    }

    @Test
    void theSamePersonAddedAtTheSameMomentIsAddedOnceAndTheRestAreConflicts() throws Exception {
        UUID entity = register(focalPoint, uniqueName("Members Ministry"), "KHM", "GOVERNMENT");
        HttpRequest add = addMember(entity, "colleague-" + UUID.randomUUID());
        List<Answer> answers = raceAtCommit(entity, List.of(add));

        assertThat(answers).filteredOn(Answer::isSuccess).hasSize(1);
        assertThat(answers).filteredOn(a -> !a.isSuccess()).hasSize(AT_ONCE - 1)
                .allSatisfy(a -> assertThat(a.isProblem(409)).as(a.toString()).isTrue());
        assertThat(memberCount(entity)).as("the focal point and the one added").isEqualTo(2);
    }

    @Test
    void differentPeopleAddedAtTheSameMomentGiveOneAdditionAndConflictsToRetry() throws Exception {
        UUID entity = register(focalPoint, uniqueName("Busy Ministry"), "KHM", "GOVERNMENT");
        List<HttpRequest> adds = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            adds.add(addMember(entity, "colleague-" + i + "-" + UUID.randomUUID()));
        }
        List<Answer> answers = raceAtCommit(entity, adds);

        assertThat(answers).filteredOn(Answer::isSuccess).hasSize(1);
        assertThat(answers).filteredOn(a -> !a.isSuccess()).hasSize(AT_ONCE - 1)
                .allSatisfy(a -> assertThat(a.isProblem(409)).as(a.toString()).isTrue());
        assertThat(memberCount(entity)).isEqualTo(2);
    }

    /**
     * Sends the requests ({@link #AT_ONCE} in all, the list repeated) while the test holds the entity's row: each
     * request loads the entity, passes its checks and waits at its flush; released together, all but one lose.
     */
    private List<Answer> raceAtCommit(UUID entity, List<HttpRequest> requests) throws Exception {
        CompletableFuture<List<Answer>> answers;
        try (HeldRow row = HeldRow.lock(dataSource, "pledger_entity", entity)) {
            answers = CompletableFuture.supplyAsync(() -> {
                try {
                    return Concurrently.send(AT_ONCE, i -> requests.get(i % requests.size()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            row.awaitWaiting(AT_ONCE);
        }
        return answers.get();
    }

    private HttpRequest update(UUID entity, String etag, String name) throws Exception {
        return Concurrently.request("/api/v1/entities/" + entity, focalPoint).header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(profile(name, "KHM", "GOVERNMENT"))))
                .build();
    }

    private HttpRequest addMember(UUID entity, String subject) throws Exception {
        return Concurrently.request("/api/v1/entities/" + entity + "/members", focalPoint)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("subject", subject)))).build();
    }

    private int memberCount(UUID entity) {
        return as(focalPoint).get("/api/v1/entities/{id}/members", entity).then().statusCode(200)
                .extract().path("size()");
    }

    private static long version(String etag) {
        return Long.parseLong(etag.replace("\"", ""));
    }
}
