package org.p2c.pledge.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.support.entityview.EntityView;
import org.p2c.support.inbox.EventTypes;
import org.p2c.support.inbox.Inbox;

import java.util.concurrent.CompletionStage;

/** Keeps pledge-service's view of the entities from {@code p2c.entities.v1} (see {@link EntityView#apply}). */
@ApplicationScoped
public class EntityEventsConsumer {

    private final Inbox inbox;

    public EntityEventsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("entities")
    @Blocking
    public CompletionStage<Void> onEntityEvent(Message<byte[]> message) {
        return inbox.consume(message, EventTypes.ENTITY_SNAPSHOTS,
                (type, data) -> EntityView.apply(data, KnownEntity.class, KnownEntity::new));
    }
}
