package org.p2c.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.notification.domain.MailKind;
import org.p2c.notification.service.UnsubscribeTokens;
import org.p2c.support.testing.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A person turns categories of mail off, signed in or by a mail's link, which works without a login. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(KeycloakAdminStub.class)
@WithTestResource(OidcWiremockTestResource.class)
class SettingsAndUnsubscribeTest {

    @Inject
    UnsubscribeTokens tokens;

    @Test
    void everythingIsOnUntilThePersonTurnsItOff() {
        String person = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.person(person)).get("/api/v1/notifications/settings").then().statusCode(200)
                .body("updates", equalTo(true)).body("reminders", equalTo(true)).body("digest", equalTo(true));

        given().auth().oauth2(TestTokens.person(person)).contentType(ContentType.JSON)
                .body(Map.of("updates", true, "reminders", false, "digest", false))
                .put("/api/v1/notifications/settings").then().statusCode(200).body("reminders", equalTo(false));

        given().auth().oauth2(TestTokens.person(person)).get("/api/v1/notifications/settings").then().statusCode(200)
                .body("updates", equalTo(true)).body("reminders", equalTo(false)).body("digest", equalTo(false));
    }

    @Test
    void aChangeMustNameEveryCategoryAndNeedsASignedInPerson() {
        given().auth().oauth2(TestTokens.person(UUID.randomUUID().toString())).contentType(ContentType.JSON)
                .body(Map.of("updates", true, "reminders", false)).put("/api/v1/notifications/settings").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", containsString("digest"));
        given().get("/api/v1/notifications/settings").then().statusCode(401);
        given().auth().oauth2(TestTokens.partner("partner-x")).get("/api/v1/notifications/settings").then().statusCode(403);
    }

    @Test
    void theLinkShowsAPageThenItsPostTurnsOffOnlyItsCategory() {
        String person = UUID.randomUUID().toString();
        String token = tokens.issue(person, MailKind.Category.REMINDERS);

        given().queryParam("code", token).get("/api/v1/notifications/unsubscribe").then().statusCode(200)
                .contentType(ContentType.HTML).body(containsString("reminders"));
        given().auth().oauth2(TestTokens.person(person)).get("/api/v1/notifications/settings").then()
                .body("reminders", equalTo(true));

        // A mail client's one-click unsubscribe (RFC 8058).
        given().queryParam("code", token).contentType(ContentType.URLENC).body("List-Unsubscribe=One-Click")
                .post("/api/v1/notifications/unsubscribe").then().statusCode(200).body(containsString("reminders"));
        given().auth().oauth2(TestTokens.person(person)).get("/api/v1/notifications/settings").then()
                .body("reminders", equalTo(false)).body("updates", equalTo(true)).body("digest", equalTo(true));
    }

    @Test
    void aTokenNotSignedByThePlatformIsABadRequest() {
        String signed = tokens.issue("someone", MailKind.Category.DIGEST);
        String forged = signed.substring(0, signed.length() - 1) + (signed.endsWith("A") ? "B" : "A");
        for (String bad : new String[]{forged, "nonsense", "a.b.c", "x".repeat(600)}) {
            given().queryParam("code", bad).post("/api/v1/notifications/unsubscribe").then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("code"));
        }
        given().get("/api/v1/notifications/unsubscribe").then().statusCode(400)
                .body("violations[0].field", equalTo("code"));
    }
}
