package org.p2c.support.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * The processed-event log of an idempotent consumer: recording an event id in the same transaction as its effect
 * means a redelivered event is recognised and skipped, and a rolled-back effect is retried.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager em;

    public ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /** True the first time this event id is seen; false for a duplicate. Must run inside the effect's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String topic) {
        int inserted = em.createNativeQuery(
                        "insert into processed_event (event_id, topic, processed_at) values (?1, ?2, now()) "
                                + "on conflict (event_id) do nothing")
                .setParameter(1, eventId)
                .setParameter(2, topic)
                .executeUpdate();
        return inserted == 1;
    }
}
