package org.p2c.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.p2c.local.testing.MailInbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.p2c.e2e.Api.AMINA;
import static org.p2c.e2e.Api.SECRETARIAT;
import static org.p2c.e2e.Api.as;

/**
 * An invitation by e-mail binds only once the invitee has verified the address, through the real realm and the real
 * mail server: the focal point invites an address; the account an administrator creates with it (not verified) cannot
 * sign in at all — Keycloak holds the sign-in at its "verify your e-mail" page and no token is issued, so the invitation
 * cannot bind to it; Keycloak mails a verification link to the address; the invitee follows it from the mail, in the
 * same browser, and is signed in with {@code email_verified=true}; the invitation then binds to the account and the
 * invitee acts for the entity.
 */
@ExtendWith(E2ePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvitationByEmailTest {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String username = "invitee-" + suffix;
    private final String address = "invitee-" + suffix + "@example.org";
    private final String password = "dev-only-invitee-" + suffix;

    private String amina;
    private String entityId;
    private String accountId;
    private Keycloak.SignIn signIn;
    private String invitee;

    @BeforeAll
    void signIn() {
        amina = Api.signIn(AMINA);
    }

    @Test
    @Order(1)
    void a_focal_point_invites_a_colleague_by_email() {
        entityId = as(amina).body(Api.entity("Saint-Louis Digital Schools Network (e2e " + suffix + ")", "SEN",
                        "Amina Pledger", "amina.pledger@example.org"))
                .post("/api/v1/entities").then().statusCode(201).extract().path("id");
        as(Api.signIn(SECRETARIAT)).body(Map.of("reason", "Registration documents checked"))
                .post("/api/v1/entities/{id}/verification", entityId).then().statusCode(200);

        // The focal point types the address as it came, in capitals: the invitation is for the address, any case.
        as(amina).body(Map.of("email", address.toUpperCase(), "role", "MEMBER"))
                .post("/api/v1/entities/{id}/members", entityId).then().statusCode(201);

        Map<String, Object> invitation = invitation();
        assertThat(invitation.get("subject")).as("bound to nobody yet").isNull();
        assertThat(invitation.get("active")).isEqualTo(false);
    }

    @Test
    @Order(2)
    void the_invitees_account_with_an_unverified_address_gets_no_token() {
        accountId = Keycloak.of().addUnverifiedUser(username, address, password);

        signIn = Keycloak.of().beginSignIn(username, password);
        assertThat(signIn.reachedClient()).as("signed in without verifying the address").isFalse();
        assertThat(signIn.page()).as("Keycloak's page instead of the way back to the client")
                .containsIgnoringCase("verif").containsIgnoringCase("email");

        // Nor does the password grant hand out a token while the verification is pending.
        var grant = Keycloak.of().passwordGrant(username, password);
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(400);
        assertThat(grant.body()).contains("invalid_grant").doesNotContain("access_token");

        assertThat(invitation().get("subject")).as("the invitation waits").isNull();
    }

    @Test
    @Order(3)
    void following_the_verification_link_from_the_mail_completes_the_sign_in_with_a_verified_address() {
        MailInbox inbox = new MailInbox(E2ePlatform.platform().mailApiUrl());
        List<MailInbox.Mail> mails = await().atMost(Duration.ofSeconds(30))
                .until(() -> inbox.messagesTo(address), m -> !m.isEmpty());
        assertThat(mails).as("one verification mail, sent when the sign-in was held").hasSize(1);
        MailInbox.Mail mail = mails.get(0);
        assertThat(mail.to()).containsExactly(address);
        assertThat(mail.from()).isEqualTo("ITU account <no-reply@p2c.local>");
        assertThat(mail.subject()).containsIgnoringCase("verify");
        String link = mail.links().stream().filter(l -> l.contains("/login-actions/action-token")).findFirst()
                .orElseThrow(() -> new AssertionError("no verification link in " + mail.links()));
        assertThat(link).startsWith(E2ePlatform.platform().keycloakUrl());

        invitee = signIn.follow(link).token();

        var claims = Keycloak.claims(invitee);
        assertThat(claims.path("sub").asText()).isEqualTo(accountId);
        assertThat(claims.path("email").asText()).isEqualTo(address);
        assertThat(claims.path("email_verified").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void the_invitation_binds_to_the_verified_account_and_the_invitee_acts_for_the_entity() {
        JsonPath mine = as(invitee).get("/api/v1/me/entities").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("findAll { it.id == '" + entityId + "' }.role", String.class)).containsExactly("MEMBER");

        Map<String, Object> member = invitation();
        assertThat(member.get("subject")).isEqualTo(accountId);
        assertThat(member.get("active")).isEqualTo(true);

        // pledge-service learns the new member from the entity's event: until then the draft is refused.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                as(invitee).body(Api.draft(entityId, "Teachers' broadband in Saint-Louis (" + suffix + ")"))
                        .post("/api/v1/pledges").statusCode(), status -> status == 201);
    }

    /** The entity's member entry for the invited address, as the focal point sees it. */
    private Map<String, Object> invitation() {
        List<Map<String, Object>> members = as(amina).get("/api/v1/entities/{id}/members", entityId)
                .then().statusCode(200).extract().jsonPath().getList("$");
        List<Map<String, Object>> found = members.stream().filter(m -> address.equals(m.get("email"))).toList();
        assertThat(found).as("members of the entity with the invited address").hasSize(1);
        return found.get(0);
    }
}
