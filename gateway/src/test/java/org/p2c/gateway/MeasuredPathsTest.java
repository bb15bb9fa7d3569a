package org.p2c.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The request metrics' uri label stays bounded however many distinct ids callers send (issue: one series per id). */
@QuarkusTest
@TestProfile(MeasuredPathsTest.ManyCalls.class)
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(Downstream.class)
class MeasuredPathsTest {

    /** An application of its own whose anonymous budget takes the calls, so no other test class meets a 429. */
    public static class ManyCalls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("p2c.gateway.rate-limit.anonymous-per-minute", "100000");
        }
    }

    private static final Pattern REQUESTS = Pattern.compile(
            "^http_server_requests_seconds_count\\{(.*?)} ([0-9.E+-]+)", Pattern.MULTILINE);
    private static final Pattern URI = Pattern.compile("uri=\"([^\"]*)\"");

    @Downstream.Inject
    Downstream.Services services;

    @Test
    void manyDistinctIdsAreMeasuredUnderAFewTemplates() {
        services.reset();
        services.byName().forEach((name, server) -> server.stubFor(any(anyUrl()).willReturn(okJson("{}"))));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            given().get("/api/v1/pledges/" + id).then().statusCode(200);
            given().get("/api/v1/pledges/" + id + "/history").then().statusCode(200);
            given().get("/api/v1/reports/compliance/" + id + "/unknown/" + id).then().statusCode(200);
            given().get("/api/v1/unicorns/" + id).then().statusCode(404);
        }

        Map<String, Double> callsByUri = apiCallsByUri();
        assertThat(callsByUri.keySet()).as("uri labels of API calls").hasSizeLessThanOrEqualTo(6)
                .allSatisfy(uri -> assertThat(ids).noneMatch(uri::contains));
        // Every call was measured (under some template), so the bound is not met by measuring nothing.
        assertThat(callsByUri.values().stream().mapToDouble(Double::doubleValue).sum())
                .isGreaterThanOrEqualTo(4 * ids.size());
        // A path no operation has is measured under its segment, an unrouted one under the API as a whole.
        assertThat(callsByUri).containsKeys("/api/v1/reports/*", "/api/v1/*");
    }

    private static Map<String, Double> apiCallsByUri() {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> calls = new HashMap<>();
        Matcher line = REQUESTS.matcher(scrape);
        while (line.find()) {
            Matcher uri = URI.matcher(line.group(1));
            if (uri.find() && uri.group(1).startsWith("/api/v1")) {
                calls.merge(uri.group(1), Double.parseDouble(line.group(2)), Double::sum);
            }
        }
        return calls;
    }
}
