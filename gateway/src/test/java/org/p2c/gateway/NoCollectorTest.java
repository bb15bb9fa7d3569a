package org.p2c.gateway;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.p2c.gateway.tracing.NoCollector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a collector named, spans are made and dropped: the only span exporter is the one that drops them, so Quarkus
 * builds no OTLP exporter that would send to its default address and log every failure (tracing/NoCollector).
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
@WithTestResource(Downstream.class)
class NoCollectorTest {

    @Inject
    @Any
    Instance<SpanExporter> exporters;

    @Test
    void withoutACollectorTheOnlyExporterDropsTheSpans() {
        assertThat(exporters.stream().toList()).singleElement().isInstanceOf(NoCollector.class);
    }
}
