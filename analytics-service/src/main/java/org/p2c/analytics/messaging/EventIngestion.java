package org.p2c.analytics.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.support.inbox.EventTypes;
import org.p2c.support.inbox.Inbox;

import java.util.concurrent.CompletionStage;

/** Takes in the events of the entity, pledge and report topics and hands each, once, to the projections. */
@ApplicationScoped
public class EventIngestion {

    private final Inbox inbox;
    private final Instance<Projection> projections;
    private final String entitiesTopic;
    private final String pledgesTopic;
    private final String reportsTopic;

    public EventIngestion(Inbox inbox, Instance<Projection> projections,
                          @ConfigProperty(name = "p2c.topics.entities") String entitiesTopic,
                          @ConfigProperty(name = "p2c.topics.pledges") String pledgesTopic,
                          @ConfigProperty(name = "p2c.topics.reports") String reportsTopic) {
        this.inbox = inbox;
        this.projections = projections;
        this.entitiesTopic = entitiesTopic;
        this.pledgesTopic = pledgesTopic;
        this.reportsTopic = reportsTopic;
    }

    @Incoming("entities")
    @Blocking
    public CompletionStage<Void> onEntityEvent(Message<byte[]> message) {
        return ingest(entitiesTopic, EventTypes.ENTITY_SNAPSHOTS, message);
    }

    @Incoming("pledges")
    @Blocking
    public CompletionStage<Void> onPledgeEvent(Message<byte[]> message) {
        return ingest(pledgesTopic, EventTypes.PLEDGE_SNAPSHOTS, message);
    }

    @Incoming("reports")
    @Blocking
    public CompletionStage<Void> onReportEvent(Message<byte[]> message) {
        return ingest(reportsTopic, EventTypes.REPORT_SNAPSHOTS.and(EventTypes.REPORTING_SCHEDULES), message);
    }

    private CompletionStage<Void> ingest(String topic, EventTypes handled, Message<byte[]> message) {
        return inbox.consume(message, handled, (type, data) -> projections.forEach(p -> p.apply(topic, type, data)));
    }
}
