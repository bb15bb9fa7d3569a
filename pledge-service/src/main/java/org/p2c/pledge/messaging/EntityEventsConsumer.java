package org.p2c.pledge.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.support.entityview.EntityView;
import org.p2c.support.inbox.EventTypes;
import org.p2c.support.inbox.Inbox;
import org.p2c.support.inbox.InboxConsumer;
import org.p2c.support.inbox.InboxTopic;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Keeps pledge-service's view of the entities from {@code p2c.entities.v1} (see {@link EntityView#apply}); the same
 * effect takes the redriven dead letters and the rebuild's replay.
 */
@ApplicationScoped
public class EntityEventsConsumer implements InboxConsumer {

    private final Inbox inbox;
    private final InboxTopic entities;

    public EntityEventsConsumer(Inbox inbox, @ConfigProperty(name = "p2c.topics.entities") String entitiesTopic) {
        this.inbox = inbox;
        this.entities = new InboxTopic(entitiesTopic, EventTypes.ENTITY_SNAPSHOTS,
                (type, data) -> EntityView.apply(data, KnownEntity.class, KnownEntity::new));
    }

    @Override
    public List<InboxTopic> topics() {
        return List.of(entities);
    }

    @Incoming("entities")
    @Blocking
    public CompletionStage<Void> onEntityEvent(Message<byte[]> message) {
        return inbox.consume(message, entities);
    }
}
