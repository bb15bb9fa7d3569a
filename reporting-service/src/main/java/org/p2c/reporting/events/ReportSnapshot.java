package org.p2c.reporting.events;

import org.p2c.reporting.domain.CompletionStatus;
import org.p2c.reporting.domain.KnownPledge;
import org.p2c.reporting.domain.ProgressReport;
import org.p2c.reporting.domain.ReportStatus;
import org.p2c.support.money.UsdValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The data of every event on {@code p2c.reports.v1}: the report's state after the change, with what analytics
 * counts (submission time, completion status, categories, the USD amount disbursed) and the supersession links that
 * tell it which report is current. The pledger's free texts, evidence links and indicators stay in this service.
 * Schema: event-contracts' report-snapshot.v1.json.
 */
public record ReportSnapshot(
        UUID id,
        long version,
        UUID pledgeId,
        String pledgeReference,
        UUID pledgerEntityId,
        ReportStatus status,
        LocalDate asOfDate,
        LocalDate periodStart,
        LocalDate periodEnd,
        Instant submittedAt,
        CompletionStatus completionStatus,
        Integer percentComplete,
        UsdValue amountDisbursed,
        Long peopleReached,
        List<String> challengeCategories,
        List<String> solutionCategories,
        LocalDate revisedEndDate,
        UUID supersedes,
        UUID supersededBy,
        Instant supersededAt,
        Instant updatedAt) {

    public static ReportSnapshot of(ProgressReport r) {
        KnownPledge pledge = KnownPledge.findById(r.pledgeId);
        return new ReportSnapshot(r.id, r.version, r.pledgeId, pledge == null ? null : pledge.reference,
                r.pledgerEntityId, r.status, r.asOfDate, r.periodStart, r.periodEnd, r.submittedAt, r.completionStatus,
                r.percentComplete, r.amountDisbursed(), r.peopleReached, List.copyOf(r.challengeCategories),
                List.copyOf(r.solutionCategories), r.revisedEndDate, r.supersedes, r.supersededBy, r.supersededAt,
                r.updatedAt);
    }
}
