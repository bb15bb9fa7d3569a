package org.p2c.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.e2e.Api.AMINA;
import static org.p2c.e2e.Api.SECRETARIAT;
import static org.p2c.e2e.Api.as;
import static org.p2c.e2e.Api.retryingWhileCatchingUp;

/**
 * The latency the gateway adds: the same request ({@code GET /api/v1/pledges/{reference}} of a validated pledge, with
 * a pledger's token, which both the gateway and pledge-service validate) 300 times straight to pledge-service and 300
 * times through the gateway, alternating, after a warm-up; prints median and p99 of each. Figures only, never an
 * assertion on time: they depend on the machine and on what else it runs.
 *
 * <p>Not run by the test command (surefire runs *Test classes only). Run it with the services built:
 * <pre>./mvnw -pl deploy/e2e verify -Dtest=GatewayLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@ExtendWith(E2ePlatform.class)
class GatewayLatencyBenchmark {

    private static final int WARM_UP = 50;
    private static final int SAMPLES = 300;

    @Test
    void gateway_overhead_on_reading_a_pledge_by_reference() throws Exception {
        String amina = Api.signIn(AMINA);
        String secretariat = Api.signIn(SECRETARIAT);
        String entity = as(amina).body(Api.entity("Benchmark Ministry (e2e)", "KHM", "Amina Pledger", "amina.pledger@example.org"))
                .post("/api/v1/entities").then().statusCode(201).extract().jsonPath().getString("id");
        as(secretariat).body(Map.of("reason", "checked")).post("/api/v1/entities/{id}/verification", entity).then().statusCode(200);
        String pledge = retryingWhileCatchingUp(() -> as(amina).body(Api.draft(entity, "Benchmark pledge")).post("/api/v1/pledges"))
                .then().statusCode(201).extract().jsonPath().getString("id");
        String reference = as(amina).body(Map.of()).post("/api/v1/pledges/{id}/submission", pledge)
                .then().statusCode(200).extract().jsonPath().getString("reference");
        as(secretariat).body(Map.of()).post("/api/v1/pledges/{id}/validation", pledge).then().statusCode(200);

        String path = "/api/v1/pledges/" + reference;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest direct = HttpRequest.newBuilder(URI.create(E2ePlatform.service("pledge-service") + path))
                .header("Authorization", "Bearer " + amina).header("Accept", "application/json").build();
        HttpRequest viaGateway = HttpRequest.newBuilder(URI.create(E2ePlatform.gateway() + path))
                .header("Authorization", "Bearer " + amina).header("Accept", "application/json").build();

        for (int i = 0; i < WARM_UP; i++) {
            time(http, direct);
            time(http, viaGateway);
        }
        List<Long> directNanos = new ArrayList<>();
        List<Long> gatewayNanos = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            directNanos.add(time(http, direct));
            gatewayNanos.add(time(http, viaGateway));
        }

        System.out.printf("%nGET %s, %d calls each (after %d warm-up calls), alternating:%n", "/api/v1/pledges/{reference}", SAMPLES, WARM_UP);
        System.out.printf("  direct to pledge-service  median %6.2f ms   p99 %6.2f ms%n", ms(percentile(directNanos, 50)), ms(percentile(directNanos, 99)));
        System.out.printf("  through the gateway       median %6.2f ms   p99 %6.2f ms%n", ms(percentile(gatewayNanos, 50)), ms(percentile(gatewayNanos, 99)));
        System.out.printf("  added by the gateway      median %6.2f ms   p99 %6.2f ms%n%n",
                ms(percentile(gatewayNanos, 50) - percentile(directNanos, 50)), ms(percentile(gatewayNanos, 99) - percentile(directNanos, 99)));
    }

    private static long time(HttpClient http, HttpRequest request) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - t0;
        assertThat(response.statusCode()).as("answer of %s", request.uri()).isEqualTo(200);
        return elapsed;
    }

    /** Nearest-rank percentile. */
    private static long percentile(List<Long> samples, int p) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
