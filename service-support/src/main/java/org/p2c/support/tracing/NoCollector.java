package org.p2c.support.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterConfig;
import jakarta.inject.Singleton;

import java.util.Collection;

/**
 * Where spans go while no collector is named: nowhere. Quarkus exports spans by OTLP to
 * {@code quarkus.otel.exporter.otlp.traces.endpoint} (else {@code quarkus.otel.exporter.otlp.endpoint}), and with
 * neither set to its default, {@code http://localhost:4317/}, where nothing listens, logging every failed export.
 * Quarkus builds that exporter only when the application has no span exporter bean of its own; this is one, looked
 * up only while the endpoint is unset or that default. So without a collector the spans are still made — every log
 * line and the {@code traceparent} of every call and record carry their trace — and none is sent; naming an endpoint
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}) sends them there. A collector on that very default address is named without
 * the trailing slash ({@code http://localhost:4317}).
 */
@Singleton
@Unremovable
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint",
        stringValue = OtlpExporterConfig.DEFAULT_GRPC_BASE_URI, lookupIfMissing = true)
public class NoCollector implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
