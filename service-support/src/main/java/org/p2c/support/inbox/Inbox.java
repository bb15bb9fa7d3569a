package org.p2c.support.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.support.views.ViewCatchUp;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The receiving side of the event conventions, for every consumer: reads the structured CloudEvent, applies its
 * effect in one transaction with the processed-event log (a redelivery changes nothing), acks after the commit,
 * and nacks what cannot be read or applied so the channel's dead-letter strategy parks it and consumption goes on.
 * After each commit it tells {@link ViewCatchUp}, so that a request waiting for the view looks again at once.
 */
@ApplicationScoped
public class Inbox {

    /** What a consumer does with one event, inside the transaction. */
    @FunctionalInterface
    public interface Effect {
        void apply(String type, JsonObject data);
    }

    private final ProcessedEvents processed;
    private final ViewCatchUp catchUp;

    public Inbox(ProcessedEvents processed, ViewCatchUp catchUp) {
        this.processed = processed;
        this.catchUp = catchUp;
    }

    public CompletionStage<Void> consume(String topic, Message<?> message, Effect effect) {
        try {
            IncomingCloudEventMetadata<?> event = message.getMetadata(IncomingCloudEventMetadata.class)
                    .orElseThrow(() -> new IllegalArgumentException("not a CloudEvent"));
            if (!(message.getPayload() instanceof JsonObject data)) {
                throw new IllegalArgumentException("CloudEvent " + event.getId() + " has no JSON object as data");
            }
            UUID id = UUID.fromString(event.getId());
            QuarkusTransaction.requiringNew().run(() -> {
                if (processed.firstDelivery(id, topic)) {
                    effect.apply(event.getType(), data);
                }
            });
            catchUp.applied();
            return message.ack();
        } catch (RuntimeException unreadable) {
            return message.nack(unreadable);
        }
    }
}
