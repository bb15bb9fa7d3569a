package org.p2c.gateway.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Readiness of each service behind the gateway, reported on its own at {@code /q/health/group/services} and never
 * folded into the gateway's readiness.
 */
@HealthGroup("services")
@ApplicationScoped
public class ServicesHealth implements HealthCheck {

    static final List<String> SERVICES = List.of("entity-service", "pledge-service", "reporting-service",
            "analytics-service", "notification-service");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Config config;

    public ServicesHealth(Config config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Services behind the gateway");
        boolean allUp = true;
        for (String service : SERVICES) {
            String state = readiness(config.getValue("p2c.services." + service + ".url", String.class));
            response.withData(service, state);
            allUp &= "UP".equals(state);
        }
        return response.status(allUp).build();
    }

    private String readiness(String baseUrl) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? "UP" : "DOWN";
        } catch (Exception e) {
            return "UNREACHABLE";
        }
    }
}
