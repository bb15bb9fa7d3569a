package org.p2c.e2e;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.p2c.e2e.Api.AMINA;
import static org.p2c.e2e.Api.GSMA;
import static org.p2c.e2e.Api.SECRETARIAT;
import static org.p2c.e2e.Api.anonymous;
import static org.p2c.e2e.Api.as;
import static org.p2c.e2e.Api.retryingWhileCatchingUp;

/**
 * The deck's journey, through the gateway with real tokens: a pledger registers an entity, the Secretariat verifies
 * it, the pledger pledges for Cambodia, the Secretariat validates it, the public finds it, the pledger reports
 * progress, the Cambodia country brief counts it, and the entity's partner system pushes a batch. Each step builds on
 * the one before.
 */
@ExtendWith(E2ePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PledgeJourneyTest {

    /** A word nobody else writes, so the explorer's full-text search finds this pledge and only it. */
    private final String word = "kampot" + UUID.randomUUID().toString().replace("-", "").chars()
            .map(c -> c <= '9' ? 'g' + (c - '0') : c).limit(10)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    private final String title = "Broadband for the schools of Kampot (" + word + ")";

    private String amina;
    private String secretariat;
    private String entityId;
    private String pledgeId;
    private String reference;
    /** The Cambodia brief just before the validation: step 7 expects exactly this pledge more. */
    private JsonPath cambodiaBefore;

    @BeforeAll
    void signIn() {
        amina = Api.signIn(AMINA);
        secretariat = Api.signIn(SECRETARIAT);
    }

    @Test
    @Order(1)
    void a_pledger_signs_in_and_registers_an_entity() {
        JsonPath me = as(amina).get("/api/v1/me").then().statusCode(200).extract().jsonPath();
        assertThat(me.getString("username")).isEqualTo(AMINA);
        assertThat(me.getList("roles", String.class)).contains("pledger");

        JsonPath entity = as(amina).body(Api.entity("Kampot Provincial Department of Education (e2e)", "KHM",
                        "Amina Pledger", "amina.pledger@example.org"))
                .post("/api/v1/entities").then().statusCode(201).extract().jsonPath();
        entityId = entity.getString("id");
        assertThat(entity.getString("status")).isEqualTo("PENDING_VERIFICATION");

        // Not verified yet: it does not exist for the public.
        anonymous().get("/api/v1/entities/{id}", entityId).then().statusCode(404);
        JsonPath mine = as(amina).get("/api/v1/me").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("entities.id", String.class)).contains(entityId);
    }

    @Test
    @Order(2)
    void the_secretariat_verifies_it_and_the_pledger_binds_its_partner_system() {
        as(amina).body(Map.of("reason", "I verify myself")).post("/api/v1/entities/{id}/verification", entityId)
                .then().statusCode(403);

        JsonPath verified = as(secretariat).body(Map.of("reason", "Registration documents checked"))
                .post("/api/v1/entities/{id}/verification", entityId).then().statusCode(200).extract().jsonPath();
        assertThat(verified.getString("status")).isEqualTo("VERIFIED");
        anonymous().get("/api/v1/entities/{id}", entityId).then().statusCode(200);

        as(amina).body(Map.of("clientId", GSMA)).post("/api/v1/entities/{id}/partner-clients", entityId)
                .then().statusCode(201);
    }

    @Test
    @Order(3)
    void the_pledger_drafts_and_submits_a_pledge_targeting_cambodia() {
        Response drafted = retryingWhileCatchingUp(() -> as(amina).body(Api.draft(entityId, title)).post("/api/v1/pledges"));
        JsonPath draft = drafted.then().statusCode(201).extract().jsonPath();
        pledgeId = draft.getString("id");
        assertThat(draft.getString("status")).isEqualTo("DRAFT");
        assertThat(draft.getList("countries", String.class)).containsExactly("KHM");
        assertThat(draft.getBoolean("ldc")).as("Cambodia is a least developed country").isTrue();

        // A draft is the entity's own: the public does not see it, the entity's partner system does
        // (once pledge-service's view of the entity has the binding).
        anonymous().get("/api/v1/pledges/{id}", pledgeId).then().statusCode(404);
        String gsma = Api.partner(GSMA);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(gsma).get("/api/v1/pledges/{id}", pledgeId).then().statusCode(200));

        JsonPath submitted = as(amina).body(Map.of()).post("/api/v1/pledges/{id}/submission", pledgeId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(submitted.getString("status")).isEqualTo("SUBMITTED");
        reference = submitted.getString("reference");
        assertThat(reference).matches("P2C-\\d{4}-\\d{5}");
    }

    @Test
    @Order(4)
    void the_secretariat_validates_it() {
        cambodiaBefore = cambodiaBrief();
        JsonPath validated = as(secretariat).body(Map.of("comment", "Meets the Coalition's criteria"))
                .post("/api/v1/pledges/{id}/validation", pledgeId).then().statusCode(200).extract().jsonPath();
        assertThat(validated.getString("status")).isEqualTo("VALIDATED");
        assertThat(validated.getString("validatedAt")).isNotBlank();
    }

    @Test
    @Order(5)
    void the_public_finds_it_in_the_explorer_and_by_reference() {
        JsonPath found = anonymous().queryParam("country", "KHM").queryParam("q", word)
                .get("/api/v1/pledges").then().statusCode(200).extract().jsonPath();
        assertThat(found.getList("items.reference", String.class)).containsExactly(reference);
        assertThat(found.getLong("totalItems")).isEqualTo(1);

        // Another country's explorer does not list it.
        JsonPath elsewhere = anonymous().queryParam("country", "KEN").queryParam("q", word)
                .get("/api/v1/pledges").then().statusCode(200).extract().jsonPath();
        assertThat(elsewhere.getList("items")).isEmpty();

        JsonPath byReference = anonymous().get("/api/v1/pledges/{reference}", reference)
                .then().statusCode(200).extract().jsonPath();
        assertThat(byReference.getString("id")).isEqualTo(pledgeId);
        assertThat(byReference.getString("title")).isEqualTo(title);
        assertThat(byReference.getString("pledgerEntityId")).isEqualTo(entityId);
        assertThat(byReference.getString("status")).isEqualTo("VALIDATED");
    }

    @Test
    @Order(6)
    void the_pledger_reports_progress_on_it() {
        var today = Api.today();
        Map<String, Object> report = Map.of("pledgeId", pledgeId, "content", Map.of(
                "asOfDate", today.toString(),
                "periodStart", today.minusMonths(6).toString(),
                "periodEnd", today.toString(),
                "completionStatus", "IN_PROGRESS",
                "percentComplete", 30,
                "peopleReached", 4200,
                "achievements", "36 of 120 schools connected; 180 teachers trained.",
                "challenges", List.of(Map.of("category", "NATURAL_DISASTERS", "text", "Monsoon floods delayed works by six weeks.")),
                "solutions", List.of(Map.of("category", "PARTNERSHIPS", "text", "A satellite operator bridges the flooded sites."))));
        // reporting-service hears of the validation from Kafka: until then it answers 503 + Retry-After.
        JsonPath draft = retryingWhileCatchingUp(() -> as(amina).body(report).post("/api/v1/reports"))
                .then().statusCode(201).extract().jsonPath();
        String reportId = draft.getString("id");

        JsonPath submitted = as(amina).body(Map.of()).post("/api/v1/reports/{id}/submission", reportId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(submitted.getString("status")).isEqualTo("SUBMITTED");

        // The public reads the published part: where the pledge stands, not the pledger's own account.
        JsonPath published = anonymous().queryParam("pledgeId", pledgeId).get("/api/v1/reports")
                .then().statusCode(200).extract().jsonPath();
        assertThat(published.getList("items.id", String.class)).containsExactly(reportId);
        assertThat(published.getString("items[0].view")).isEqualTo("PUBLISHED");
        assertThat(published.getString("items[0].pledgeReference")).isEqualTo(reference);
        assertThat(published.getInt("items[0].percentComplete")).isEqualTo(30);
        assertThat(published.getList("items[0].challengeCategories", String.class)).containsExactly("NATURAL_DISASTERS");
        assertThat(published.getMap("items[0]")).doesNotContainKeys("peopleReached", "challenges");
    }

    @Test
    @Order(7)
    void the_cambodia_country_brief_counts_it() {
        // analytics-service builds its figures from the events of all three services: it counts the pledge from its
        // validation and as reported once its report's event has arrived.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath brief = cambodiaBrief();
            assertThat(brief.getLong("pledges")).isEqualTo(cambodiaBefore.getLong("pledges") + 1);
            assertThat(brief.getLong("reportedPledges")).isEqualTo(cambodiaBefore.getLong("reportedPledges") + 1);
            assertThat(count(brief, "challengeCategories", "NATURAL_DISASTERS"))
                    .isEqualTo(count(cambodiaBefore, "challengeCategories", "NATURAL_DISASTERS") + 1);
            assertThat(count(brief, "targets", "ACC-SCHOOLS")).isEqualTo(count(cambodiaBefore, "targets", "ACC-SCHOOLS") + 1);
        });
    }

    @Test
    @Order(8)
    void the_entitys_partner_system_pushes_a_batch_once_per_idempotency_key() {
        String gsma = Api.partner(GSMA);
        Map<String, Object> batch = Map.of("items", List.of(
                Map.of("submit", true, "content", Api.cambodiaPledge("Community networks in Kep (pushed by GSMA)")),
                Map.of("submit", false, "content", Api.cambodiaPledge("Digital skills buses for Kampot (draft from GSMA)"))));
        String key = "e2e-" + UUID.randomUUID();

        JsonPath first = as(gsma).header("Idempotency-Key", key).body(batch).post("/api/v1/pledges/batch")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getInt("created")).isEqualTo(2);
        assertThat(first.getInt("failed")).isZero();
        assertThat(first.getList("results.outcome", String.class)).containsExactly("CREATED", "CREATED");
        assertThat(first.getList("results.status", String.class)).containsExactly("SUBMITTED", "DRAFT");
        assertThat(first.getString("results[0].reference")).matches("P2C-\\d{4}-\\d{5}");

        // The pushed pledges belong to the entity the client is bound to: its people see them.
        String pushed = first.getString("results[0].pledgeId");
        JsonPath seenByPledger = as(amina).get("/api/v1/pledges/{id}", pushed).then().statusCode(200).extract().jsonPath();
        assertThat(seenByPledger.getString("pledgerEntityId")).isEqualTo(entityId);

        // A retry with the same key and body (a lost answer) gets the first answer again and creates nothing new.
        JsonPath retried = as(gsma).header("Idempotency-Key", key).body(batch).post("/api/v1/pledges/batch")
                .then().statusCode(200).extract().jsonPath();
        assertThat(retried.getList("results.pledgeId", String.class))
                .isEqualTo(first.getList("results.pledgeId", String.class));

        // The same key with another body is refused.
        as(gsma).header("Idempotency-Key", key)
                .body(Map.of("items", List.of(Map.of("submit", false, "content", Api.cambodiaPledge("Something else")))))
                .post("/api/v1/pledges/batch").then().statusCode(422);
    }

    private static JsonPath cambodiaBrief() {
        return anonymous().get("/api/v1/analytics/countries/KHM").then().statusCode(200).extract().jsonPath();
    }

    private static long count(JsonPath brief, String list, String key) {
        List<Map<String, Object>> counts = brief.getList(list);
        return counts.stream().filter(c -> key.equals(c.get("key")))
                .mapToLong(c -> ((Number) c.get("count")).longValue()).findFirst().orElse(0);
    }
}
