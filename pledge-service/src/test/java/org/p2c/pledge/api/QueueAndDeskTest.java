package org.p2c.pledge.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.pledge.testing.ValidContents;
import org.p2c.support.testing.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * The Secretariat's queue and the pledger's desk, in a world of their own (every pledge of this application is made
 * here), so that what each should show is computed from what the tests made — a model kept beside the calls, never
 * from the service's answers — and compared with what they show: exactly the submitted pledges and submitted
 * revisions, oldest first, in the queue; every pledge of the caller's entities, and nothing of another's, on the desk.
 * The drawn world is jqwik samples from a fixed seed ({@code -Dp2c.seed=<number>} draws another).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueAndDeskTest {

    private static final long SEED = Long.parseLong(System.getProperty("p2c.seed", "20261202"));
    private static final Map<String, String> REGION_OF = Map.of("KHM", "ASIA_PACIFIC", "KEN", "AFRICA", "FRA", "EUROPE",
            "BRA", "AMERICAS");
    private static final List<String> PILLARS = List.of("INFRASTRUCTURE", "SKILLS", "INNOVATIVE_FINANCING");

    /** Where a made pledge stands. */
    enum Shape {
        DRAFT, SUBMITTED, RETURNED, RESUBMITTED, VALIDATED, REJECTED, WITHDRAWN,
        REVISION_DRAFT, REVISION_SUBMITTED, REVISION_RETURNED, REVISION_REJECTED;

        String status() {
            return switch (this) {
                case DRAFT -> "DRAFT";
                case SUBMITTED, RESUBMITTED -> "SUBMITTED";
                case RETURNED -> "RETURNED_FOR_REVISION";
                case REJECTED -> "REJECTED";
                case WITHDRAWN -> "WITHDRAWN";
                default -> "VALIDATED";
            };
        }

        /** What the queue should call it, or null: it does not wait for the Secretariat. */
        String queueKind() {
            return switch (this) {
                case SUBMITTED, RESUBMITTED -> "SUBMITTED_PLEDGE";
                case REVISION_SUBMITTED -> "PENDING_REVISION";
                default -> null;
            };
        }

        boolean revisionUnderWay() {
            return this == REVISION_DRAFT || this == REVISION_SUBMITTED || this == REVISION_RETURNED;
        }

        boolean returned() {
            return this == RETURNED || this == REVISION_RETURNED;
        }
    }

    /** An entity of the world: its member's token, its partner client's, and what the view knows of it. */
    record Pledger(UUID id, String subject, String client, String stakeholderType) {
        /** A fresh token each time: a test token lives five minutes, this world longer. */
        String member() {
            return person(subject, "pledger");
        }
    }

    /** A pledge as the test made it: what the queue and the desk must say of it, known without asking them. */
    record Made(UUID id, Pledger pledger, Shape shape, List<String> pillars, String country, long submittedInOrder,
                String returnComment) {
        Set<String> regions() {
            return Set.of(REGION_OF.get(country));
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    KafkaCompanion kafka;
    PledgeWorld world;
    final Map<UUID, Made> made = new ConcurrentHashMap<>();
    final AtomicLong submissions = new AtomicLong();
    Pledger government;
    Pledger company;
    Pledger agency;
    /** The subject of a person who is a member of both the government and the agency. */
    String bothSubject;

    @BeforeAll
    void entities() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        world = new PledgeWorld(kafka, entitiesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String both = "member-both-" + run;
        government = entity("GOVERNMENT", "KHM", run, both);
        company = entity("PRIVATE_SECTOR", "KEN", run, null);
        agency = entity("UN_AGENCY", "FRA", run, both);
        bothSubject = both;
        PledgeWorld.awaitKnown(government.id(), company.id(), agency.id());
    }

    @AfterAll
    void disconnect() {
        kafka.close();
    }

    @Test
    void theQueueShowsExactlyTheSubmittedPledgesAndSubmittedRevisionsOldestFirst() {
        for (Shape shape : Shape.values()) {
            make(government, shape, List.of("INFRASTRUCTURE"), "KHM");
            make(company, shape, List.of("SKILLS"), "KEN");
        }
        JsonPath queue = queue(Map.of());
        assertQueueIs(queue, Map.of());
        // Every one of these shapes waits once per entity, and only those.
        List<String> kinds = queue.getList("items.kind");
        assertThat(kinds).contains("SUBMITTED_PLEDGE", "PENDING_REVISION");
        for (Map<String, Object> item : queue.<Map<String, Object>>getList("items")) {
            Made pledge = made.get(UUID.fromString((String) item.get("pledgeId")));
            assertThat(pledge.shape().queueKind()).as("%s in the queue", pledge).isNotNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> waiting = (Map<String, Object>) item.get("waiting");
            Duration waited = Duration.parse((String) waiting.get("duration"));
            assertThat(waited.getSeconds()).isEqualTo(((Number) waiting.get("seconds")).longValue()).isNotNegative();
            if (pledge.shape().queueKind().equals("SUBMITTED_PLEDGE")) {
                assertThat(Instant.parse((String) waiting.get("since"))).isEqualTo(Instant.parse((String) item.get("submittedAt")));
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, String>> links = (Map<String, Map<String, String>>) item.get("links");
            assertThat(links.get("validate")).isEqualTo(Map.of("method", "POST", "href", "/api/v1/pledges/" + pledge.id() + "/validation"));
            assertThat(links.get("returnForRevision")).isEqualTo(Map.of("method", "POST", "href", "/api/v1/pledges/" + pledge.id() + "/return"));
            assertThat(links.get("reject")).isEqualTo(Map.of("method", "POST", "href", "/api/v1/pledges/" + pledge.id() + "/rejection"));
        }
        // Newest first on request; paged.
        List<String> oldestFirst = queue.getList("items.pledgeId");
        List<String> newestFirst = queue(Map.of("sort", "waitingSince,desc")).getList("items.pledgeId");
        assertThat(newestFirst).containsExactlyElementsOf(reversed(oldestFirst));
        JsonPath second = queue(Map.of("size", "2", "page", "1"));
        assertThat(second.<String>getList("items.pledgeId")).containsExactlyElementsOf(oldestFirst.subList(2, 4));
        assertThat(second.getInt("totalItems")).isEqualTo(oldestFirst.size());
    }

    @Test
    void aDecisionTakenThroughTheItemsLinkTakesThePledgeOutOfTheQueue() {
        Made waiting = make(company, Shape.SUBMITTED, List.of("SKILLS"), "KEN");
        Map<String, Object> item = queue(Map.of("pledgerEntityId", company.id().toString())).<Map<String, Object>>getList("items")
                .stream().filter(i -> i.get("pledgeId").equals(waiting.id().toString())).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        String returnAt = ((Map<String, Map<String, String>>) item.get("links")).get("returnForRevision").get("href");
        as(secretariat()).body(Map.of("comment", "Name the schools")).post(returnAt).then().statusCode(200)
                .body("status", is("RETURNED_FOR_REVISION"));
        made.put(waiting.id(), new Made(waiting.id(), company, Shape.RETURNED, waiting.pillars(), waiting.country(),
                waiting.submittedInOrder(), "Name the schools"));
        assertThat(queue(Map.of()).<String>getList("items.pledgeId")).doesNotContain(waiting.id().toString());
        assertQueueIs(queue(Map.of()), Map.of());
        // On the pledger's desk, with the Secretariat's comment.
        JsonPath desk = desk(company.member(), Map.of("status", "RETURNED_FOR_REVISION"));
        assertThat(desk.getString("pledges.items.find { it.pledge.id == '" + waiting.id() + "' }.returned.comment"))
                .isEqualTo("Name the schools");
    }

    @Test
    void everyFilterOfTheQueueNarrowsItAsTheModelSays() {
        for (Shape shape : List.of(Shape.SUBMITTED, Shape.REVISION_SUBMITTED, Shape.DRAFT, Shape.RESUBMITTED)) {
            make(agency, shape, List.of("INNOVATIVE_FINANCING"), "BRA");
            make(government, shape, List.of("SKILLS", "INFRASTRUCTURE"), "FRA");
        }
        for (Map<String, String> filters : singleFilters()) {
            assertQueueIs(queue(filters), filters);
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        // Everything here was submitted today.
        assertQueueIs(queue(Map.of("submittedFrom", today)), Map.of());
        assertQueueIs(queue(Map.of("submittedTo", today)), Map.of());
        assertThat(queue(Map.of("submittedTo", yesterday)).getInt("totalItems")).isZero();
        assertThat(queue(Map.of("submittedTo", yesterday)).getInt("counts.submitted")).isZero();
    }

    /**
     * A drawn world of pledges in random statuses across the three entities, with random pillars and countries: the
     * queue under drawn filters and every entity's desk are what the model says.
     */
    @Test
    void aDrawnWorldShowsInTheQueueAndOnTheDesksAsTheModelSays() {
        Arbitrary<Pledger> pledgers = Arbitraries.of(government, company, agency);
        Arbitrary<List<String>> pillars = Arbitraries.of(PILLARS).set().ofMinSize(1).ofMaxSize(3).map(ArrayList::new);
        Arbitrary<String> countries = Arbitraries.of(REGION_OF.keySet().stream().sorted().toList());
        record Drawn(Pledger pledger, Shape shape, List<String> pillars, String country) {
        }
        for (Drawn d : ValidContents.sample(Combinators.combine(pledgers, Arbitraries.of(Shape.class), pillars, countries)
                .as(Drawn::new), 24, String.valueOf(SEED))) {
            make(d.pledger(), d.shape(), d.pillars(), d.country());
        }
        Arbitrary<Map<String, String>> filterSets = Arbitraries.of(singleFilters()).list().ofMinSize(0).ofMaxSize(3)
                .map(list -> {
                    Map<String, String> combined = new LinkedHashMap<>();
                    list.forEach(combined::putAll);
                    return combined;
                });
        for (Map<String, String> filters : ValidContents.sample(filterSets, 20, String.valueOf(SEED + 1))) {
            assertQueueIs(queue(filters), filters);
        }
        for (Pledger p : List.of(government, company, agency)) {
            assertDeskIs(desk(p.member(), Map.of()), m -> m.pledger().equals(p), "the member of " + p);
            assertDeskIs(desk(partner(p.client()), Map.of()), m -> m.pledger().equals(p), "the partner client of " + p);
            for (Shape shape : Shape.values()) {
                assertDeskIs(desk(p.member(), Map.of("status", shape.status())),
                        m -> m.pledger().equals(p) && m.shape().status().equals(shape.status()), p + " " + shape.status());
            }
        }
        assertDeskIs(desk(person(bothSubject, "pledger"), Map.of()), m -> m.pledger().equals(government) || m.pledger().equals(agency),
                "a member of two entities");
        assertDeskIs(desk(person(bothSubject, "pledger"), Map.of("pledgerEntityId", agency.id().toString())), m -> m.pledger().equals(agency),
                "a member of two entities, narrowed to one");
    }

    @Test
    void theDeskShowsDraftsReturnedPledgesWithTheCommentRevisionsAndInvitations() {
        Made draft = make(agency, Shape.DRAFT, List.of("SKILLS"), "KHM");
        Made returned = make(agency, Shape.RETURNED, List.of("SKILLS"), "KHM");
        Made revision = make(agency, Shape.REVISION_RETURNED, List.of("SKILLS"), "KHM");
        // The company invites the agency into a draft of its own.
        Made invitingDraft = make(company, Shape.DRAFT, List.of("SKILLS"), "KEN");
        as(company.member()).body(Map.of("entityId", agency.id(), "role", "IMPLEMENT"))
                .post("/api/v1/pledges/{id}/collaborators", invitingDraft.id()).then().statusCode(200);

        JsonPath desk = desk(agency.member(), Map.of());
        assertDeskIs(desk, m -> m.pledger().equals(agency), "the agency's member");
        assertThat(desk.getString(item(draft) + ".pledge.status")).isEqualTo("DRAFT");
        assertThat(desk.getString(item(returned) + ".returned.comment")).isEqualTo(returned.returnComment());
        assertThat(desk.getString(item(revision) + ".returned.comment")).isEqualTo(revision.returnComment());
        assertThat(desk.getString(item(revision) + ".pledge.pendingRevision.status")).isEqualTo("RETURNED_FOR_REVISION");
        assertThat(desk.getString(item(draft) + ".returned")).isNull();
        String invitation = "invitations.find { it.pledgeId == '" + invitingDraft.id() + "' }";
        assertThat(desk.getString(invitation + ".invitedEntityId")).isEqualTo(agency.id().toString());
        assertThat(desk.getString(invitation + ".role")).isEqualTo("IMPLEMENT");
        assertThat(desk.getString(invitation + ".links.accept.href"))
                .isEqualTo("/api/v1/pledges/" + invitingDraft.id() + "/collaborators/" + agency.id() + "/acceptance");
        assertThat(desk.getString("reportsToDo.href")).isEqualTo("/api/v1/reports/compliance/to-do");
        // The invitation is the agency's alone: the inviting draft is not one of its pledges, nor anyone else's invitation.
        assertThat(desk.<String>getList("pledges.items.pledge.id")).doesNotContain(invitingDraft.id().toString());
        assertThat(desk(government.member(), Map.of()).<String>getList("invitations.pledgeId"))
                .doesNotContain(invitingDraft.id().toString());
        // Once answered, it leaves the desk.
        as(agency.member()).post(desk.getString(invitation + ".links.accept.href")).then().statusCode(200);
        assertThat(desk(agency.member(), Map.of()).<String>getList("invitations.pledgeId")).doesNotContain(invitingDraft.id().toString());
    }

    /**
     * Through every filter and parameter, alone and together: the queue never shows a draft (nor counts one), and a
     * desk never shows a pledge of an entity its caller does not act for.
     */
    @Test
    void noFilterOrParameterShowsAnotherEntitysDraftsOnTheDeskOrAnyDraftInTheQueue() {
        for (Pledger p : List.of(government, company, agency)) {
            make(p, Shape.DRAFT, List.of("INFRASTRUCTURE"), "KHM");
            make(p, Shape.REVISION_DRAFT, List.of("INFRASTRUCTURE"), "KHM");
        }
        Set<String> drafts = made.values().stream().filter(m -> m.shape() == Shape.DRAFT).map(m -> m.id().toString())
                .collect(Collectors.toSet());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        List<Map<String, String>> everyFilter = new ArrayList<>(singleFilters());
        everyFilter.add(Map.of("submittedFrom", today));
        everyFilter.add(Map.of("submittedTo", today));
        everyFilter.add(Map.of("sort", "waitingSince,desc"));
        everyFilter.add(Map.of("size", "1"));
        everyFilter.add(Map.of("size", "100", "page", "0"));
        for (Map<String, String> one : everyFilter) {
            for (Map<String, String> other : everyFilter) {
                Map<String, String> filters = new HashMap<>(one);
                other.forEach(filters::putIfAbsent);
                JsonPath queue = queue(filters);
                assertThat(queue.<String>getList("items.pledgeId")).as("the queue with %s", filters).doesNotContainAnyElementsOf(drafts);
                assertThat(queue.getMap("counts")).as("the counts with %s", filters).doesNotContainKey("draft");
            }
        }

        List<String> statuses = new ArrayList<>();
        statuses.add(null);
        EnumSet.allOf(Shape.class).forEach(s -> statuses.add(s.status()));
        List<List<String>> entityFilters = List.of(List.of(), List.of(government.id().toString()),
                List.of(company.id().toString()), List.of(government.id().toString(), company.id().toString()),
                List.of(UUID.randomUUID().toString()));
        for (String caller : List.of(company.member(), partner(company.client()))) {
            for (String status : statuses.stream().distinct().toList()) {
                for (List<String> entities : entityFilters) {
                    for (String size : List.of("1", "100")) {
                        for (String page : List.of("0", "1")) {
                            var spec = as(caller).queryParam("size", size).queryParam("page", page);
                            if (status != null) {
                                spec.queryParam("status", status);
                            }
                            entities.forEach(e -> spec.queryParam("pledgerEntityId", e));
                            JsonPath desk = spec.get("/api/v1/pledges/desk").then().statusCode(200).extract().jsonPath();
                            String what = "the company's desk, status " + status + ", entities " + entities + ", page " + page + " of " + size;
                            assertThat(desk.<String>getList("pledges.items.pledge.pledgerEntityId")).as(what)
                                    .allMatch(company.id().toString()::equals);
                            assertThat(desk.<String>getList("invitations.invitedEntityId")).as(what)
                                    .allMatch(company.id().toString()::equals);
                            long othersDrafts = made.values().stream().filter(m -> !m.pledger().equals(company))
                                    .filter(m -> m.shape() == Shape.DRAFT).count();
                            assertThat(othersDrafts).isPositive();
                            assertThat(desk.getLong("counts.draft")).as(what).isEqualTo(entities.isEmpty()
                                    || entities.contains(company.id().toString()) ? count(company, Shape.DRAFT) : 0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void onlyTheSecretariatReadsTheQueueAndBadParametersAreProblemsNamingThem() {
        as(null).get("/api/v1/pledges/queue").then().statusCode(401);
        as(company.member()).get("/api/v1/pledges/queue").then().statusCode(403);
        as(partner(company.client())).get("/api/v1/pledges/queue").then().statusCode(403);
        as(null).get("/api/v1/pledges/desk").then().statusCode(401);
        refused(secretariat(), "/api/v1/pledges/queue?contry=KHM", "contry");
        refused(secretariat(), "/api/v1/pledges/queue?kind=DRAFT", "kind");
        refused(secretariat(), "/api/v1/pledges/queue?pillar=MOON", "pillar");
        refused(secretariat(), "/api/v1/pledges/queue?submittedFrom=2026-02-30", "submittedFrom");
        refused(secretariat(), "/api/v1/pledges/queue?submittedFrom=2026-03-02&submittedTo=2026-03-01", "submittedFrom");
        refused(secretariat(), "/api/v1/pledges/queue?sort=title", "sort");
        refused(secretariat(), "/api/v1/pledges/queue?size=101", "size");
        refused(company.member(), "/api/v1/pledges/desk?status=PENDING", "status");
        refused(company.member(), "/api/v1/pledges/desk?pledgerEntityId=mine", "pledgerEntityId");
        refused(company.member(), "/api/v1/pledges/desk?q=schools", "q");
        // Codes and enum values in any case.
        as(secretariat()).get("/api/v1/pledges/queue?country=khm&region=asia_pacific&kind=pending_revision").then().statusCode(200);
        as(company.member()).get("/api/v1/pledges/desk?status=draft").then().statusCode(200);
    }

    private static String secretariat() {
        return person("secretariat-officer", "secretariat");
    }

    private static void refused(String token, String path, String field) {
        as(token).get(path).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    // --- the model -------------------------------------------------------------------------------------------------

    private List<Made> expectedQueue(Predicate<Made> filter) {
        return made.values().stream().filter(m -> m.shape().queueKind() != null).filter(filter)
                .sorted(Comparator.comparingLong(Made::submittedInOrder)).toList();
    }

    /** The queue under {@code filters}: its items are the model's; its counts the model's under the filters, the kind aside. */
    private void assertQueueIs(JsonPath queue, Map<String, String> filters) {
        Map<String, String> kindAside = new HashMap<>(filters);
        kindAside.remove("kind");
        assertQueueIs(queue, expectedQueue(matching(filters)), expectedQueue(matching(kindAside)));
    }

    private void assertQueueIs(JsonPath queue, List<Made> expected, List<Made> counted) {
        String what = "the queue " + queue.prettify();
        assertThat(queue.<String>getList("items.pledgeId")).as(what)
                .containsExactlyElementsOf(expected.stream().map(m -> m.id().toString()).toList());
        assertThat(queue.<String>getList("items.kind")).as(what)
                .containsExactlyElementsOf(expected.stream().map(m -> m.shape().queueKind()).toList());
        assertThat(queue.getInt("totalItems")).isEqualTo(expected.size());
        assertThat(queue.getLong("counts.submitted")).as(what).isEqualTo(counted.stream()
                .filter(m -> m.shape().queueKind().equals("SUBMITTED_PLEDGE")).count());
        assertThat(queue.getLong("counts.pendingRevisions")).as(what).isEqualTo(counted.stream()
                .filter(m -> m.shape().queueKind().equals("PENDING_REVISION")).count());
    }

    private void assertDeskIs(JsonPath desk, Predicate<Made> expected, String what) {
        List<Made> mine = made.values().stream().filter(expected).toList();
        assertThat(desk.<String>getList("pledges.items.pledge.id")).as(what + ": " + desk.prettify())
                .containsExactlyInAnyOrderElementsOf(mine.stream().map(m -> m.id().toString()).toList());
        assertThat(desk.<String>getList("pledges.items.pledge.status")).as(what)
                .containsExactlyInAnyOrderElementsOf(mine.stream().map(m -> m.shape().status()).toList());
        List<Made> returned = mine.stream().filter(m -> m.shape().returned()).toList();
        assertThat(desk.<String>getList("pledges.items.findAll { it.returned != null }.returned.comment")).as(what)
                .containsExactlyInAnyOrderElementsOf(returned.stream().map(Made::returnComment).toList());
    }

    private long count(Pledger pledger, Shape shape) {
        return made.values().stream().filter(m -> m.pledger().equals(pledger) && m.shape() == shape).count();
    }

    /** Each filter alone with each value the world uses, and values no pledge has. */
    private List<Map<String, String>> singleFilters() {
        List<Map<String, String>> filters = new ArrayList<>();
        for (String type : List.of("GOVERNMENT", "PRIVATE_SECTOR", "UN_AGENCY", "OTHER")) {
            filters.add(Map.of("stakeholderType", type));
        }
        for (String country : List.of("KHM", "KEN", "FRA", "BRA", "FJI")) {
            filters.add(Map.of("country", country));
        }
        for (String region : List.of("ASIA_PACIFIC", "AFRICA", "EUROPE", "AMERICAS", "CIS")) {
            filters.add(Map.of("region", region));
        }
        for (String pillar : List.of("INFRASTRUCTURE", "SKILLS", "INNOVATIVE_FINANCING", "AFFORDABILITY")) {
            filters.add(Map.of("pillar", pillar));
        }
        for (Pledger p : List.of(government, company, agency)) {
            filters.add(Map.of("pledgerEntityId", p.id().toString()));
        }
        filters.add(Map.of("kind", "SUBMITTED_PLEDGE"));
        filters.add(Map.of("kind", "PENDING_REVISION"));
        return filters;
    }

    private static Predicate<Made> matching(Map<String, String> filters) {
        return m -> filters.entrySet().stream().allMatch(f -> switch (f.getKey()) {
            case "stakeholderType" -> m.pledger().stakeholderType().equals(f.getValue());
            case "country" -> m.country().equals(f.getValue());
            case "region" -> m.regions().contains(f.getValue());
            case "pillar" -> m.pillars().contains(f.getValue());
            case "pledgerEntityId" -> m.pledger().id().toString().equals(f.getValue());
            case "kind" -> f.getValue().equals(m.shape().queueKind());
            default -> throw new IllegalArgumentException(f.getKey());
        });
    }

    private static String item(Made m) {
        return "pledges.items.find { it.pledge.id == '" + m.id() + "' }";
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    // --- the calls -------------------------------------------------------------------------------------------------

    private static JsonPath queue(Map<String, String> filters) {
        var spec = as(secretariat()).queryParams(filters);
        if (!filters.containsKey("size")) {
            spec.queryParam("size", "100");
        }
        return spec.get("/api/v1/pledges/queue").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath desk(String token, Map<String, String> filters) {
        return as(token).queryParam("size", "100").queryParams(filters).get("/api/v1/pledges/desk").then().statusCode(200)
                .extract().jsonPath();
    }

    /** Makes a pledge of {@code pledger} and takes it to {@code shape} through the API, as its people and the Secretariat would. */
    private Made make(Pledger pledger, Shape shape, List<String> pillars, String country) {
        Map<String, Object> content = PledgeWorld.content();
        content.put("pillars", pillars);
        content.put("countries", List.of(country));
        content.put("primaryRegion", REGION_OF.get(country));
        String member = pledger.member();
        UUID id = UUID.fromString(as(member).body(Map.of("pledgerEntityId", pledger.id(), "content", content))
                .post("/api/v1/pledges").then().statusCode(201).extract().path("id"));
        long order = 0;
        String comment = null;
        if (shape != Shape.DRAFT) {
            order = submit(member, id);
        }
        switch (shape) {
            case RETURNED, RESUBMITTED -> {
                comment = "Quantify the impact of " + id;
                decide(id, "return", comment);
                if (shape == Shape.RESUBMITTED) {
                    edit(member, id, content);
                    order = submit(member, id);
                    comment = null;
                }
            }
            case REJECTED -> decide(id, "rejection", "Out of scope");
            case VALIDATED, WITHDRAWN, REVISION_DRAFT, REVISION_SUBMITTED, REVISION_RETURNED, REVISION_REJECTED -> {
                decide(id, "validation", null);
                if (shape == Shape.WITHDRAWN) {
                    as(member).body(Map.of()).post("/api/v1/pledges/{id}/withdrawal", id).then().statusCode(200);
                } else if (shape != Shape.VALIDATED) {
                    edit(member, id, content);
                    if (shape != Shape.REVISION_DRAFT) {
                        order = submit(member, id);
                    }
                    if (shape == Shape.REVISION_RETURNED) {
                        comment = "Keep the validated schools of " + id;
                        decide(id, "return", comment);
                    } else if (shape == Shape.REVISION_REJECTED) {
                        decide(id, "rejection", "The revision changes too much");
                    }
                }
            }
            default -> {
            }
        }
        Made pledge = new Made(id, pledger, shape, List.copyOf(pillars), country, order, comment);
        made.put(id, pledge);
        return pledge;
    }

    private long submit(String member, UUID id) {
        as(member).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200);
        return submissions.incrementAndGet();
    }

    private static void decide(UUID id, String decision, String comment) {
        as(secretariat()).body(comment == null ? Map.of() : Map.of("comment", comment))
                .post("/api/v1/pledges/{id}/" + decision, id).then().statusCode(200);
    }

    private static void edit(String member, UUID id, Map<String, Object> content) {
        String etag = as(member).get("/api/v1/pledges/{id}", id).then().statusCode(200).extract().header("ETag");
        Map<String, Object> revised = new HashMap<>(content);
        revised.put("expectedImpact", "Revised: " + content.get("expectedImpact"));
        as(member).header("If-Match", etag).body(revised).put("/api/v1/pledges/{id}", id).then().statusCode(200);
    }

    private Pledger entity(String stakeholderType, String country, String run, String alsoMember) {
        UUID id = UUID.randomUUID();
        String member = "member-" + stakeholderType.toLowerCase() + "-" + run;
        String client = "partner-" + stakeholderType.toLowerCase() + "-" + run;
        String members = "{\"subject\":\"" + member + "\",\"role\":\"FOCAL_POINT\"}"
                + (alsoMember == null ? "" : ",{\"subject\":\"" + alsoMember + "\",\"role\":\"MEMBER\"}");
        String data = """
                {"id":"%s","version":1,"name":"Entity %s","acronym":null,"stakeholderType":"%s",
                 "headquartersCountry":"%s","ituRegion":"ASIA_PACIFIC","status":"VERIFIED",
                 "registeredAt":"2024-07-01T08:00:00Z","verifiedAt":"2024-07-02T08:00:00Z","updatedAt":"2024-07-02T08:00:00Z",
                 "members":[%s],"partnerClients":["%s"]}""".formatted(id, stakeholderType, stakeholderType, country, members, client);
        TestEvents.send(kafka, entitiesTopic, id,
                TestEvents.cloudEvent(UUID.randomUUID(), "urn:p2c:entity-service", "p2c.entity.registered.v1", id, data));
        return new Pledger(id, member, client, stakeholderType);
    }
}
