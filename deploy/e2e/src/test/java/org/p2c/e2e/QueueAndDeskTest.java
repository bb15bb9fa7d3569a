package org.p2c.e2e;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.p2c.e2e.Api.AMINA;
import static org.p2c.e2e.Api.LUCAS;
import static org.p2c.e2e.Api.SECRETARIAT;
import static org.p2c.e2e.Api.as;
import static org.p2c.e2e.Api.retryingWhileCatchingUp;

/**
 * The Secretariat's queues and a pledger's desk through the gateway with real tokens. Two entities of its own:
 * Amina's (Cambodia) with a pledge in each status — a draft, a submitted one, one returned with a comment, a validated
 * one whose revision is submitted, a rejected one — and Lucas' (France) with a draft and a submitted one. The suite's
 * other classes share the platform, so exact lists are read narrowed to these two entities; what must never show (a
 * draft in the queue, another entity's pledge on a desk) is checked unfiltered too.
 */
@ExtendWith(E2ePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueAndDeskTest {

    private static final String RETURN_COMMENT = "Please name the schools and the months of the roll-out";

    private String aminasEntity;
    private String lucasEntity;
    private String draft;
    private String submitted;
    private String returned;
    private String revised;
    private String rejected;
    private String lucasDraft;
    private String lucasSubmitted;

    @BeforeAll
    void twoEntitiesWithPledgesInEveryStatus() {
        aminasEntity = as(signedIn(AMINA)).body(Api.entity("Battambang Schools Connect (e2e queue)", "KHM", "Amina Pledger",
                "amina.pledger@example.org")).post("/api/v1/entities").then().statusCode(201).extract().path("id");
        lucasEntity = as(signedIn(LUCAS)).body(Api.entity("Marseille Digital Commons (e2e queue)", "FRA", "Lucas Pledger",
                "lucas.pledger@example.org")).post("/api/v1/entities").then().statusCode(201).extract().path("id");

        // Both wait for verification in the Secretariat's entity queue, each with its decisions' links.
        JsonPath pending = as(secretariat()).queryParam("size", 100).get("/api/v1/entities/queue").then().statusCode(200)
                .extract().jsonPath();
        assertThat(pending.<String>getList("items.entityId")).contains(aminasEntity, lucasEntity);
        assertThat(pending.<String>getList("items.entityId").indexOf(aminasEntity))
                .isLessThan(pending.<String>getList("items.entityId").indexOf(lucasEntity));
        for (String entity : List.of(aminasEntity, lucasEntity)) {
            String verify = pending.getString("items.find { it.entityId == '" + entity + "' }.links.verify.href");
            assertThat(verify).isEqualTo("/api/v1/entities/" + entity + "/verification");
            as(secretariat()).body(Map.of("reason", "checked")).post(verify).then().statusCode(200);
        }
        assertThat(as(secretariat()).queryParam("size", 100).get("/api/v1/entities/queue").then().statusCode(200)
                .extract().jsonPath().<String>getList("items.entityId")).doesNotContain(aminasEntity, lucasEntity);

        draft = draft(signedIn(AMINA), aminasEntity, "Solar telecentres in Battambang (draft)");
        submitted = submit(signedIn(AMINA), draft(signedIn(AMINA), aminasEntity, "Broadband for Battambang's schools (submitted)"));
        returned = submit(signedIn(AMINA), draft(signedIn(AMINA), aminasEntity, "Teacher training in Pailin (returned)"));
        decide(returned, "return", RETURN_COMMENT);
        revised = submit(signedIn(AMINA), draft(signedIn(AMINA), aminasEntity, "Community networks in Kampong Cham (revised)"));
        decide(revised, "validation", null);
        String etag = as(signedIn(AMINA)).get("/api/v1/pledges/{id}", revised).then().statusCode(200).extract().header("ETag");
        as(signedIn(AMINA)).header("If-Match", etag).body(Api.cambodiaPledge("Community networks in Kampong Cham and Kratie (revised)"))
                .put("/api/v1/pledges/{id}", revised).then().statusCode(200);
        submit(signedIn(AMINA), revised);
        rejected = submit(signedIn(AMINA), draft(signedIn(AMINA), aminasEntity, "A satellite for Siem Reap (rejected)"));
        decide(rejected, "rejection", "Outside the Action Framework");

        lucasDraft = draft(signedIn(LUCAS), lucasEntity, "Fibre for Marseille's libraries (draft)");
        lucasSubmitted = submit(signedIn(LUCAS), draft(signedIn(LUCAS), lucasEntity, "Digital skills in Marseille (submitted)"));
        // Lucas invites Amina's entity into his draft: an invitation on her desk, not a pledge of hers.
        retryingWhileCatchingUp(() -> as(signedIn(LUCAS)).body(Map.of("entityId", aminasEntity, "role", "IMPLEMENT"))
                .post("/api/v1/pledges/{id}/collaborators", lucasDraft)).then().statusCode(200);
    }

    @Test
    void the_secretariats_queue_shows_exactly_the_submitted_pledges_and_the_submitted_revision_oldest_first() {
        JsonPath queue = queue(Map.of("pledgerEntityId", List.of(aminasEntity, lucasEntity)));
        assertThat(queue.<String>getList("items.pledgeId")).containsExactly(submitted, revised, lucasSubmitted);
        assertThat(queue.<String>getList("items.kind")).containsExactly("SUBMITTED_PLEDGE", "PENDING_REVISION", "SUBMITTED_PLEDGE");
        assertThat(queue.getInt("totalItems")).isEqualTo(3);
        assertThat(queue.getInt("counts.submitted")).isEqualTo(2);
        assertThat(queue.getInt("counts.pendingRevisions")).isEqualTo(1);
        assertThat(queue.getInt("counts.returnedForRevision")).isEqualTo(1);
        assertThat(queue.getInt("counts.validated")).isEqualTo(1);
        assertThat(queue.getInt("counts.rejected")).isEqualTo(1);
        assertThat(queue.<Integer>getList("items.waiting.seconds")).allMatch(seconds -> seconds >= 0);
        assertThat(queue.getString("items[0].pledgerEntityName")).isEqualTo("Battambang Schools Connect (e2e queue)");
        assertThat(queue.getString("items[0].links.validate.href")).isEqualTo("/api/v1/pledges/" + submitted + "/validation");

        assertThat(queue(Map.of("pledgerEntityId", List.of(aminasEntity), "country", List.of("KHM"), "kind", List.of("PENDING_REVISION")))
                .<String>getList("items.pledgeId")).containsExactly(revised);
        assertThat(queue(Map.of("pledgerEntityId", List.of(aminasEntity, lucasEntity), "submittedFrom", List.of(Api.today().toString())))
                .<String>getList("items.pledgeId")).containsExactly(submitted, revised, lucasSubmitted);
        assertThat(queue(Map.of("pledgerEntityId", List.of(aminasEntity, lucasEntity), "submittedTo",
                List.of(Api.today().minusDays(1).toString()))).getInt("totalItems")).isZero();

        // A pledger is not the Secretariat.
        as(signedIn(AMINA)).get("/api/v1/pledges/queue").then().statusCode(403);
        as(signedIn(AMINA)).get("/api/v1/entities/queue").then().statusCode(403);
    }

    @Test
    void no_filter_of_the_queue_shows_a_draft() {
        Set<String> drafts = Set.of(draft, lucasDraft);
        String today = Api.today().toString();
        List<Map<String, List<Object>>> filters = List.of(Map.of(),
                Map.of("stakeholderType", List.of("GOVERNMENT")), Map.of("country", List.of("KHM")), Map.of("country", List.of("FRA")),
                Map.of("region", List.of("ASIA_PACIFIC")), Map.of("region", List.of("EUROPE")),
                Map.of("pillar", List.of("INFRASTRUCTURE")), Map.of("pillar", List.of("SKILLS")),
                Map.of("pledgerEntityId", List.of(aminasEntity)), Map.of("pledgerEntityId", List.of(lucasEntity)),
                Map.of("pledgerEntityId", List.of(aminasEntity, lucasEntity)),
                Map.of("submittedFrom", List.of(today)), Map.of("submittedTo", List.of(today)),
                Map.of("kind", List.of("SUBMITTED_PLEDGE")), Map.of("kind", List.of("PENDING_REVISION")),
                Map.of("sort", List.of("waitingSince,desc")), Map.of("size", List.of(1)));
        for (Map<String, List<Object>> one : filters) {
            for (Map<String, List<Object>> other : filters) {
                Map<String, List<Object>> both = new HashMap<>(one);
                other.forEach(both::putIfAbsent);
                var spec = as(secretariat());
                both.forEach((name, values) -> values.forEach(v -> spec.queryParam(name, v)));
                if (!both.containsKey("size")) {
                    spec.queryParam("size", 100);
                }
                JsonPath queue = spec.get("/api/v1/pledges/queue").then().statusCode(200).extract().jsonPath();
                assertThat(queue.<String>getList("items.pledgeId")).as("the queue with %s", both).doesNotContainAnyElementsOf(drafts)
                        .doesNotContain(returned, rejected);
            }
        }
    }

    @Test
    void a_pledgers_desk_shows_their_drafts_and_the_returned_pledge_with_the_secretariats_comment() {
        JsonPath desk = desk(signedIn(AMINA), Map.of("pledgerEntityId", List.of(aminasEntity)));
        assertThat(desk.<String>getList("pledges.items.pledge.id"))
                .containsExactlyInAnyOrder(draft, submitted, returned, revised, rejected);
        assertThat(desk.getString(item(draft) + ".pledge.status")).isEqualTo("DRAFT");
        assertThat(desk.getString(item(returned) + ".pledge.status")).isEqualTo("RETURNED_FOR_REVISION");
        assertThat(desk.getString(item(returned) + ".returned.comment")).isEqualTo(RETURN_COMMENT);
        assertThat(desk.getString(item(revised) + ".pledge.pendingRevision.status")).isEqualTo("SUBMITTED");
        assertThat(desk.getInt("counts.draft")).isEqualTo(1);
        assertThat(desk.getInt("counts.pendingRevisions")).isEqualTo(1);
        assertThat(desk(signedIn(AMINA), Map.of("pledgerEntityId", List.of(aminasEntity), "status", List.of("RETURNED_FOR_REVISION")))
                .<String>getList("pledges.items.pledge.id")).containsExactly(returned);

        // Lucas' invitation waits on her desk, with the link to accept it; his draft is not one of her pledges.
        String invitation = "invitations.find { it.pledgeId == '" + lucasDraft + "' }";
        assertThat(desk.getString(invitation + ".invitedEntityId")).isEqualTo(aminasEntity);
        assertThat(desk.getString(invitation + ".links.accept.href"))
                .isEqualTo("/api/v1/pledges/" + lucasDraft + "/collaborators/" + aminasEntity + "/acceptance");
        assertThat(desk(signedIn(AMINA), Map.of()).<String>getList("pledges.items.pledge.id")).doesNotContain(lucasDraft, lucasSubmitted);

        // The reports due are reporting-service's to-do list, one call away through the gateway.
        assertThat(desk.getString("reportsToDo.href")).isEqualTo("/api/v1/reports/compliance/to-do");
        as(signedIn(AMINA)).get(desk.getString("reportsToDo.href")).then().statusCode(200);
    }

    @Test
    void another_entitys_drafts_never_show_on_a_desk_whatever_the_parameters() {
        Set<String> aminas = Set.of(draft, submitted, returned, revised, rejected);
        List<List<Object>> statuses = new ArrayList<>();
        statuses.add(List.of());
        for (String status : List.of("DRAFT", "SUBMITTED", "RETURNED_FOR_REVISION", "VALIDATED", "REJECTED", "WITHDRAWN")) {
            statuses.add(List.of(status));
        }
        statuses.add(List.of("DRAFT", "SUBMITTED", "RETURNED_FOR_REVISION", "VALIDATED", "REJECTED", "WITHDRAWN"));
        List<List<Object>> entities = List.of(List.of(), List.of(aminasEntity), List.of(lucasEntity), List.of(aminasEntity, lucasEntity));
        for (List<Object> status : statuses) {
            for (List<Object> entity : entities) {
                for (int size : List.of(1, 100)) {
                    JsonPath desk = desk(signedIn(LUCAS), Map.of("status", status, "pledgerEntityId", entity, "size", List.of(size)));
                    String what = "Lucas' desk with status " + status + ", entities " + entity + ", size " + size;
                    assertThat(desk.<String>getList("pledges.items.pledge.id")).as(what).doesNotContainAnyElementsOf(aminas);
                    assertThat(desk.<String>getList("pledges.items.pledge.pledgerEntityId")).as(what).doesNotContain(aminasEntity);
                    assertThat(desk.<String>getList("invitations.invitedEntityId")).as(what).doesNotContain(aminasEntity);
                }
            }
        }
        // His own draft is there: the desk answers him, it does not just answer nothing.
        assertThat(desk(signedIn(LUCAS), Map.of("pledgerEntityId", List.of(lucasEntity), "status", List.of("DRAFT")))
                .<String>getList("pledges.items.pledge.id")).containsExactly(lucasDraft);
    }

    private JsonPath queue(Map<String, List<Object>> filters) {
        var spec = as(secretariat()).queryParam("size", 100);
        filters.forEach((name, values) -> values.forEach(v -> spec.queryParam(name, v)));
        return spec.get("/api/v1/pledges/queue").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath desk(String token, Map<String, List<Object>> filters) {
        RequestSpecification spec = as(token);
        if (!filters.containsKey("size")) {
            spec.queryParam("size", 100);
        }
        filters.forEach((name, values) -> values.forEach(v -> spec.queryParam(name, v)));
        return spec.get("/api/v1/pledges/desk").then().statusCode(200).extract().jsonPath();
    }

    private static String item(String pledge) {
        return "pledges.items.find { it.pledge.id == '" + pledge + "' }";
    }

    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, java.time.Instant> signedInAt = new HashMap<>();

    /** The person's token, signed in again once it is two minutes old: the realm's access tokens live five. */
    private String signedIn(String username) {
        java.time.Instant at = signedInAt.get(username);
        if (at == null || at.isBefore(java.time.Instant.now().minus(Duration.ofMinutes(2)))) {
            tokens.put(username, Api.signIn(username));
            signedInAt.put(username, java.time.Instant.now());
        }
        return tokens.get(username);
    }

    private String secretariat() {
        return signedIn(SECRETARIAT);
    }

    private static String draft(String token, String entity, String title) {
        // pledge-service learns of a new entity (and its verification) from Kafka: a moment's wait at most.
        return retryingWhileCatchingUp(() -> as(token).body(Api.draft(entity, title)).post("/api/v1/pledges"))
                .then().statusCode(201).extract().path("id");
    }

    private static String submit(String token, String pledge) {
        as(token).body(Map.of()).post("/api/v1/pledges/{id}/submission", pledge).then().statusCode(200);
        return pledge;
    }

    private void decide(String pledge, String decision, String comment) {
        // Validation needs the entity verified in pledge-service's view, which follows entity-service's event.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(secretariat())
                .body(comment == null ? Map.of() : Map.of("comment", comment))
                .post("/api/v1/pledges/{id}/" + decision, pledge).then().statusCode(200));
    }
}
