package org.p2c.reporting.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.p2c.reporting.config.ReportingRules;
import org.p2c.reporting.domain.ReportingSchedule;
import org.p2c.reporting.events.ScheduleEvents;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps each validated pledge's reporting schedule ({@link ReportingSchedule}) in {@code reporting_due} and publishes
 * it when it changes, in the transaction of the change: when the pledge's first validation becomes known, and when a
 * report on it is submitted. The schedule is recomputed from what this service stores (the validation day and the
 * submission days of its non-draft reports), so calling it again changes and publishes nothing.
 */
@ApplicationScoped
public class ReportingSchedules {

    private static final Logger LOG = Logger.getLogger(ReportingSchedules.class);

    private final EntityManager em;
    private final ReportingRules rules;
    private final ScheduleEvents events;
    private final Clock clock;

    public ReportingSchedules(EntityManager em, ReportingRules rules, ScheduleEvents events, Clock clock) {
        this.em = em;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    /** Recomputes the pledge's schedule; stores and publishes it if it changed. Runs inside the caller's transaction. */
    public void refresh(UUID pledgeId) {
        em.flush();
        // The pledge's row serialises concurrent submissions (and the pledge consumer) on one schedule version.
        List<?> pledge = em.createNativeQuery(
                        "select validated_at, pledger_entity_id from known_pledge where id = ?1 for update")
                .setParameter(1, pledgeId).getResultList();
        if (pledge.isEmpty() || ((Object[]) pledge.get(0))[0] == null) {
            return; // not validated yet: it owes nothing
        }
        Object[] row = (Object[]) pledge.get(0);
        LocalDate validatedOn = utcDay(row[0]);
        List<LocalDate> submissionDays = new ArrayList<>();
        for (Object day : em.createNativeQuery("""
                        select distinct (submitted_at at time zone 'UTC')::date from progress_report
                         where pledge_id = ?1 and status <> 'DRAFT'""")
                .setParameter(1, pledgeId).getResultList()) {
            submissionDays.add(date(day));
        }
        ReportingSchedule schedule = ReportingSchedule.of(validatedOn, submissionDays, rules.cadence(), rules.dueSoon());
        List<?> stored = em.createNativeQuery("select version from reporting_schedule where pledge_id = ?1")
                .setParameter(1, pledgeId).getResultList();
        if (!stored.isEmpty() && schedule.equals(stored(pledgeId))) {
            return;
        }
        long version = stored.isEmpty() ? 1 : ((Number) stored.get(0)).longValue() + 1;
        var now = clock.instant();
        em.createNativeQuery("""
                        insert into reporting_schedule (pledge_id, version, updated_at) values (?1, ?2, ?3)
                        on conflict (pledge_id) do update set version = excluded.version, updated_at = excluded.updated_at""")
                .setParameter(1, pledgeId).setParameter(2, version).setParameter(3, now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
        em.createNativeQuery("delete from reporting_due where pledge_id = ?1").setParameter(1, pledgeId).executeUpdate();
        for (ReportingSchedule.Anchor a : schedule.anchors()) {
            em.createNativeQuery("""
                            insert into reporting_due (pledge_id, from_day, due_on, due_soon_from) values (?1, ?2, ?3, ?4)""")
                    .setParameter(1, pledgeId).setParameter(2, Date.valueOf(a.from()))
                    .setParameter(3, Date.valueOf(a.dueOn())).setParameter(4, Date.valueOf(a.dueSoonFrom()))
                    .executeUpdate();
        }
        events.changed(pledgeId, version, (UUID) row[1], schedule, now);
    }

    /** The schedule as stored (and last published). */
    public ReportingSchedule stored(UUID pledgeId) {
        List<ReportingSchedule.Anchor> anchors = new ArrayList<>();
        for (Object r : em.createNativeQuery("""
                        select from_day, due_on, due_soon_from from reporting_due where pledge_id = ?1 order by from_day""")
                .setParameter(1, pledgeId).getResultList()) {
            Object[] c = (Object[]) r;
            anchors.add(new ReportingSchedule.Anchor(date(c[0]), date(c[1]), date(c[2])));
        }
        return new ReportingSchedule(anchors);
    }

    /**
     * Pledges known before schedules were kept (or whose schedule was lost) get theirs at start, each in its own
     * transaction, so their schedules are published too.
     */
    void catchUp(@Observes StartupEvent start) {
        List<?> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select p.id from known_pledge p where p.validated_at is not null
                   and not exists (select 1 from reporting_schedule s where s.pledge_id = p.id)""").getResultList());
        for (Object id : ids) {
            QuarkusTransaction.requiringNew().run(() -> refresh((UUID) id));
        }
        if (!ids.isEmpty()) {
            LOG.infof("scheduled the reporting of %d pledges known before their schedules were kept", ids.size());
        }
    }

    private static LocalDate utcDay(Object timestamp) {
        if (timestamp instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        }
        if (timestamp instanceof java.time.Instant i) {
            return i.atZone(ZoneOffset.UTC).toLocalDate();
        }
        return ((java.sql.Timestamp) timestamp).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static LocalDate date(Object value) {
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
