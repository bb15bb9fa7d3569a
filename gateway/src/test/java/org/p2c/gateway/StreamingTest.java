package org.p2c.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Bodies flow through the gateway as they come, both ways: an open-data export reaches the caller while the service is
 * still writing it, an upload reaches the service whole, and a body over the limit (2 MB in tests) is a 413 that no
 * service sees.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(Downstream.class)
class StreamingTest {

    @Downstream.Inject
    Downstream.Services services;

    @TestHTTPResource("/")
    URL gateway;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void reset() {
        services.reset();
        services.byName().values().forEach(s -> s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204))));
    }

    @Test
    void aLargeExportArrivesByteForByte() throws Exception {
        byte[] csv = randomBytes(32 * 1024 * 1024);
        services.get("pledge-service").stubFor(get(urlPathEqualTo("/api/v1/open-data/pledges"))
                .willReturn(aResponse().withHeader("Content-Type", "text/csv").withBody(csv)));

        HttpResponse<byte[]> response = http.send(request("/api/v1/open-data/pledges?format=csv").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv");
        assertThat(response.body()).hasSize(csv.length).isEqualTo(csv);
    }

    @Test
    void anExportReachesTheCallerWhileTheServiceIsStillWritingIt() throws Exception {
        // The service writes 8 chunks, one every 500 ms (4 s in all). A gateway that buffered the answer would
        // deliver nothing before the last chunk.
        services.get("pledge-service").stubFor(get(urlPathEqualTo("/api/v1/open-data/pledges"))
                .willReturn(aResponse().withHeader("Content-Type", "text/csv")
                        .withBody(randomBytes(64 * 1024)).withChunkedDribbleDelay(8, 4_000)));

        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request("/api/v1/open-data/pledges").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.read()).isNotNegative();
            long firstByteMillis = (System.nanoTime() - start) / 1_000_000;
            long total = 1 + body.readAllBytes().length;
            long allMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(total).isEqualTo(64 * 1024);
            assertThat(allMillis).as("the service took its time").isGreaterThanOrEqualTo(3_000);
            assertThat(firstByteMillis).as("first bytes arrive before the service has finished").isLessThan(allMillis - 1_500);
        }
    }

    @Test
    void anUploadWithoutContentLengthReachesTheServiceWhole() throws Exception {
        services.get("pledge-service").stubFor(post(urlEqualTo("/api/v1/pledges/batch"))
                .willReturn(aResponse().withStatus(200)));
        byte[] upload = randomBytes(1536 * 1024);

        HttpResponse<String> response = http.send(request("/api/v1/pledges/batch")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        var received = services.get("pledge-service").findAll(postRequestedFor(urlEqualTo("/api/v1/pledges/batch")));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getBody()).isEqualTo(upload);
    }

    @Test
    void aBodyOverTheLimitIs413AndReachesNoService() {
        given().contentType("application/json").body(randomBytes(3 * 1024 * 1024))
                .post("/api/v1/pledges/batch").then()
                .statusCode(413)
                .contentType(Problems.MEDIA_TYPE)
                .body("status", is(413));
        assertThat(services.get("pledge-service").findAll(postRequestedFor(urlEqualTo("/api/v1/pledges/batch"))))
                .isEmpty();
    }

    @Test
    void aStreamedBodyOverTheLimitIs413() throws Exception {
        byte[] upload = randomBytes(3 * 1024 * 1024);
        HttpResponse<String> response = http.send(request("/api/v1/pledges/batch")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
        assertThat(services.get("pledge-service").findAll(postRequestedFor(urlEqualTo("/api/v1/pledges/batch"))))
                .as("no complete oversized body reached the service").isEmpty();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
