package org.p2c.gateway.health;

import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The gateway is ready when it can validate tokens: the realm's discovery document names a key set, and the key set
 * has keys. The services behind it are not part of this check (see {@link ServicesHealth}), so one service down
 * never takes the whole gateway out of rotation.
 */
@Readiness
@ApplicationScoped
public class TokenKeysReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String issuer;

    public TokenKeysReadiness(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String issuer) {
        this.issuer = issuer;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Token validation keys").withData("issuer", issuer);
        try {
            JsonObject discovery = get(issuer + "/.well-known/openid-configuration");
            String jwksUri = discovery.getString("jwks_uri");
            int keys = get(jwksUri).getJsonArray("keys").size();
            return response.withData("keys", keys).status(keys > 0).build();
        } catch (Exception e) {
            return response.withData("error", String.valueOf(e.getMessage())).down().build();
        }
    }

    private JsonObject get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return new JsonObject(r.body());
    }
}
