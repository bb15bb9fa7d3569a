package org.p2c.reporting.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.reporting.domain.KnownEntity;
import org.p2c.support.entityview.EntityView;
import org.p2c.support.inbox.Inbox;

import java.util.concurrent.CompletionStage;

/** Keeps reporting-service's view of the entities from {@code p2c.entities.v1} (see {@link EntityView#apply}). */
@ApplicationScoped
public class EntityEventsConsumer {

    private final Inbox inbox;
    private final String topic;

    public EntityEventsConsumer(Inbox inbox, @ConfigProperty(name = "p2c.topics.entities") String topic) {
        this.inbox = inbox;
        this.topic = topic;
    }

    @Incoming("entities")
    @Blocking
    public CompletionStage<Void> onEntityEvent(Message<Object> message) {
        return inbox.consume(topic, message, (type, data) -> EntityView.apply(data, KnownEntity.class, KnownEntity::new));
    }
}
