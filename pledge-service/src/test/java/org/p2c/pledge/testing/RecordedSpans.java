package org.p2c.pledge.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every span the application ends, kept in memory for the tests that read them: Quarkus' SDK exports to each span
 * exporter bean (as it does to service-support's NoCollector, which drops them).
 */
@Dependent
public class RecordedSpans {

    @Produces
    @Singleton
    @Unremovable
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
