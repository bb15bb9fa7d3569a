package org.p2c.support.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.support.metrics.Metrics;

import java.util.Locale;

/**
 * What the inbox counts, per topic and type: {@value #EVENTS} by {@link Inbox.Outcome} (applied, duplicate, skipped,
 * parked; live and redriven alike) and {@value #RETRIES} by the failure's {@link Metrics#reason}. The type label is
 * one the consumer handles, else {@link Metrics#UNHANDLED} or {@link Metrics#UNREADABLE}: a record's own type is
 * whatever its producer wrote, and each new value would be a series of its own.
 */
@ApplicationScoped
public class InboxMetrics {

    public static final String EVENTS = "p2c.inbox.events";
    public static final String RETRIES = "p2c.inbox.retries";

    private final MeterRegistry registry;

    public InboxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void taken(String topic, String type, Inbox.Outcome outcome) {
        registry.counter(EVENTS, Metrics.TOPIC, topic, Metrics.TYPE, type,
                Metrics.OUTCOME, outcome.name().toLowerCase(Locale.ROOT)).increment();
    }

    void retried(String topic, String type, Throwable failure) {
        registry.counter(RETRIES, Metrics.TOPIC, topic, Metrics.TYPE, type,
                Metrics.REASON, Metrics.reason(failure)).increment();
    }

    /** The type label of a readable event. */
    static String typeOf(ReceivedEvent event, EventTypes handled) {
        return handled.contains(event.type()) ? event.type() : Metrics.UNHANDLED;
    }

    /** The type label of a record's value, read again (only when a try failed: the happy path reads it once). */
    static String typeOf(byte[] value, EventTypes handled) {
        try {
            return typeOf(ReceivedEvent.read(value), handled);
        } catch (PoisonEvent unreadable) {
            return Metrics.UNREADABLE;
        }
    }
}
