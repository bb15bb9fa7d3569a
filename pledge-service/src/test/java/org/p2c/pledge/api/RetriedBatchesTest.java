package org.p2c.pledge.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.testing.ValidContents;
import org.p2c.support.testing.FailingRow;
import org.p2c.support.testing.Scrape;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.p2c.pledge.api.PledgeWorld.SECRETARIAT;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;
import static org.p2c.pledge.api.PledgeWorld.draft;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * A retry never does a thing twice. A batch that failed part-way — the database refusing an item's bookkeeping, the
 * request dying with its key in flight, its answer not recorded — is finished by a retry with the same
 * Idempotency-Key and body, which answers the items already done as they were and does only the rest; a key whose
 * request died is retryable once its lease lapsed. The failures are PostgreSQL's own, raised by a trigger
 * ({@link FailingRow}); the code under test has no hook for them. The legacy import has no key: its references make
 * a re-run harmless.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class RetriedBatchesTest {

    /** Batches drawn per run (jqwik samples with a fixed seed: jqwik's properties do not run inside Quarkus' extension). */
    private static final int TRIES = 12;
    private static final long SEED = Long.parseLong(System.getProperty("p2c.seed", "20261214"));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.idempotency.lease")
    Duration lease;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    KafkaCompanion kafka;
    UUID a;
    String clientOfA;
    String memberOfA;
    String run;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        PledgeWorld world = new PledgeWorld(kafka, entitiesTopic);
        run = UUID.randomUUID().toString().substring(0, 8);
        a = UUID.randomUUID();
        clientOfA = "partner-a-" + run;
        world.entity(a, "VERIFIED", "member-a-" + run, clientOfA);
        memberOfA = person("member-a-" + run, "pledger");
        PledgeWorld.awaitKnown(a);
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

    /** Where an item's transaction fails: its outcome's bookkeeping refused, or its commit. */
    enum Failure { BOOKKEEPING, COMMIT }

    /** A batch of {@code kinds}, whose item saved after {@code done} others fails the first time. */
    record Failing(List<Kind> kinds, int done, Failure failure) {
        long saving() {
            return kinds.stream().filter(Kind::saves).count();
        }
    }

    @Test
    void aBatchThatFailedAfterSomeItemsIsFinishedByARetryThatDoesNoItemTwice() {
        Arbitrary<List<Kind>> kinds = Arbitraries.of(Kind.class).list().ofMinSize(1).ofMaxSize(6)
                .filter(list -> list.stream().anyMatch(Kind::saves));
        Arbitrary<Failing> batches = Combinators.combine(kinds, Arbitraries.integers().between(0, 5), Arbitraries.of(Failure.class))
                .as((list, point, failure) -> new Failing(list, point % (int) list.stream().filter(Kind::saves).count(), failure));
        List<Failing> samples = ValidContents.sample(batches, TRIES, String.valueOf(SEED));
        for (int s = 0; s < samples.size(); s++) {
            Failing sample = samples.get(s);
            String described = "sample " + s + " of seed " + SEED + ": " + sample;
            String prefix = run + "-" + s + "-";
            List<Map<String, Object>> items = items(sample.kinds(), prefix);
            String key = "key-" + UUID.randomUUID();

            // The item after `done` saved ones fails, at its bookkeeping or its commit: its change rolls back.
            ExtractableResponse<Response> first = sample.failure() == Failure.BOOKKEEPING
                    ? failingOnItem(sample.done() + 1, () -> push(key, items))
                    : failingAtCommit("title = '" + prefix + savedIndex(sample, sample.done()) + "'", () -> push(key, items));
            if (sample.done() == 0) {
                // Nothing was done: the key is given back and the failure answered as such.
                assertThat(first.statusCode()).as(described).isEqualTo(500);
            } else {
                assertThat(first.statusCode()).as(described).isEqualTo(503);
                assertThat(first.header("Retry-After")).as(described).isEqualTo("1");
                assertThat(first.<String>path("type")).as(described).endsWith("/request-incomplete");
            }
            assertThat(itemsRecorded(key)).as(described).isEqualTo(sample.done());
            assertThat(pledgesTitled(prefix + savedIndex(sample, sample.done()))).as(described).isEmpty();

            ExtractableResponse<Response> retried = push(key, items);
            assertThat(retried.statusCode()).as(described).isEqualTo(200);
            assertThat(retried.<List<String>>path("results.outcome")).as(described)
                    .isEqualTo(sample.kinds().stream().map(k -> k.outcome).toList());
            assertThat(retried.<List<String>>path("results.status")).as(described)
                    .isEqualTo(sample.kinds().stream().map(k -> k.status).toList());
            assertThat(retried.<Integer>path("failed")).as(described)
                    .isEqualTo((int) sample.kinds().stream().filter(k -> !k.saves()).count());
            // Each item's pledge exists once, whichever attempt saved it, and is as the answer says.
            List<String> ids = retried.path("results.pledgeId");
            List<Integer> versions = retried.path("results.version");
            for (int i = 0; i < items.size(); i++) {
                if (sample.kinds().get(i).saves()) {
                    String title = prefix + i;
                    assertThat(pledgesTitled(title)).as("%s, item %d", described, i).containsExactly(UUID.fromString(ids.get(i)));
                    assertThat(versionOf(UUID.fromString(ids.get(i)))).as("%s, item %d", described, i)
                            .isEqualTo(versions.get(i).longValue());
                }
            }
            assertThat(new HashSet<>(ids.stream().filter(id -> id != null).toList())).as(described)
                    .hasSize((int) sample.saving());

            // Finished: the same answer again, without doing anything.
            assertThat(push(key, items).body().asString()).as(described).isEqualTo(retried.body().asString());
            assertThat(itemsRecorded(key)).as(described).isEqualTo(sample.saving());
        }
    }

    @Test
    void aKeyLeftInFlightByARequestThatDiedIsAConflictWhileItsLeaseLivesThenARetryFinishesIt() {
        List<Map<String, Object>> items = items(List.of(Kind.NEW, Kind.NEW_SUBMITTED, Kind.NEW, Kind.EDIT), run + "-");
        String key = "key-" + UUID.randomUUID();
        assertThat(failingOnItem(3, () -> push(key, items)).statusCode()).isEqualTo(503);
        // What a process that died after its last renewal leaves: two items done, the key in flight under its lease.
        int leaseSeconds = (int) lease.toSeconds();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update idempotency_record set lease_until = now() + make_interval(secs => ?2) where key = ?1")
                .setParameter(1, key).setParameter(2, leaseSeconds).executeUpdate());

        ExtractableResponse<Response> refused = push(key, items);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("type")).endsWith("/idempotency-key-in-flight");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, leaseSeconds);
        assertThat(itemsRecorded(key)).isEqualTo(2);

        // Once the lease lapsed, the retry takes the key over and does the two items left.
        ExtractableResponse<Response> finished = await().atMost(Duration.ofSeconds(leaseSeconds + 10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> push(key, items), answer -> answer.statusCode() == 200);
        assertThat(finished.<List<String>>path("results.outcome")).containsExactly("CREATED", "CREATED", "CREATED", "UPDATED");
        for (int i = 0; i < items.size(); i++) {
            assertThat(pledgesTitled(run + "-" + i)).as("item %d", i)
                    .containsExactly(UUID.fromString(finished.<String>path("results[" + i + "].pledgeId")));
        }
    }

    @Test
    void theLeaseIsRenewedWhileTheRequestRunsSoALongItemIsNotTakenOver() throws Exception {
        List<Map<String, Object>> items = items(List.of(Kind.NEW, Kind.NEW, Kind.NEW), run + "-");
        String key = "key-" + UUID.randomUUID();
        double stall = lease.toMillis() / 1000.0 * 2;
        CompletableFuture<ExtractableResponse<Response>> first;
        try (FailingRow slow = FailingRow.stallingInsert(dataSource, "idempotency_item", 2, stall)) {
            first = CompletableFuture.supplyAsync(() -> push(key, items));
            // The second item waits twice the lease; the lease the first request took is over meanwhile.
            await().atMost(Duration.ofSeconds(30)).until(() -> leaseTakenAgo(key) > lease.toMillis() / 1000.0 * 1.3);
            ExtractableResponse<Response> retried = push(key, items);
            assertThat(retried.statusCode()).isEqualTo(409);
            assertThat(retried.header("Retry-After")).isNotNull();
            assertThat(first.get().statusCode()).isEqualTo(200);
        }
        assertThat(first.get().<List<String>>path("results.outcome")).containsExactly("CREATED", "CREATED", "CREATED");
        assertThat(push(key, items).body().asString()).isEqualTo(first.get().body().asString());
        for (int i = 0; i < items.size(); i++) {
            assertThat(pledgesTitled(run + "-" + i)).as("item %d", i).hasSize(1);
        }
    }

    @Test
    void aBatchWhoseAnswerWasNotRecordedIsAnsweredAndARetryGetsTheSameAnswer() throws Exception {
        List<Map<String, Object>> items = items(List.of(Kind.NEW, Kind.INVALID, Kind.EDIT), run + "-");
        String key = "key-" + UUID.randomUUID();
        ExtractableResponse<Response> first;
        try (FailingRow unrecorded = FailingRow.onUpdate(dataSource, "idempotency_record", "new.state = 'COMPLETED'", 1)) {
            first = push(key, items);
        }
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.<List<String>>path("results.outcome")).containsExactly("CREATED", "FAILED", "UPDATED");
        assertThat(state(key)).isEqualTo("IN_FLIGHT");

        ExtractableResponse<Response> retried = push(key, items);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.<List<String>>path("results.pledgeId")).isEqualTo(first.path("results.pledgeId"));
        assertThat(retried.<List<Integer>>path("results.version")).isEqualTo(first.path("results.version"));
        assertThat(state(key)).isEqualTo("COMPLETED");
        assertThat(pledgesTitled(run + "-0")).hasSize(1);
    }

    @Test
    void whatEachKeyMadeOfItsRequestIsCounted() {
        List<Map<String, Object>> items = items(List.of(Kind.NEW, Kind.NEW), run + "-counted-");
        String key = "key-" + UUID.randomUUID();
        Map<String, Double> before = requestsByOutcome();

        assertThat(push(key, items).statusCode()).isEqualTo(200);
        assertThat(push(key, items).statusCode()).as("the same body again").isEqualTo(200);
        assertThat(push(key, items(List.of(Kind.NEW), run + "-other-")).statusCode()).as("another body").isEqualTo(422);
        // A key whose request failed after one item, its lease still running (its process died, as it were).
        String resumed = "key-" + UUID.randomUUID();
        List<Map<String, Object>> three = items(List.of(Kind.NEW, Kind.NEW, Kind.NEW), run + "-resumed-");
        assertThat(failingOnItem(2, () -> push(resumed, three)).statusCode()).isEqualTo(503);
        leaseUntil(resumed, "now() + interval '1 hour'");
        assertThat(push(resumed, three).statusCode()).as("while its lease runs").isEqualTo(409);
        leaseUntil(resumed, "now()");
        assertThat(push(resumed, three).statusCode()).as("once it lapsed").isEqualTo(200);

        Map<String, Double> after = requestsByOutcome();
        // first: the first key, and the second key's first attempt (its failure is the work's, not the key's).
        assertThat(after.getOrDefault("first", 0.0) - before.getOrDefault("first", 0.0)).isEqualTo(2);
        assertThat(after.getOrDefault("replay", 0.0) - before.getOrDefault("replay", 0.0)).isEqualTo(1);
        assertThat(after.getOrDefault("conflict", 0.0) - before.getOrDefault("conflict", 0.0)).isEqualTo(1);
        assertThat(after.getOrDefault("in_progress", 0.0) - before.getOrDefault("in_progress", 0.0)).isEqualTo(1);
        assertThat(after.getOrDefault("resumed", 0.0) - before.getOrDefault("resumed", 0.0)).isEqualTo(1);
        assertThat(after.keySet()).as("outcomes, never keys or callers")
                .isSubsetOf("first", "replay", "conflict", "in_progress", "resumed");
    }

    // --- legacy import: no key, its references make a re-run harmless ------------------------------------------

    @Test
    void anImportTheServiceFailedPartWayAnswersWhatItImportedAndARerunImportsOnlyTheRest() throws Exception {
        List<String> references = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String reference = "P2C-2021-" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
            references.add(reference);
            items.add(imported(reference));
        }
        ValidatableResponse interrupted;
        try (FailingRow third = FailingRow.onInsert(dataSource, "pledge", 3)) {
            interrupted = as(SECRETARIAT).body(Map.of("items", items)).post("/api/v1/pledges/imports").then();
        }
        interrupted.statusCode(200).body("imported", is(2)).body("failed", is(2))
                .body("results.outcome", contains("IMPORTED", "IMPORTED", "FAILED", "FAILED"))
                .body("results.reference", is(references))
                .body("results[2..3].problem.status", everyItem(is(503)))
                .body("results[2].problem.type", endsWith("/import-interrupted"));

        as(SECRETARIAT).body(Map.of("items", items)).post("/api/v1/pledges/imports").then().statusCode(200)
                .body("results.outcome", contains("FAILED", "FAILED", "IMPORTED", "IMPORTED"))
                // Imported by the first run: answered as such.
                .body("results[0..1].problem.status", everyItem(is(409)))
                .body("results[0].problem.detail", endsWith("already exists (imported before?)"));
        for (String reference : references) {
            assertThat(QuarkusTransaction.requiringNew().call(() -> Pledge.count("reference", reference)))
                    .as(reference).isEqualTo(1);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The items of {@code kinds}; a saved item's title is {@code prefix + its index}, to count its pledges. */
    private List<Map<String, Object>> items(List<Kind> kinds, String prefix) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            Map<String, Object> content = content();
            content.put("title", kinds.get(i).saves() ? prefix + i : "");
            Map<String, Object> item = new HashMap<>();
            item.put("content", content);
            switch (kinds.get(i)) {
                case NEW_SUBMITTED -> item.put("submit", true);
                case EDIT -> {
                    item.put("pledgeId", draft(memberOfA, a));
                    item.put("version", 0);
                }
                default -> {
                }
            }
            items.add(item);
        }
        return items;
    }

    private Map<String, Object> imported(String reference) {
        Map<String, Object> item = new HashMap<>();
        item.put("pledgerEntityId", a);
        item.put("reference", reference);
        item.put("status", "VALIDATED");
        item.put("submittedAt", "2021-09-20T09:00:00Z");
        item.put("validatedAt", "2021-10-03T14:00:00Z");
        item.put("content", content());
        return item;
    }

    /** Sends the batch with the {@code nth} item outcome's bookkeeping failing once. */
    private ExtractableResponse<Response> failingOnItem(int nth, Supplier<ExtractableResponse<Response>> send) {
        try (FailingRow failing = FailingRow.onInsert(dataSource, "idempotency_item", nth)) {
            return send.get();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the batch with the first transaction that writes a pledge matching {@code condition} failing at commit. */
    private ExtractableResponse<Response> failingAtCommit(String condition, Supplier<ExtractableResponse<Response>> send) {
        try (FailingRow failing = FailingRow.atCommit(dataSource, "pledge", "new." + condition)) {
            return send.get();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The index in the batch of its {@code n}th saved item (from 0). */
    private static int savedIndex(Failing sample, int n) {
        for (int i = 0, saved = 0; i < sample.kinds().size(); i++) {
            if (sample.kinds().get(i).saves() && saved++ == n) {
                return i;
            }
        }
        throw new IllegalArgumentException("no saved item " + n + " in " + sample);
    }

    private ExtractableResponse<Response> push(String key, List<Map<String, Object>> items) {
        return as(partner(clientOfA)).header("Idempotency-Key", key).body(Map.of("items", items))
                .post("/api/v1/pledges/batch").then().extract();
    }

    private List<UUID> pledgesTitled(String title) {
        return QuarkusTransaction.requiringNew().call(() -> Pledge.<Pledge>find("pledgerEntityId = ?1 and title = ?2", a, title)
                .stream().map(p -> p.id).toList());
    }

    private long versionOf(UUID pledge) {
        return QuarkusTransaction.requiringNew().call(() -> Pledge.<Pledge>findById(pledge).version);
    }

    private long itemsRecorded(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from idempotency_item where key = ?1").setParameter(1, key).getSingleResult()).longValue());
    }

    private String state(String key) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select state from idempotency_record where key = ?1").setParameter(1, key).getSingleResult());
    }

    private void leaseUntil(String key, String until) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update idempotency_record set lease_until = " + until + " where key = ?1").setParameter(1, key).executeUpdate());
    }

    /** {@code p2c_idempotency_requests_total} at /q/metrics, by outcome. */
    private static Map<String, Double> requestsByOutcome() {
        Map<String, Double> counts = new HashMap<>();
        Scrape.now().of("p2c_idempotency_requests_total")
                .forEach(series -> counts.merge(series.labels().get("outcome"), series.value(), Double::sum));
        return counts;
    }

    /** Seconds since the key was first claimed; 0 before. */
    private double leaseTakenAgo(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select coalesce(max(extract(epoch from now() - created_at)), 0) from idempotency_record where key = ?1")
                .setParameter(1, key).getSingleResult()).doubleValue());
    }
}
