package org.p2c.notification.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.notification.service.Notifications;
import org.p2c.support.inbox.EventTypes;
import org.p2c.support.inbox.Inbox;
import org.p2c.support.inbox.InboxConsumer;
import org.p2c.support.inbox.InboxTopic;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Takes in the events of the entity, pledge and report topics through the inbox: each applied once, in the
 * transaction of its processed-log entry, where {@link Notifications} writes down the mails it owes.
 */
@ApplicationScoped
public class EventIntake implements InboxConsumer {

    private final Inbox inbox;
    private final InboxTopic entities;
    private final InboxTopic pledges;
    private final InboxTopic reports;

    public EventIntake(Inbox inbox, Notifications notifications,
                       @ConfigProperty(name = "p2c.topics.entities") String entitiesTopic,
                       @ConfigProperty(name = "p2c.topics.pledges") String pledgesTopic,
                       @ConfigProperty(name = "p2c.topics.reports") String reportsTopic) {
        this.inbox = inbox;
        this.entities = new InboxTopic(entitiesTopic, EventTypes.ENTITY_SNAPSHOTS, notifications::onEntityEvent);
        this.pledges = new InboxTopic(pledgesTopic, EventTypes.PLEDGE_SNAPSHOTS, notifications::onPledgeEvent);
        this.reports = new InboxTopic(reportsTopic, Notifications.REPORT_TYPES, notifications::onReportEvent);
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
