package org.p2c.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/** Calls through the gateway's port, as a frontend, a partner system or the public makes them; and their bodies. */
final class Api {

    static final String AMINA = "amina.pledger";
    static final String LUCAS = "lucas.pledger";
    /** The demo pledger of exactly one entity (none until a test registers it). */
    static final String NOOR = "noor.pledger";
    static final String SECRETARIAT = "secretariat.officer";
    static final String ADMIN = "platform.admin";
    static final Map<String, String> PASSWORDS = Map.of(
            AMINA, "dev-only-amina",
            LUCAS, "dev-only-lucas",
            NOOR, "dev-only-noor",
            SECRETARIAT, "dev-only-secretariat",
            ADMIN, "dev-only-admin");
    static final String GSMA = "partner-gsma-demo";
    static final String ORANGE = "partner-orange-demo";
    static final Map<String, String> SECRETS = Map.of(
            GSMA, "dev-only-gsma-secret",
            ORANGE, "dev-only-orange-secret");

    private Api() {
    }

    /** A signed-in person's token (authorization code + PKCE through the login form). */
    static String signIn(String username) {
        return Keycloak.of().signIn(username, PASSWORDS.get(username));
    }

    /** A partner system's token (client credentials). */
    static String partner(String clientId) {
        return Keycloak.of().clientCredentials(clientId, SECRETS.get(clientId));
    }

    static RequestSpecification as(String token) {
        return anonymous().auth().oauth2(token);
    }

    static RequestSpecification anonymous() {
        return given().baseUri(E2ePlatform.gateway()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /**
     * A service learns about other services' changes from Kafka: until its view has caught up it answers 503 with
     * Retry-After (pledge-service for a new entity, reporting-service for a new pledge). The caller retries, as a
     * frontend would.
     */
    static Response retryingWhileCatchingUp(Supplier<Response> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response response = call.get();
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            response = call.get();
        }
        return response;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static Map<String, Object> entity(String name, String country, String focalPointName, String email) {
        return Map.of(
                "name", name,
                "stakeholderType", "GOVERNMENT",
                "headquartersCountry", country,
                "website", "https://e2e.example.org/" + name.toLowerCase().replaceAll("[^a-z0-9]+", "-"),
                "description", "Registered by the end-to-end suite.",
                "focalPoint", Map.of("name", focalPointName, "email", email));
    }

    /** A complete programmatic pledge for Cambodia (nothing missing for submission). */
    static Map<String, Object> cambodiaPledge(String title) {
        return Map.ofEntries(
                Map.entry("title", title),
                Map.entry("description", "Connect rural schools in Kampot and Kep to broadband and train their teachers."),
                Map.entry("expectedImpact", "120 schools online, 600 teachers trained; reported yearly."),
                Map.entry("types", List.of("PROGRAMMATIC")),
                Map.entry("pillars", List.of("INFRASTRUCTURE", "SKILLS")),
                Map.entry("global", false),
                Map.entry("countries", List.of("KHM")),
                Map.entry("regions", List.of()),
                Map.entry("primaryRegion", "ASIA_PACIFIC"),
                Map.entry("beneficiaryGroups", List.of("STUDENTS", "RURAL_AND_REMOTE_COMMUNITIES")),
                Map.entry("sdgs", List.of(4, 9)),
                Map.entry("targets", List.of("ACC-SCHOOLS")),
                Map.entry("startDate", "2025-01-01"),
                Map.entry("endDate", "2028-12-31"));
    }

    static Map<String, Object> draft(String entityId, String title) {
        return Map.of("pledgerEntityId", entityId, "content", cambodiaPledge(title));
    }
}
