package org.p2c.analytics.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.support.inbox.ProcessedEvents;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Takes in the events of the entity, pledge and report topics. Each event is applied to the projections in the
 * same transaction that logs its id, so a redelivered event changes nothing; an event that cannot be read is
 * nacked and parked on the topic's dead-letter topic, and consumption carries on.
 */
@ApplicationScoped
public class EventIngestion {

    private final ProcessedEvents processed;
    private final Instance<Projection> projections;
    private final String entitiesTopic;
    private final String pledgesTopic;
    private final String reportsTopic;

    public EventIngestion(ProcessedEvents processed, Instance<Projection> projections,
                          @ConfigProperty(name = "p2c.topics.entities") String entitiesTopic,
                          @ConfigProperty(name = "p2c.topics.pledges") String pledgesTopic,
                          @ConfigProperty(name = "p2c.topics.reports") String reportsTopic) {
        this.processed = processed;
        this.projections = projections;
        this.entitiesTopic = entitiesTopic;
        this.pledgesTopic = pledgesTopic;
        this.reportsTopic = reportsTopic;
    }

    @Incoming("entities")
    @Blocking
    public CompletionStage<Void> onEntityEvent(Message<Object> message) {
        return ingest(entitiesTopic, message);
    }

    @Incoming("pledges")
    @Blocking
    public CompletionStage<Void> onPledgeEvent(Message<Object> message) {
        return ingest(pledgesTopic, message);
    }

    @Incoming("reports")
    @Blocking
    public CompletionStage<Void> onReportEvent(Message<Object> message) {
        return ingest(reportsTopic, message);
    }

    private CompletionStage<Void> ingest(String topic, Message<Object> message) {
        try {
            IncomingCloudEventMetadata<?> event = message.getMetadata(IncomingCloudEventMetadata.class)
                    .orElseThrow(() -> new IllegalArgumentException("not a CloudEvent"));
            if (!(message.getPayload() instanceof JsonObject data)) {
                throw new IllegalArgumentException("CloudEvent " + event.getId() + " has no JSON object as data");
            }
            UUID id = UUID.fromString(event.getId());
            QuarkusTransaction.requiringNew().run(() -> {
                if (processed.firstDelivery(id, topic)) {
                    projections.forEach(p -> p.apply(topic, event.getType(), data));
                }
            });
            return message.ack();
        } catch (RuntimeException unreadable) {
            return message.nack(unreadable);
        }
    }
}
