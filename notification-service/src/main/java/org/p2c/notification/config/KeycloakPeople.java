package org.p2c.notification.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.p2c.notification.service.People;
import org.p2c.notification.service.Person;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The people of the realm, read from Keycloak's admin API with the service account of the confidential client
 * {@code notification-service} (realm-management roles view-users and query-users, deploy/keycloak/itu-realm.json).
 * Addresses are read when a mail goes out and kept nowhere: no personal data in this service's tables or in events.
 */
@ApplicationScoped
public class KeycloakPeople implements People {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String realm;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant tokenExpires = Instant.MIN;

    public KeycloakPeople(@ConfigProperty(name = "p2c.notifications.keycloak.url") String baseUrl,
                          @ConfigProperty(name = "p2c.notifications.keycloak.realm") String realm,
                          @ConfigProperty(name = "p2c.notifications.keycloak.client-id") String clientId,
                          @ConfigProperty(name = "p2c.notifications.keycloak.client-secret") String clientSecret) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.realm = realm;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public Optional<Person> find(String subject) {
        HttpResponse<String> response = get("/admin/realms/" + realm + "/users/" + encode(subject));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        requireOk(response, "user " + subject);
        return Optional.of(person(new JsonObject(response.body())));
    }

    @Override
    public List<Person> withRole(String role) {
        List<Person> people = new ArrayList<>();
        int first = 0;
        int page = 100;
        while (true) {
            HttpResponse<String> response = get("/admin/realms/" + realm + "/roles/" + encode(role)
                    + "/users?briefRepresentation=false&first=" + first + "&max=" + page);
            requireOk(response, "users with role " + role);
            JsonArray users = new JsonArray(response.body());
            users.forEach(u -> people.add(person((JsonObject) u)));
            if (users.size() < page) {
                return people;
            }
            first += page;
        }
    }

    private static Person person(JsonObject user) {
        JsonObject attributes = user.getJsonObject("attributes", new JsonObject());
        JsonArray locale = attributes.getJsonArray("locale", new JsonArray());
        String email = user.getBoolean("enabled", true) ? user.getString("email") : null;
        return new Person(user.getString("id"), email, user.getString("firstName"),
                Person.languageOf(locale.isEmpty() ? null : locale.getString(0)));
    }

    private HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token(false)).header("Accept", "application/json").GET().build());
        if (response.statusCode() == 401) {
            // The token lapsed or was revoked early: once more with a fresh one.
            response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token(true)).header("Accept", "application/json").GET().build());
        }
        return response;
    }

    private synchronized String token(boolean renew) {
        if (!renew && token != null && Instant.now().isBefore(tokenExpires)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        requireOk(response, "a service-account token");
        JsonObject body = new JsonObject(response.body());
        token = body.getString("access_token");
        // Renewed a little before it expires.
        tokenExpires = Instant.now().plusSeconds(Math.max(5, body.getLong("expires_in", 60L) - 10));
        return token;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + baseUrl + " does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Keycloak", e);
        }
    }

    private static void requireOk(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak's admin API refused " + what + ": " + response.statusCode());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
