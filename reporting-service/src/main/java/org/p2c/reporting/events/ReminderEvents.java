package org.p2c.reporting.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.support.outbox.Outbox;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Writes a reminder that a pledge's report is due soon, or overdue, into the outbox, in the transaction that records
 * it as announced, keyed by the pledge (in order with its schedule's events).
 */
@ApplicationScoped
public class ReminderEvents {

    public static final String DUE_SOON = "p2c.report.due-soon.v1";
    public static final String OVERDUE = "p2c.report.overdue.v1";

    /**
     * The data of both types; schema: event-contracts' report-reminder.v1.json. The due period is the anchor in force:
     * from {@code periodFrom} the report is due on {@code dueOn}. No person is named: consumers know who acts for the
     * pledger entity.
     */
    public record ReminderData(UUID pledgeId, UUID pledgerEntityId, LocalDate periodFrom, LocalDate dueOn,
                               String pledgeReference, String pledgeTitle) {
    }

    private final Outbox outbox;

    public ReminderEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void announce(String type, ReminderData data) {
        outbox.append(data.pledgeId(), type, data);
    }
}
