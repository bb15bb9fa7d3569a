package org.p2c.entity.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.p2c.entity.api.EntityApi.as;
import static org.p2c.entity.api.EntityApi.uniqueName;
import static org.p2c.support.testing.TestTokens.partner;
import static org.p2c.support.testing.TestTokens.person;

/** {@code GET /api/v1/me}: who the caller is, with the entities it acts for and how, and nothing about others. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class MeEndpointTest {

    @Test
    void anonymousCallersAreAskedToSignIn() {
        as(null).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aPersonSeesTheirIdentityRolesAndEachEntityWithTheirPlaceInIt() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String focal = person("focal-" + run, "pledger");
        String other = person("other-" + run, "pledger");
        UUID own = EntityApi.register(focal, uniqueName("Own"), "KHM", "GOVERNMENT");
        UUID joined = EntityApi.register(other, uniqueName("Joined"), "FRA", "PRIVATE_SECTOR");
        EntityApi.addMemberBySubject(other, joined, "focal-" + run);
        UUID notMine = EntityApi.register(other, uniqueName("Not mine"), "KEN", "OTHER");

        var me = as(focal).get("/api/v1/me").then().statusCode(200)
                .body("subject", is("focal-" + run))
                .body("username", is("focal-" + run))
                .body("email", is("focal-" + run + "@example.org"))
                .body("emailVerified", is(true))
                .body("roles", hasItem("pledger"))
                .body("clientId", nullValue())
                .extract().jsonPath();

        List<Map<String, Object>> entities = me.getList("entities");
        assertThat(entities).extracting(e -> e.get("id"), e -> e.get("relation")).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(own.toString(), "FOCAL_POINT"),
                org.assertj.core.groups.Tuple.tuple(joined.toString(), "MEMBER"));
        assertThat(entities).extracting(e -> e.get("id")).doesNotContain(notMine.toString());
    }

    @Test
    void anInvitationToTheVerifiedEmailIsBoundOnTheFirstCall() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String focal = person("inviter-" + run, "pledger");
        UUID entity = EntityApi.register(focal, uniqueName("Inviting"), "KHM", "GOVERNMENT");
        as(focal).body(Map.of("email", "invitee-" + run + "@example.org")).post("/api/v1/entities/{id}/members", entity)
                .then().statusCode(201);

        as(person("invitee-" + run, "pledger")).get("/api/v1/me").then().statusCode(200)
                .body("entities.id", contains(entity.toString()))
                .body("entities.relation", contains("MEMBER"));
    }

    @Test
    void aPartnerSystemSeesItsClientIdAndTheEntityItIsBoundTo() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String focal = person("focal-p-" + run, "pledger");
        UUID entity = EntityApi.register(focal, uniqueName("Partnered"), "KHM", "GOVERNMENT");
        EntityApi.verify(entity);
        EntityApi.bindPartnerClient(focal, entity, "partner-" + run);

        as(partner("partner-" + run)).get("/api/v1/me").then().statusCode(200)
                .body("clientId", is("partner-" + run))
                .body("roles", contains("partner-system"))
                .body("entities.id", contains(entity.toString()))
                .body("entities.relation", contains("PARTNER_CLIENT"));
        as(partner("unbound-" + run)).get("/api/v1/me").then().statusCode(200)
                .body("clientId", is("unbound-" + run))
                .body("entities", empty());
    }

    @Test
    void theSecretariatSeesItsRoleAndNoEntities() {
        // An officer of its own: other test classes register entities as the shared Secretariat subject.
        as(person("officer-" + UUID.randomUUID(), "secretariat")).get("/api/v1/me").then().statusCode(200)
                .body("roles", hasItem("secretariat"))
                .body("entities", empty());
    }

    @Test
    void theListOfMyEntitiesIsStillServed() {
        as(person("someone-" + UUID.randomUUID(), "pledger")).get("/api/v1/me/entities").then().statusCode(200);
    }
}
