package org.p2c.reporting.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.reporting.domain.ReportingSchedule;
import org.p2c.support.outbox.Outbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Writes a pledge's changed reporting schedule into the outbox, in the change's transaction, keyed by the pledge: the
 * schedule is the pledge's reporting obligation, and its events must stay in order per pledge.
 */
@ApplicationScoped
public class ScheduleEvents {

    public static final String SCHEDULE_CHANGED = "p2c.report.schedule-changed.v1";

    /** The data of the event; schema: event-contracts' reporting-schedule.v1.json. */
    public record ScheduleData(UUID pledgeId, long version, UUID pledgerEntityId, List<AnchorData> anchors,
                               Instant updatedAt) {
    }

    public record AnchorData(LocalDate from, LocalDate dueOn, LocalDate dueSoonFrom) {
    }

    private final Outbox outbox;

    public ScheduleEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void changed(UUID pledgeId, long version, UUID pledgerEntityId, ReportingSchedule schedule, Instant at) {
        List<AnchorData> anchors = schedule.anchors().stream()
                .map(a -> new AnchorData(a.from(), a.dueOn(), a.dueSoonFrom())).toList();
        outbox.append(pledgeId, SCHEDULE_CHANGED, new ScheduleData(pledgeId, version, pledgerEntityId, anchors, at));
    }
}
