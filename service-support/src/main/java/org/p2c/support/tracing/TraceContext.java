package org.p2c.support.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C trace context of a piece of work ({@code traceparent}, {@code tracestate}) as it travels where no thread
 * carries it: in an outbox row until the relay publishes it, in a record's headers until a consumer applies it.
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<TraceContext> FIELDS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return TRACEPARENT.equals(key) ? carrier.traceparent : TRACESTATE.equals(key) ? carrier.tracestate : null;
        }
    };

    /** The context of the work on this thread now (a request, an event being applied); both null if none. */
    public static TraceContext current() {
        Map<String, String> fields = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), fields, Map::put);
        return new TraceContext(fields.get(TRACEPARENT), fields.get(TRACESTATE));
    }

    /** The context a record carries in its headers (the last of each, as a header set later wins). */
    public static TraceContext of(Headers headers) {
        return new TraceContext(text(headers.lastHeader(TRACEPARENT)), text(headers.lastHeader(TRACESTATE)));
    }

    /**
     * The OpenTelemetry context to continue: this trace, its span as the remote parent. Without a (valid)
     * {@code traceparent} it is the root, so the work starts a trace of its own rather than joining whatever the
     * thread that does it happens to carry.
     */
    public Context parent() {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), this, FIELDS);
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
