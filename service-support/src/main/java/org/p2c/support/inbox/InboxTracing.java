package org.p2c.support.inbox;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.support.tracing.TraceContext;

import java.util.Locale;
import java.util.Objects;

/**
 * The inbox's part of a trace: a record is taken in within the trace of the change that published it (its
 * {@code traceparent}, which the producer's outbox relay set), and each try at applying it is a span of that trace,
 * named by topic and type, with the event's id and type (the CloudEvents attributes of OpenTelemetry's conventions)
 * and what became of it ({@code p2c.inbox.outcome}: applied, duplicate, skipped, parked; retry for a transient
 * failure, recorded on the span).
 */
@ApplicationScoped
class InboxTracing {

    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("p2c.inbox.outcome");

    /** One try at a record. */
    @FunctionalInterface
    interface Try {
        Inbox.Outcome take() throws InterruptedException;
    }

    private final Tracer tracer;

    InboxTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * The context a live record continues: the connector's span of receiving it (itself a child of the record's
     * {@code traceparent}) when the channel traces, else the {@code traceparent} of the record's headers.
     */
    Context parentOf(Message<?> message, Delivery delivery) {
        return TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).filter(Objects::nonNull)
                .orElseGet(() -> parentOf(delivery));
    }

    /** The context a record continues from its headers: a parked one keeps the original's {@code traceparent}. */
    Context parentOf(Delivery delivery) {
        return TraceContext.of(delivery.headers()).parent();
    }

    /** One try at {@code delivery}, as a span that is current while it runs (its log lines carry its ids). */
    Inbox.Outcome traced(Delivery delivery, Try attempt) throws InterruptedException {
        Span span = tracer.spanBuilder("apply " + delivery.topic())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", delivery.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(delivery.partition()))
                .setAttribute("messaging.kafka.offset", delivery.offset())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Inbox.Outcome outcome = attempt.take();
            span.setAttribute(OUTCOME, outcome.name().toLowerCase(Locale.ROOT));
            return outcome;
        } catch (RuntimeException | InterruptedException failure) {
            span.setAttribute(OUTCOME, "retry");
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            throw failure;
        } finally {
            span.end();
        }
    }

    /** Names the current try's span once its event is read: by topic and type, with the event's id. */
    static void read(Delivery delivery, ReceivedEvent event) {
        Span.current().updateName("apply " + delivery.topic() + "/" + event.type())
                .setAttribute(EVENT_ID, event.id().toString())
                .setAttribute(EVENT_TYPE, event.type());
    }
}
