package org.p2c.entity.api;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.p2c.entity.api.EntityApi.as;
import static org.p2c.entity.api.EntityApi.profile;
import static org.p2c.entity.api.EntityApi.uniqueName;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * The entities awaiting verification, in a world of their own (every entity of this application is registered here),
 * compared with a model of what the tests registered and decided: exactly the pending ones, oldest first, with their
 * counts per status, under every filter. The drawn world is jqwik samples from a fixed seed.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class VerificationQueueTest {

    private static final long SEED = Long.parseLong(System.getProperty("p2c.seed", "20261202"));
    private static final Map<String, String> REGION_OF = Map.of("KHM", "ASIA_PACIFIC", "KEN", "AFRICA", "FRA", "EUROPE");

    enum Fate { PENDING_VERIFICATION, VERIFIED, REJECTED, SUSPENDED }

    record Registered(UUID id, String type, String country, Fate fate, long order) {
    }

    static final Map<UUID, Registered> registered = new ConcurrentHashMap<>();
    static final AtomicLong registrations = new AtomicLong();

    @Test
    void theQueueShowsExactlyThePendingEntitiesOldestFirstWithLinksToTheDecisions() {
        for (Fate fate : Fate.values()) {
            register("GOVERNMENT", "KHM", fate);
            register("PRIVATE_SECTOR", "KEN", fate);
        }
        JsonPath queue = queue(Map.of());
        assertQueueIs(queue, Map.of());
        for (Map<String, Object> item : queue.<Map<String, Object>>getList("items")) {
            String id = (String) item.get("entityId");
            @SuppressWarnings("unchecked")
            Map<String, Object> waiting = (Map<String, Object>) item.get("waiting");
            assertThat(waiting.get("since")).isEqualTo(item.get("registeredAt"));
            assertThat(Duration.parse((String) waiting.get("duration")).getSeconds())
                    .isEqualTo(((Number) waiting.get("seconds")).longValue()).isNotNegative();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, String>> links = (Map<String, Map<String, String>>) item.get("links");
            assertThat(links.get("verify")).isEqualTo(Map.of("method", "POST", "href", "/api/v1/entities/" + id + "/verification"));
            assertThat(links.get("reject")).isEqualTo(Map.of("method", "POST", "href", "/api/v1/entities/" + id + "/rejection"));
        }
        List<String> oldestFirst = queue.getList("items.entityId");
        List<String> newestFirst = new ArrayList<>(queue(Map.of("sort", "registeredAt,desc")).getList("items.entityId"));
        java.util.Collections.reverse(newestFirst);
        assertThat(newestFirst).containsExactlyElementsOf(oldestFirst);

        // Verifying through the item's link takes the entity out.
        String first = oldestFirst.get(0);
        as(secretariat()).body(Map.of("reason", "documents checked")).post(queue.getString("items[0].links.verify.href"))
                .then().statusCode(200);
        Registered was = registered.get(UUID.fromString(first));
        registered.put(was.id(), new Registered(was.id(), was.type(), was.country(), Fate.VERIFIED, was.order()));
        assertQueueIs(queue(Map.of()), Map.of());
    }

    @Test
    void aDrawnWorldShowsInTheQueueAsTheModelSaysUnderEveryFilter() {
        Arbitrary<String> types = Arbitraries.of("GOVERNMENT", "PRIVATE_SECTOR", "UN_AGENCY");
        Arbitrary<String> countries = Arbitraries.of("KHM", "KEN", "FRA");
        record Drawn(String type, String country, Fate fate) {
        }
        List<Drawn> world = new ArrayList<>();
        JqwikSession.run(String.valueOf(SEED), () -> Combinators.combine(types, countries, Arbitraries.of(Fate.class))
                .as(Drawn::new).sampleStream().limit(20).forEach(world::add));
        world.forEach(d -> register(d.type(), d.country(), d.fate()));
        List<Map<String, String>> filters = new ArrayList<>();
        for (String type : List.of("GOVERNMENT", "PRIVATE_SECTOR", "UN_AGENCY", "OTHER")) {
            filters.add(Map.of("stakeholderType", type));
        }
        for (String country : List.of("KHM", "KEN", "FRA", "BRA")) {
            filters.add(Map.of("country", country));
        }
        for (String region : List.of("ASIA_PACIFIC", "AFRICA", "EUROPE", "CIS")) {
            filters.add(Map.of("ituRegion", region));
        }
        for (Map<String, String> one : filters) {
            assertQueueIs(queue(one), one);
            for (Map<String, String> other : filters) {
                Map<String, String> both = new LinkedHashMap<>(one);
                other.forEach(both::putIfAbsent);
                assertQueueIs(queue(both), both);
            }
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertQueueIs(queue(Map.of("registeredFrom", today)), Map.of());
        assertQueueIs(queue(Map.of("registeredTo", today)), Map.of());
        JsonPath none = queue(Map.of("registeredTo", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()));
        assertThat(none.getInt("totalItems")).isZero();
        assertThat(none.getLong("counts.verified")).isZero();
        JsonPath page = queue(Map.of("size", "1", "page", "1"));
        assertThat(page.<String>getList("items.entityId")).containsExactly(queue(Map.of()).<String>getList("items.entityId").get(1));
    }

    @Test
    void onlyTheSecretariatReadsTheQueueAndBadParametersAreProblemsNamingThem() {
        as(null).get("/api/v1/entities/queue").then().statusCode(401);
        as(person("someone-" + UUID.randomUUID(), "pledger")).get("/api/v1/entities/queue").then().statusCode(403);
        as(partner("partner-" + UUID.randomUUID())).get("/api/v1/entities/queue").then().statusCode(403);
        refused("/api/v1/entities/queue?contry=KHM", "contry");
        refused("/api/v1/entities/queue?status=VERIFIED", "status");
        refused("/api/v1/entities/queue?stakeholderType=PIRATE", "stakeholderType");
        refused("/api/v1/entities/queue?registeredFrom=yesterday", "registeredFrom");
        refused("/api/v1/entities/queue?registeredFrom=2026-03-02&registeredTo=2026-03-01", "registeredFrom");
        refused("/api/v1/entities/queue?sort=name", "sort");
        refused("/api/v1/entities/queue?size=0", "size");
        as(secretariat()).get("/api/v1/entities/queue?country=khm&ituRegion=asia_pacific&stakeholderType=government")
                .then().statusCode(200);
    }

    private static void refused(String path, String field) {
        as(secretariat()).get(path).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    private static String secretariat() {
        return person("secretariat-officer", "secretariat");
    }

    private static JsonPath queue(Map<String, String> filters) {
        var spec = as(secretariat()).queryParams(filters);
        if (!filters.containsKey("size")) {
            spec.queryParam("size", "100");
        }
        return spec.get("/api/v1/entities/queue").then().statusCode(200).extract().jsonPath();
    }

    private static void assertQueueIs(JsonPath queue, Map<String, String> filters) {
        Predicate<Registered> matching = r -> filters.entrySet().stream().allMatch(f -> switch (f.getKey()) {
            case "stakeholderType" -> r.type().equals(f.getValue());
            case "country" -> r.country().equals(f.getValue());
            case "ituRegion" -> REGION_OF.get(r.country()).equals(f.getValue());
            // Everything here was registered today.
            case "registeredFrom", "registeredTo" -> true;
            default -> throw new IllegalArgumentException(f.getKey());
        });
        List<String> expected = registered.values().stream().filter(matching).filter(r -> r.fate() == Fate.PENDING_VERIFICATION)
                .sorted(java.util.Comparator.comparingLong(Registered::order)).map(r -> r.id().toString()).toList();
        String what = "the queue with " + filters + ": " + queue.prettify();
        assertThat(queue.<String>getList("items.entityId")).as(what).containsExactlyElementsOf(expected);
        assertThat(queue.getInt("totalItems")).as(what).isEqualTo(expected.size());
        Map<Fate, Long> counts = new HashMap<>();
        registered.values().stream().filter(matching).forEach(r -> counts.merge(r.fate(), 1L, Long::sum));
        assertThat(queue.getLong("counts.pendingVerification")).as(what).isEqualTo(counts.getOrDefault(Fate.PENDING_VERIFICATION, 0L));
        assertThat(queue.getLong("counts.verified")).as(what).isEqualTo(counts.getOrDefault(Fate.VERIFIED, 0L));
        assertThat(queue.getLong("counts.rejected")).as(what).isEqualTo(counts.getOrDefault(Fate.REJECTED, 0L));
        assertThat(queue.getLong("counts.suspended")).as(what).isEqualTo(counts.getOrDefault(Fate.SUSPENDED, 0L));
    }

    /** Registers an entity (its focal point a new person) and takes it to {@code fate} as the Secretariat would. */
    private static void register(String type, String country, Fate fate) {
        String focalPoint = person("focal-" + UUID.randomUUID(), "pledger");
        UUID id = UUID.fromString(as(focalPoint).body(profile(uniqueName("Entity"), country, type)).post("/api/v1/entities")
                .then().statusCode(201).extract().path("id"));
        long order = registrations.incrementAndGet();
        switch (fate) {
            case VERIFIED, SUSPENDED -> {
                decide(id, "verification", "checked");
                if (fate == Fate.SUSPENDED) {
                    decide(id, "suspension", "under review");
                }
            }
            case REJECTED -> decide(id, "rejection", "not an organisation");
            default -> {
            }
        }
        registered.put(id, new Registered(id, type, country, fate, order));
    }

    private static void decide(UUID id, String decision, String reason) {
        as(secretariat()).body(Map.of("reason", reason)).post("/api/v1/entities/{id}/" + decision, id).then().statusCode(200);
    }
}
