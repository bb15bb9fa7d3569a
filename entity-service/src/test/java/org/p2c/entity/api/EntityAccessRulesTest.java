package org.p2c.entity.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.p2c.local.testing.RealInfrastructure;

import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.entity.api.EntityApi.SECRETARIAT;
import static org.p2c.entity.api.EntityApi.as;
import static org.p2c.entity.api.EntityApi.uniqueName;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Who may do what to an entity. Each row: an operation, then the status each caller gets. Every row runs against a
 * fresh world: entity A (verified; focal point, one member, one bound partner client), entity A2 (pending; same
 * people) and entity B (verified; its own focal point, "member of B" below).
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class EntityAccessRulesTest {

    /** The callers, in the order of the table's columns. */
    enum Who { ANONYMOUS, MEMBER_OF_A, MEMBER_OF_B, FOCAL_POINT_OF_A, SECRETARIAT, PARTNER_CLIENT_OF_A }

    record World(UUID a, UUID a2, UUID b, String memberOfA, Map<Who, String> tokens) {
    }

    record Row(String operation, BiFunction<World, String, Response> call, int... expected) {
        @Override
        public String toString() {
            return operation;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                //                                                                                      anon MA   MB   FPA  SEC  PCA
                new Row("read verified entity A", (w, t) -> as(t).get("/api/v1/entities/{id}", w.a()), 200, 200, 200, 200, 200, 200),
                new Row("read pending entity A2", (w, t) -> as(t).get("/api/v1/entities/{id}", w.a2()), 404, 200, 404, 200, 200, 404),
                new Row("list members of A", (w, t) -> as(t).get("/api/v1/entities/{id}/members", w.a()), 401, 200, 403, 200, 200, 200),
                new Row("list members of pending A2", (w, t) -> as(t).get("/api/v1/entities/{id}/members", w.a2()), 401, 200, 404, 200, 200, 404),
                new Row("read history of A", (w, t) -> as(t).get("/api/v1/entities/{id}/history", w.a()), 401, 200, 403, 200, 200, 200),
                new Row("list partner clients of A", (w, t) -> as(t).get("/api/v1/entities/{id}/partner-clients", w.a()), 401, 200, 403, 200, 200, 200),
                new Row("update A's profile", (w, t) -> as(t).header("If-Match", EntityApi.etag(w.a()))
                        .body(EntityApi.profile("Renamed " + UUID.randomUUID(), "KHM", "GOVERNMENT")).put("/api/v1/entities/{id}", w.a()),
                        401, 403, 403, 200, 200, 403),
                new Row("update pending A2's profile", (w, t) -> as(t).header("If-Match", EntityApi.etag(w.a2()))
                        .body(EntityApi.profile("Renamed " + UUID.randomUUID(), "KHM", "GOVERNMENT")).put("/api/v1/entities/{id}", w.a2()),
                        401, 403, 404, 200, 200, 404),
                new Row("verify pending A2", (w, t) -> as(t).body(Map.of()).post("/api/v1/entities/{id}/verification", w.a2()),
                        401, 403, 403, 403, 200, 403),
                new Row("reject pending A2", (w, t) -> as(t).body(Map.of("reason", "no")).post("/api/v1/entities/{id}/rejection", w.a2()),
                        401, 403, 403, 403, 200, 403),
                new Row("suspend verified A", (w, t) -> as(t).body(Map.of("reason", "audit")).post("/api/v1/entities/{id}/suspension", w.a()),
                        401, 403, 403, 403, 200, 403),
                new Row("invite a person to A", (w, t) -> as(t).body(Map.of("email", UUID.randomUUID() + "@example.org"))
                        .post("/api/v1/entities/{id}/members", w.a()), 401, 403, 403, 201, 201, 403),
                new Row("remove A's member", (w, t) -> as(t).delete("/api/v1/entities/{id}/members/{m}", w.a(), w.memberOfA()),
                        401, 403, 403, 204, 204, 403),
                new Row("bind a partner client to A", (w, t) -> as(t).body(Map.of("clientId", "client-" + UUID.randomUUID()))
                        .post("/api/v1/entities/{id}/partner-clients", w.a()), 401, 403, 403, 201, 201, 403),
                new Row("register a new entity", (w, t) -> as(t).body(EntityApi.profile(uniqueName("New"), "KEN", "OTHER"))
                        .post("/api/v1/entities"), 401, 201, 201, 201, 201, 403),
                new Row("list my entities", (w, t) -> as(t).get("/api/v1/me/entities"), 401, 200, 200, 200, 200, 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachCallerGetsTheDocumentedStatus(Row row) {
        Who[] callers = Who.values();
        assertThat(row.expected()).as("one expected status per caller").hasSize(callers.length);
        for (int i = 0; i < callers.length; i++) {
            World world = freshWorld();
            int status = row.call().apply(world, world.tokens().get(callers[i])).statusCode();
            assertThat(status).as("%s as %s", row.operation(), callers[i]).isEqualTo(row.expected()[i]);
        }
    }

    private static World freshWorld() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String focalA = person("focal-a-" + run, "pledger");
        String memberA = person("member-a-" + run, "pledger");
        String focalB = person("member-b-" + run, "pledger");
        String clientA = "partner-a-" + run;

        UUID a = EntityApi.register(focalA, uniqueName("Entity A"), "KHM", "GOVERNMENT");
        String memberOfA = EntityApi.addMemberBySubject(focalA, a, "member-a-" + run);
        EntityApi.verify(a);
        EntityApi.bindPartnerClient(focalA, a, clientA);
        UUID a2 = EntityApi.register(focalA, uniqueName("Entity A2"), "KHM", "PRIVATE_SECTOR");
        EntityApi.addMemberBySubject(focalA, a2, "member-a-" + run);
        UUID b = EntityApi.register(focalB, uniqueName("Entity B"), "FRA", "PRIVATE_SECTOR");
        EntityApi.verify(b);

        Map<Who, String> tokens = new java.util.EnumMap<>(Who.class);
        tokens.put(Who.ANONYMOUS, null);
        tokens.put(Who.MEMBER_OF_A, memberA);
        tokens.put(Who.MEMBER_OF_B, focalB);
        tokens.put(Who.FOCAL_POINT_OF_A, focalA);
        tokens.put(Who.SECRETARIAT, SECRETARIAT);
        tokens.put(Who.PARTNER_CLIENT_OF_A, partner(clientA));
        return new World(a, a2, b, memberOfA, tokens);
    }
}
