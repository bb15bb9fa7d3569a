package org.p2c.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.p2c.e2e.Api.AMINA;
import static org.p2c.e2e.Api.LUCAS;
import static org.p2c.e2e.Api.ORANGE;
import static org.p2c.e2e.Api.SECRETARIAT;
import static org.p2c.e2e.Api.anonymous;
import static org.p2c.e2e.Api.as;
import static org.p2c.e2e.Api.retryingWhileCatchingUp;

/**
 * What must fail, through the gateway with real tokens: another entity's people and partner system do not see nor
 * touch a draft (404, as if absent); a token for another audience, an expired one and a tampered one are refused at
 * the door (401); a pledger is not the Secretariat (403).
 *
 * <p>Two entities of its own: Amina's (a draft, and a submitted pledge), and Lucas' with the partner system
 * {@code partner-orange-demo} bound to it. Each refusal is paired with the same call succeeding for the right caller,
 * so a 404 means "not yours", not "not known yet".
 */
@ExtendWith(E2ePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttacksTest {

    private String amina;
    private String lucas;
    private String aminasDraft;
    private long aminasDraftVersion;
    private String aminasSubmitted;
    private String lucasDraft;

    @BeforeAll
    void twoEntitiesAndTheirPledges() {
        amina = Api.signIn(AMINA);
        lucas = Api.signIn(LUCAS);
        String secretariat = Api.signIn(SECRETARIAT);

        String aminasEntity = register(amina, "Siem Reap Digital Inclusion Office (e2e)", "KHM", "Amina Pledger", "amina.pledger@example.org");
        String lucasEntity = register(lucas, "Lyon Fibre Cooperative (e2e)", "FRA", "Lucas Pledger", "lucas.pledger@example.org");
        for (String entity : List.of(aminasEntity, lucasEntity)) {
            as(secretariat).body(Map.of("reason", "checked")).post("/api/v1/entities/{id}/verification", entity)
                    .then().statusCode(200);
        }
        as(lucas).body(Map.of("clientId", ORANGE)).post("/api/v1/entities/{id}/partner-clients", lucasEntity)
                .then().statusCode(201);

        JsonPath draft = draft(amina, aminasEntity, "Community Wi-Fi in Siem Reap (draft)");
        aminasDraft = draft.getString("id");
        aminasDraftVersion = draft.getLong("version");
        aminasSubmitted = draft(amina, aminasEntity, "Village telecentres in Siem Reap (submitted)").getString("id");
        as(amina).body(Map.of()).post("/api/v1/pledges/{id}/submission", aminasSubmitted).then().statusCode(200);
        lucasDraft = draft(lucas, lucasEntity, "Fibre for Lyon's schools (draft)").getString("id");
    }

    @Test
    void another_entitys_member_neither_reads_nor_acts_on_the_draft() {
        as(lucas).get("/api/v1/pledges/{id}", lucasDraft).then().statusCode(200);

        as(lucas).get("/api/v1/pledges/{id}", aminasDraft).then().statusCode(404);
        as(lucas).get("/api/v1/pledges/{id}/history", aminasDraft).then().statusCode(404);
        as(lucas).header("If-Match", "\"" + aminasDraftVersion + "\"").body(Api.cambodiaPledge("Taken over by Lucas"))
                .put("/api/v1/pledges/{id}", aminasDraft).then().statusCode(404);
        as(lucas).body(Map.of()).post("/api/v1/pledges/{id}/submission", aminasDraft).then().statusCode(404);

        JsonPath unchanged = as(amina).get("/api/v1/pledges/{id}", aminasDraft).then().statusCode(200).extract().jsonPath();
        assertThat(unchanged.getString("status")).isEqualTo("DRAFT");
        assertThat(unchanged.getLong("version")).isEqualTo(aminasDraftVersion);
        assertThat(unchanged.getString("title")).isEqualTo("Community Wi-Fi in Siem Reap (draft)");
    }

    @Test
    void another_entitys_partner_system_neither_reads_nor_touches_the_draft() {
        String orange = Api.partner(ORANGE);
        // Its own entity's draft, once pledge-service's view of the entity has the binding.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(orange).get("/api/v1/pledges/{id}", lucasDraft).then().statusCode(200));

        as(orange).get("/api/v1/pledges/{id}", aminasDraft).then().statusCode(404);
        as(orange).header("If-Match", "\"" + aminasDraftVersion + "\"").body(Api.cambodiaPledge("Taken over by Orange"))
                .put("/api/v1/pledges/{id}", aminasDraft).then().statusCode(404);
        JsonPath pushed = as(orange).header("Idempotency-Key", "e2e-attack-" + aminasDraft)
                .body(Map.of("items", List.of(Map.of("pledgeId", aminasDraft, "version", aminasDraftVersion, "submit", true,
                        "content", Api.cambodiaPledge("Taken over by Orange's system")))))
                .post("/api/v1/pledges/batch").then().statusCode(200).extract().jsonPath();
        assertThat(pushed.getString("results[0].outcome")).isEqualTo("FAILED");
        assertThat(pushed.getInt("results[0].problem.status")).isEqualTo(404);

        JsonPath unchanged = as(amina).get("/api/v1/pledges/{id}", aminasDraft).then().statusCode(200).extract().jsonPath();
        assertThat(unchanged.getString("status")).isEqualTo("DRAFT");
        assertThat(unchanged.getLong("version")).isEqualTo(aminasDraftVersion);
    }

    @Test
    void a_token_issued_for_another_audience_is_refused_at_the_gateway() {
        // A real token of the same realm and the same person, but for another application: no p2c-api audience.
        Keycloak keycloak = Keycloak.of();
        keycloak.addPublicClient("e2e-other-app", List.of("basic", "profile", "email", "roles"), 300);
        String otherApp = keycloak.signIn("e2e-other-app", AMINA, Api.PASSWORDS.get(AMINA));
        assertThat(Keycloak.claims(otherApp).path("aud").toString()).doesNotContain("p2c-api");
        assertThat(Keycloak.claims(otherApp).path("preferred_username").asText()).isEqualTo(AMINA);

        as(amina).get("/api/v1/me").then().statusCode(200);
        refusedAtTheDoor(otherApp);
        as(otherApp).body(Api.draft(aminasDraft, "Drafted with a token for another app")).post("/api/v1/pledges")
                .then().statusCode(401);
    }

    @Test
    void an_expired_token_is_refused_at_the_gateway() {
        // A test-only client whose access tokens live 5 seconds (audience p2c-api like the frontend's).
        Keycloak keycloak = Keycloak.of();
        keycloak.addPublicClient("e2e-short-lived", List.of("basic", "profile", "email", "roles", "p2c-api-audience"), 5);
        String token = keycloak.signIn("e2e-short-lived", AMINA, Api.PASSWORDS.get(AMINA));
        Instant expiry = Instant.ofEpochSecond(Keycloak.claims(token).get("exp").asLong());
        assertThat(Keycloak.claims(token).path("aud").toString()).contains("p2c-api");

        as(token).get("/api/v1/me").then().statusCode(200);

        Api.sleep(Duration.between(Instant.now(), expiry).plusSeconds(1));
        refusedAtTheDoor(token);
    }

    @Test
    void a_tampered_token_is_refused_at_the_gateway_and_by_the_service() {
        String[] parts = amina.split("\\.");

        // One byte of the signature flipped.
        char[] signature = parts[2].toCharArray();
        int i = signature.length / 2;
        signature[i] = signature[i] == 'A' ? 'B' : 'A';
        String flipped = parts[0] + "." + parts[1] + "." + new String(signature);
        refusedAtTheDoor(flipped);
        given().baseUri(E2ePlatform.service("entity-service")).auth().oauth2(flipped).get("/api/v1/me")
                .then().statusCode(401);

        // The claims rewritten (Amina made Secretariat), the signature kept.
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"pledger\"", "\"secretariat\"");
        assertThat(payload).contains("\"secretariat\"");
        String promoted = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        as(promoted).body(Map.of("comment", "self-validated")).post("/api/v1/pledges/{id}/validation", aminasSubmitted)
                .then().statusCode(401);
        assertThat(as(amina).get("/api/v1/pledges/{id}", aminasSubmitted).then().statusCode(200).extract()
                .jsonPath().getString("status")).isEqualTo("SUBMITTED");
    }

    @Test
    void a_pledger_cannot_validate_even_their_own_pledge() {
        as(amina).body(Map.of("comment", "looks good to me")).post("/api/v1/pledges/{id}/validation", aminasSubmitted)
                .then().statusCode(403);
        assertThat(as(amina).get("/api/v1/pledges/{id}", aminasSubmitted).then().statusCode(200).extract()
                .jsonPath().getString("status")).isEqualTo("SUBMITTED");
    }

    /** 401 problem+json from the gateway itself, which says why in WWW-Authenticate. */
    private static void refusedAtTheDoor(String token) {
        as(token).get("/api/v1/me").then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .contentType(startsWith("application/problem+json"));
    }

    private static String register(String token, String name, String country, String person, String email) {
        return as(token).body(Api.entity(name, country, person, email)).post("/api/v1/entities")
                .then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static JsonPath draft(String token, String entity, String title) {
        return retryingWhileCatchingUp(() -> as(token).body(Api.draft(entity, title)).post("/api/v1/pledges"))
                .then().statusCode(201).extract().jsonPath();
    }
}
