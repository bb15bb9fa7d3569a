package org.p2c.support.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.p2c.support.tracing.TraceContext;

import java.time.Instant;
import java.util.UUID;

/** An event waiting to be published, written in the same transaction as the change it describes. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** Publication order: a sequence, so one aggregate's events leave in the order they were committed. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(name = "aggregate_id", nullable = false)
    public UUID aggregateId;

    /** CloudEvents type, e.g. {@code p2c.entity.registered.v1}. */
    @Column(nullable = false)
    public String type;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** The CloudEvent's data: the aggregate's state after the change, with its version. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String data;

    /** The W3C trace context of the work that appended it; null outside any trace. */
    public String traceparent;

    public String tracestate;

    /** The trace its record continues when the relay publishes it. */
    public TraceContext traceContext() {
        return new TraceContext(traceparent, tracestate);
    }
}
