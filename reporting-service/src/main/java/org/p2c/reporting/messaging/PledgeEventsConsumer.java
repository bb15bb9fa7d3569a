package org.p2c.reporting.messaging;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.p2c.reporting.domain.KnownPledge;
import org.p2c.reporting.service.ReportingSchedules;
import org.p2c.support.inbox.EventTypes;
import org.p2c.support.inbox.Inbox;
import org.p2c.support.inbox.InboxConsumer;
import org.p2c.support.inbox.InboxTopic;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Keeps reporting-service's view of the pledges from {@code p2c.pledges.v1}: whose each pledge is, whether it is
 * validated or withdrawn, its first validation date (reports are due from it) and its places. Newest version wins,
 * so redeliveries and late events change nothing, and replaying the topic rebuilds the same view. A pledge whose first
 * validation is known gets its reporting schedule, published in the same transaction (a schedule that comes out as
 * stored publishes nothing, so a replay publishes nothing new). The same effect takes the redriven dead letters and the
 * rebuild's replay.
 */
@ApplicationScoped
public class PledgeEventsConsumer implements InboxConsumer {

    private final Inbox inbox;
    private final ReportingSchedules schedules;
    private final InboxTopic pledges;

    public PledgeEventsConsumer(Inbox inbox, ReportingSchedules schedules,
                                @ConfigProperty(name = "p2c.topics.pledges") String pledgesTopic) {
        this.inbox = inbox;
        this.schedules = schedules;
        this.pledges = new InboxTopic(pledgesTopic, EventTypes.PLEDGE_SNAPSHOTS, (type, data) -> apply(data));
    }

    @Override
    public List<InboxTopic> topics() {
        return List.of(pledges);
    }

    @Incoming("pledges")
    @Blocking
    public CompletionStage<Void> onPledgeEvent(Message<byte[]> message) {
        return inbox.consume(message, pledges);
    }

    void apply(JsonObject data) {
        UUID id = UUID.fromString(data.getString("id"));
        long version = data.getLong("version");
        KnownPledge known = KnownPledge.findById(id);
        if (known != null && known.version >= version) {
            return;
        }
        KnownPledge pledge = known != null ? known : new KnownPledge();
        pledge.id = id;
        pledge.version = version;
        pledge.reference = data.getString("reference");
        pledge.pledgerEntityId = UUID.fromString(data.getString("pledgerEntityId"));
        pledge.status = data.getString("status");
        pledge.title = data.getString("title");
        pledge.countries = strings(data.getJsonArray("countries")).stream().distinct().sorted().toList();
        // pledge-service publishes the regions a pledge names, its primary region and those of its countries.
        pledge.regions = strings(data.getJsonArray("regions")).stream().distinct().sorted().toList();
        pledge.startDate = date(data.getString("startDate"));
        pledge.endDate = date(data.getString("endDate"));
        pledge.validatedAt = instant(data.getString("validatedAt"));
        pledge.withdrawnAt = instant(data.getString("withdrawnAt"));
        pledge.updatedAt = Instant.parse(data.getString("updatedAt"));
        pledge.persist();
        if (pledge.validatedAt != null) {
            // Its first validation (or an imported pledge's past one) starts the schedule; later events change nothing.
            schedules.refresh(id);
        }
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add((String) v));
        }
        return values;
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    private static LocalDate date(String value) {
        return value == null ? null : LocalDate.parse(value);
    }
}
