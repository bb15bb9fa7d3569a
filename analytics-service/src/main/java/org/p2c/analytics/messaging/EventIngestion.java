package org.p2c.analytics.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.support.inbox.EventTypes;
import org.p2c.support.inbox.Inbox;
import org.p2c.support.inbox.InboxConsumer;
import org.p2c.support.inbox.InboxTopic;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Takes in the events of the entity, pledge and report topics and hands each, once, to the projections; the same
 * effect takes the redriven dead letters and the rebuild's replay.
 */
@ApplicationScoped
public class EventIngestion implements InboxConsumer {

    private final Inbox inbox;
    private final InboxTopic entities;
    private final InboxTopic pledges;
    private final InboxTopic reports;

    public EventIngestion(Inbox inbox, Instance<Projection> projections,
                          @ConfigProperty(name = "p2c.topics.entities") String entitiesTopic,
                          @ConfigProperty(name = "p2c.topics.pledges") String pledgesTopic,
                          @ConfigProperty(name = "p2c.topics.reports") String reportsTopic) {
        this.inbox = inbox;
        this.entities = topic(entitiesTopic, EventTypes.ENTITY_SNAPSHOTS, projections);
        this.pledges = topic(pledgesTopic, EventTypes.PLEDGE_SNAPSHOTS, projections);
        // Not the reminders (EventTypes.REPORT_REMINDERS): the figures read the schedules; the inbox skips them.
        this.reports = topic(reportsTopic, EventTypes.REPORT_SNAPSHOTS.and(EventTypes.REPORTING_SCHEDULES), projections);
    }

    private static InboxTopic topic(String topic, EventTypes handled, Instance<Projection> projections) {
        return new InboxTopic(topic, handled, (type, data) -> projections.forEach(p -> p.apply(topic, type, data)));
    }

    @Override
    public List<InboxTopic> topics() {
        return List.of(entities, pledges, reports);
    }

    @Incoming("entities")
    @Blocking
    public CompletionStage<Void> onEntityEvent(Message<byte[]> message) {
        return inbox.consume(message, entities);
    }

    @Incoming("pledges")
    @Blocking
    public CompletionStage<Void> onPledgeEvent(Message<byte[]> message) {
        return inbox.consume(message, pledges);
    }

    @Incoming("reports")
    @Blocking
    public CompletionStage<Void> onReportEvent(Message<byte[]> message) {
        return inbox.consume(message, reports);
    }
}
