package org.p2c.reporting.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.p2c.reporting.events.ReminderEvents;
import org.p2c.reporting.events.ReminderEvents.ReminderData;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Announces, once per pledge, due period and kind, that a validated pledge's report is due soon (its anchor in force
 * is in the due-soon window) or overdue (past its due date): {@code p2c.report.due-soon.v1}, {@code
 * p2c.report.overdue.v1}. The due period is the stored schedule's anchor in force on the day (the same one the
 * compliance lists read), identified by its due date; a submitted report starts a new period, so it is no longer
 * overdue. Table {@code report_reminder} holds what was announced, in the transaction of its event.
 */
@ApplicationScoped
public class ReportReminders {

    private static final Logger LOG = Logger.getLogger(ReportReminders.class);

    enum Kind { DUE_SOON, OVERDUE }

    private final EntityManager em;
    private final ReminderEvents events;
    private final Clock clock;

    public ReportReminders(EntityManager em, ReminderEvents events, Clock clock) {
        this.em = em;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(every = "${p2c.reminders.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "30S")
    void onSchedule() {
        announceDue(clock.instant());
    }

    /** Announces what is due soon or overdue on the UTC day of {@code now} and not announced yet; returns how many. */
    @Transactional
    public int announceDue(Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        int announced = 0;
        for (Object r : em.createNativeQuery("""
                        select pledge_id, pledger_entity_id, reference, title, from_day, due_on,
                               case when due_on < ?1 then 'OVERDUE' else 'DUE_SOON' end
                          from (select distinct on (d.pledge_id) d.pledge_id, p.pledger_entity_id, p.reference,
                                       p.title, d.from_day, d.due_on, d.due_soon_from
                                  from reporting_due d join known_pledge p on p.id = d.pledge_id
                                 where p.status = 'VALIDATED' and p.validated_at is not null and d.from_day <= ?1
                                 order by d.pledge_id, d.from_day desc) in_force
                         where due_soon_from <= ?1""")
                .setParameter(1, Date.valueOf(today)).getResultList()) {
            Object[] c = (Object[]) r;
            UUID pledgeId = (UUID) c[0];
            LocalDate dueOn = date(c[5]);
            Kind kind = Kind.valueOf((String) c[6]);
            // The key decides: a period announced already (by an earlier run, or another replica now) inserts nothing.
            int inserted = em.createNativeQuery("""
                            insert into report_reminder (pledge_id, due_on, kind, announced_at) values (?1, ?2, ?3, ?4)
                            on conflict do nothing""")
                    .setParameter(1, pledgeId).setParameter(2, Date.valueOf(dueOn)).setParameter(3, kind.name())
                    .setParameter(4, now.atOffset(ZoneOffset.UTC)).executeUpdate();
            if (inserted == 1) {
                events.announce(kind == Kind.OVERDUE ? ReminderEvents.OVERDUE : ReminderEvents.DUE_SOON,
                        new ReminderData(pledgeId, (UUID) c[1], date(c[4]), dueOn, (String) c[2],
                                (String) c[3]));
                announced++;
            }
        }
        if (announced > 0) {
            LOG.infof("announced %d report reminders for %s", announced, today);
        }
        return announced;
    }

    private static LocalDate date(Object value) {
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
