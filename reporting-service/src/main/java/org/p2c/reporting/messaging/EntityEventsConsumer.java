package org.p2c.reporting.messaging;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.reporting.domain.KnownEntity;
import org.p2c.support.inbox.Inbox;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Keeps reporting-service's view of the entities from {@code p2c.entities.v1}. Each event carries the entity's whole
 * state and its version, so applying is a replace, and an event whose version is not newer than the view's
 * (a redelivery, or one overtaken by a later event) changes nothing.
 */
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
        return inbox.consume(topic, message, (type, data) -> apply(data));
    }

    static void apply(JsonObject data) {
        UUID id = UUID.fromString(data.getString("id"));
        long version = data.getLong("version");
        KnownEntity known = KnownEntity.findById(id);
        if (known != null && known.version >= version) {
            return;
        }
        KnownEntity entity = known != null ? known : new KnownEntity();
        entity.id = id;
        entity.version = version;
        entity.name = data.getString("name");
        entity.stakeholderType = data.getString("stakeholderType");
        entity.headquartersCountry = data.getString("headquartersCountry");
        entity.status = data.getString("status");
        entity.updatedAt = Instant.parse(data.getString("updatedAt"));
        entity.members.clear();
        JsonArray members = data.getJsonArray("members", new JsonArray());
        for (int i = 0; i < members.size(); i++) {
            JsonObject m = members.getJsonObject(i);
            entity.members.add(new KnownEntity.Member(m.getString("subject"), m.getString("role")));
        }
        entity.partnerClients.clear();
        data.getJsonArray("partnerClients", new JsonArray()).forEach(c -> entity.partnerClients.add((String) c));
        entity.persist();
    }
}
