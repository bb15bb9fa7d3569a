package org.p2c.reporting.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.p2c.reporting.domain.ProgressReport;
import org.p2c.support.outbox.Outbox;

/** Writes the event of a report change into the outbox, in the change's transaction, after the version moved. */
@ApplicationScoped
public class ReportEvents {

    public static final String SUBMITTED = "p2c.report.submitted.v1";
    public static final String SUPERSEDED = "p2c.report.superseded.v1";

    private final Outbox outbox;
    private final EntityManager em;

    public ReportEvents(Outbox outbox, EntityManager em) {
        this.outbox = outbox;
        this.em = em;
    }

    public void submitted(ProgressReport report) {
        em.flush();
        outbox.append(report.id, SUBMITTED, ReportSnapshot.of(report));
    }

    public void superseded(ProgressReport report) {
        em.flush();
        outbox.append(report.id, SUPERSEDED, ReportSnapshot.of(report));
    }
}
