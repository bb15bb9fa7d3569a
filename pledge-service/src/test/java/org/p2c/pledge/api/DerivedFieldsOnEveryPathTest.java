package org.p2c.pledge.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.pledge.api.PledgeImport.ImportedStatus;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.pledge.testing.DerivedFields;
import org.p2c.pledge.testing.ValidContents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.p2c.pledge.api.PledgeWorld.SECRETARIAT;
import static org.p2c.pledge.api.PledgeWorld.as;

/**
 * Whatever valid content a pledge gets, and along every path that sets it (a new draft, an edit, a revision of a
 * validated pledge, a legacy import, a partner's batch), the answer and the event say the regions (named, primary and
 * the countries'), the LDC/LLDC/SIDS flags, the focus areas and the USD value that follow from that content. The
 * contents are jqwik samples drawn with a fixed seed (jqwik's properties do not run inside Quarkus' test extension);
 * a failure names the seed, the sample and its content. {@code -Dp2c.seed=<number>} draws another set.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class DerivedFieldsOnEveryPathTest {

    /** Samples per path: enough to meet inconsistent places on every path, few enough to keep the suite fast. */
    private static final int TRIES = 20;
    private static final long SEED = Long.parseLong(System.getProperty("p2c.seed", "20261201"));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    @Inject
    ObjectMapper json;

    KafkaCompanion kafka;
    ConsumerTask<String, String> pledgeEvents;
    PledgeWorld.Pledger pledger;
    /** The events each test expects on p2c.pledges.v1, checked once they have all arrived. */
    List<ExpectedEvent> expectedEvents;

    /** One drawn sample: where it comes from, so that a failure can be replayed. */
    record Sample<T>(String path, long seed, int index, T value) {
    }

    record ExpectedEvent(UUID pledge, String type, PledgeContent content, Sample<?> sample) {
    }

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        pledgeEvents = kafka.consumeStrings().fromTopics(pledgesTopic);
        pledger = new PledgeWorld(kafka, entitiesTopic).verifiedPledger();
        expectedEvents = new ArrayList<>();
    }

    @AfterEach
    void disconnect() {
        pledgeEvents.stop();
        kafka.close();
    }

    @Test
    void aNewDraftSaysWhatFollowsFromItsContent() {
        for (Sample<PledgeContent> sample : samples("draft", ValidContents.drafts())) {
            PledgeContent content = sample.value();
            JsonNode answer = body(as(pledger.member()).body(text(Map.of("pledgerEntityId", pledger.id(), "content", content)))
                    .post("/api/v1/pledges"), 201, sample);

            UUID id = UUID.fromString(answer.get("id").asText());
            assertDerived("the answer", answer, content, sample);
            assertDerived("a later read", read(pledger.member(), id, sample), content, sample);
            expectEvent(id, "p2c.pledge.drafted.v1", content, sample);
        }
        assertEvents();
    }

    @Test
    void anEditSaysWhatFollowsFromTheNewContentOnly() {
        for (Sample<Tuple2<PledgeContent, PledgeContent>> sample
                : samples("edit", Combinators.combine(ValidContents.drafts(), ValidContents.drafts()).as(Tuple::of))) {
            UUID id = created(pledger.member(), sample.value().get1(), sample);

            JsonNode edited = body(as(pledger.member()).header("If-Match", "\"0\"").body(text(sample.value().get2()))
                    .put("/api/v1/pledges/{id}", id), 200, sample);

            assertDerived("the edit's answer", edited, sample.value().get2(), sample);
            assertDerived("a later read", read(pledger.member(), id, sample), sample.value().get2(), sample);
            expectEvent(id, "p2c.pledge.edited.v1", sample.value().get2(), sample);
        }
        assertEvents();
    }

    @Test
    void aRevisionChangesWhatFollowsOnlyOnceValidatedAndThenFromItsOwnContent() throws Exception {
        for (Sample<Tuple2<PledgeContent, PledgeContent>> sample
                : samples("revision", Combinators.combine(ValidContents.submittable(), ValidContents.submittable()).as(Tuple::of))) {
            PledgeContent validated = sample.value().get1();
            PledgeContent revision = sample.value().get2();
            UUID id = created(pledger.member(), validated, sample);
            body(as(pledger.member()).body("{}").post("/api/v1/pledges/{id}/submission", id), 200, sample);
            assertDerived("the validated pledge", body(as(SECRETARIAT).body("{}")
                    .post("/api/v1/pledges/{id}/validation", id), 200, sample), validated, sample);

            Response revised = as(pledger.member()).header("If-Match", etag(id)).body(text(revision)).put("/api/v1/pledges/{id}", id);
            // While the revision waits, the pledge still says what its validated content implies.
            JsonNode pending = body(revised, 200, sample);
            assertDerived("the answer with a pending revision", pending, validated, sample);
            assertThat(json.treeToValue(pending.get("pendingRevision").get("content"), PledgeContent.class))
                    .as("the pending revision of %s", sample).isEqualTo(revision);
            assertDerived("the public view with a pending revision", read(null, id, sample), validated, sample);
            body(as(pledger.member()).body("{}").post("/api/v1/pledges/{id}/submission", id), 200, sample);

            JsonNode decided = body(as(SECRETARIAT).body("{}").post("/api/v1/pledges/{id}/validation", id), 200, sample);

            assertThat(decided.get("revision").asInt()).as("revision of %s", sample).isEqualTo(2);
            assertDerived("the validated revision", decided, revision, sample);
            assertDerived("the public view of the revision", read(null, id, sample), revision, sample);
            expectEvent(id, "p2c.pledge.revision-edited.v1", validated, sample);
            expectEvent(id, "p2c.pledge.revision-validated.v1", revision, sample);
        }
        assertEvents();
    }

    @Test
    void anImportedPledgeSaysWhatFollowsFromItsContent() {
        List<Sample<Tuple2<PledgeContent, ImportedStatus>>> samples = samples("import",
                Combinators.combine(ValidContents.drafts(), Arbitraries.of(ImportedStatus.class)).as(Tuple::of));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Sample<Tuple2<PledgeContent, ImportedStatus>> sample : samples) {
            ImportedStatus status = sample.value().get2();
            Map<String, Object> item = new HashMap<>();
            item.put("pledgerEntityId", pledger.id());
            // Each test class has a database of its own: these references are free.
            item.put("reference", "P2C-2021-%05d".formatted(10000 + sample.index()));
            item.put("status", status);
            item.put("submittedAt", "2021-03-01T09:00:00Z");
            item.put("validatedAt", status == ImportedStatus.SUBMITTED ? null : "2021-04-01T09:00:00Z");
            item.put("withdrawnAt", status == ImportedStatus.WITHDRAWN ? "2022-01-10T09:00:00Z" : null);
            item.put("content", sample.value().get1());
            items.add(item);
        }

        JsonNode result = body(as(SECRETARIAT).body(text(Map.of("items", items))).post("/api/v1/pledges/imports"), 200, samples);

        for (Sample<Tuple2<PledgeContent, ImportedStatus>> sample : samples) {
            JsonNode outcome = result.get("results").get(sample.index());
            assertThat(outcome.get("outcome").asText()).as("outcome of %s: %s", sample, outcome).isEqualTo("IMPORTED");
            UUID id = UUID.fromString(outcome.get("pledgeId").asText());
            assertDerived("the imported pledge", read(SECRETARIAT, id, sample), sample.value().get1(), sample);
            expectEvent(id, "p2c.pledge.imported.v1", sample.value().get1(), sample);
        }
        assertEvents();
    }

    @Test
    void aPartnersBatchSavesWhatFollowsFromEachItemsContent() {
        List<Sample<Tuple3<PledgeContent, PledgeContent, Boolean>>> samples = samples("batch", Combinators.combine(
                ValidContents.drafts(), ValidContents.submittable(), Arbitraries.of(true, false)).as(Tuple::of));
        List<Map<String, Object>> drafts = samples.stream()
                .map(s -> Map.<String, Object>of("content", s.value().get1())).toList();

        JsonNode created = push(drafts, samples);

        List<Map<String, Object>> edits = new ArrayList<>();
        for (Sample<Tuple3<PledgeContent, PledgeContent, Boolean>> sample : samples) {
            JsonNode outcome = created.get("results").get(sample.index());
            assertThat(outcome.get("outcome").asText()).as("outcome of %s: %s", sample, outcome).isEqualTo("CREATED");
            UUID id = UUID.fromString(outcome.get("pledgeId").asText());
            assertDerived("the pushed draft", read(pledger.partner(), id, sample), sample.value().get1(), sample);
            edits.add(Map.of("pledgeId", id, "version", outcome.get("version").asLong(), "content", sample.value().get2(),
                    "submit", sample.value().get3()));
        }

        JsonNode updated = push(edits, samples);

        for (Sample<Tuple3<PledgeContent, PledgeContent, Boolean>> sample : samples) {
            JsonNode outcome = updated.get("results").get(sample.index());
            assertThat(outcome.get("outcome").asText()).as("outcome of %s: %s", sample, outcome).isEqualTo("UPDATED");
            assertThat(outcome.get("status").asText()).as("status of %s", sample)
                    .isEqualTo(sample.value().get3() ? "SUBMITTED" : "DRAFT");
            UUID id = UUID.fromString(outcome.get("pledgeId").asText());
            assertDerived("the pushed edit", read(pledger.partner(), id, sample), sample.value().get2(), sample);
            expectEvent(id, "p2c.pledge.edited.v1", sample.value().get2(), sample);
        }
        assertEvents();
    }

    // --- samples, calls and checks -------------------------------------------------------------------

    /** {@link #TRIES} samples for one path; each path draws its own from the run's seed. */
    private static <T> List<Sample<T>> samples(String path, Arbitrary<T> arbitrary) {
        long seed = SEED + path.hashCode();
        List<T> values = ValidContents.sample(arbitrary, TRIES, String.valueOf(seed));
        List<Sample<T>> samples = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            samples.add(new Sample<>(path, seed, i, values.get(i)));
        }
        return samples;
    }

    private void assertDerived(String what, JsonNode pledge, PledgeContent content, Sample<?> sample) {
        assertThat(DerivedFields.of(pledge)).as("%s, for %s", what, describe(sample)).isEqualTo(DerivedFields.expectedOf(content));
    }

    private UUID created(String token, PledgeContent content, Sample<?> sample) {
        JsonNode answer = body(as(token).body(text(Map.of("pledgerEntityId", pledger.id(), "content", content)))
                .post("/api/v1/pledges"), 201, sample);
        return UUID.fromString(answer.get("id").asText());
    }

    private JsonNode read(String token, UUID id, Sample<?> sample) {
        return body(as(token).get("/api/v1/pledges/{id}", id), 200, sample);
    }

    private String etag(UUID id) {
        return as(pledger.member()).get("/api/v1/pledges/{id}", id).then().statusCode(200).extract().header("ETag");
    }

    private JsonNode push(List<Map<String, Object>> items, Object samples) {
        return body(as(pledger.partner()).header("Idempotency-Key", "key-" + UUID.randomUUID())
                .body(text(Map.of("items", items))).post("/api/v1/pledges/batch"), 200, samples);
    }

    /** The answer's body, once its status is the expected one (else the failure shows the answer and the samples). */
    private JsonNode body(Response response, int status, Object samples) {
        String body = response.asString();
        assertThat(response.statusCode()).as("status of %s for %s", body, describe(samples)).isEqualTo(status);
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("unreadable answer " + body, e);
        }
    }

    private void expectEvent(UUID pledge, String type, PledgeContent content, Sample<?> sample) {
        expectedEvents.add(new ExpectedEvent(pledge, type, content, sample));
    }

    /** Waits until every expected event has arrived, then checks what each says. */
    private void assertEvents() {
        Map<String, JsonNode> arrived = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ConsumerRecord<String, String> record : pledgeEvents.getRecords()) {
                JsonNode event = json.readTree(record.value());
                arrived.putIfAbsent(record.key() + " " + event.get("type").asText(), event);
            }
            assertThat(expectedEvents).as("events not yet on %s", pledgesTopic)
                    .allSatisfy(e -> assertThat(arrived).containsKey(e.pledge() + " " + e.type()));
        });
        for (ExpectedEvent expected : expectedEvents) {
            JsonNode data = arrived.get(expected.pledge() + " " + expected.type()).get("data");
            assertDerived("the event " + expected.type(), data, expected.content(), expected.sample());
        }
    }

    /** A sample (or a list of them) as a failure shows it: path, seed, index and the content as sent. */
    private String describe(Object samples) {
        if (samples instanceof Sample<?> s) {
            return "sample " + s.index() + " of path " + s.path() + " (seed " + s.seed() + "): " + text(sent(s.value()));
        }
        if (samples instanceof List<?> all && !all.isEmpty() && all.get(0) instanceof Sample<?> first) {
            return all.size() + " samples of path " + first.path() + " (seed " + first.seed() + "): "
                    + text(all.stream().map(s -> sent(((Sample<?>) s).value())).toList());
        }
        return String.valueOf(samples);
    }

    private static Object sent(Object value) {
        return value instanceof Tuple tuple ? tuple.items() : value;
    }

    private String text(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
