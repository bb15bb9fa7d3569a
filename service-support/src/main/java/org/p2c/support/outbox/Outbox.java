package org.p2c.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.p2c.support.tracing.TraceContext;

import java.time.Instant;
import java.util.UUID;

/**
 * Records an event in the current transaction: it commits with the change or not at all, and the relay publishes it
 * after the commit. Use cases call this instead of sending to Kafka themselves.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final Event<Appended> appended;

    public Outbox(ObjectMapper json, Event<Appended> appended) {
        this.json = json;
        this.appended = appended;
    }

    /** Fired on append; the relay observes it after a successful commit to publish without waiting for its poll. */
    public record Appended(UUID eventId) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(UUID aggregateId, String type, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.aggregateId = aggregateId;
        event.type = type;
        event.occurredAt = Instant.now();
        try {
            event.data = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data of " + type + " cannot be written as JSON", e);
        }
        // The relay publishes from its own thread, later: the row keeps the trace the record is to continue.
        TraceContext trace = TraceContext.current();
        event.traceparent = trace.traceparent();
        event.tracestate = trace.tracestate();
        event.persist();
        appended.fire(new Appended(event.eventId));
        return event.eventId;
    }
}
