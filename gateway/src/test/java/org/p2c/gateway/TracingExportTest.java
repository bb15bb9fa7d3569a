package org.p2c.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With a collector named, the gateway's spans go to it by OTLP (here OTLP/HTTP to a WireMock collector). */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(Downstream.class)
@WithTestResource(value = TracingExportTest.Collector.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class TracingExportTest {

    /** A WireMock server taking OTLP/HTTP exports, named as the traces endpoint. */
    public static class Collector implements QuarkusTestResourceLifecycleManager {
        private WireMockServer server;

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
            server.stubFor(post(urlEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/x-protobuf")));
            return Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + server.port(),
                    "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                    "quarkus.otel.bsp.schedule.delay", "50ms");
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(server, new TestInjector.MatchesType(WireMockServer.class));
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }

    WireMockServer collector;

    @Downstream.Inject
    Downstream.Services services;

    @Inject
    @Any
    Instance<SpanExporter> exporters;

    @Test
    void theSpansOfACallReachTheNamedCollector() {
        services.get("pledge-service").stubFor(any(anyUrl()).willReturn(okJson("{}")));
        String trace = "5bf92f3577b34da6a3ce929d0e0e4737";
        given().header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .get("/api/v1/pledges").then().statusCode(200);

        byte[] traceId = HexFormat.of().parseHex(trace);
        await("an export carrying trace " + trace).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(collector.getAllServeEvents()).anySatisfy(export -> {
                    assertThat(export.getRequest().getUrl()).isEqualTo("/v1/traces");
                    assertThat(contains(export.getRequest().getBody(), traceId)).isTrue();
                }));
        // Quarkus' own OTLP exporter sends them: the stand-in that drops spans is not looked up.
        assertThat(exporters.isUnsatisfied()).isTrue();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
