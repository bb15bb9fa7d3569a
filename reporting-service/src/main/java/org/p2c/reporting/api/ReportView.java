package org.p2c.reporting.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.reporting.domain.Challenge;
import org.p2c.reporting.domain.CompletionStatus;
import org.p2c.reporting.domain.KnownPledge;
import org.p2c.reporting.domain.ProgressReport;
import org.p2c.reporting.domain.ReportStatus;
import org.p2c.reporting.domain.ResultIndicator;
import org.p2c.reporting.domain.Solution;
import org.p2c.support.money.UsdValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A progress report in full, as the pledger entity and the Secretariat see it. */
@Schema(name = "Report")
public record ReportView(
        @Schema(description = "FULL: every field (the pledger, the Secretariat)") String view,
        UUID id,
        long version,
        UUID pledgeId,
        @Schema(example = "P2C-2024-00933") String pledgeReference,
        UUID pledgerEntityId,
        ReportStatus status,
        @Schema(description = "The submitted report this one corrects") UUID supersedes,
        @Schema(description = "The submitted correction that replaced this report") UUID supersededBy,
        Instant supersededAt,
        LocalDate asOfDate,
        LocalDate periodStart,
        LocalDate periodEnd,
        CompletionStatus completionStatus,
        Integer percentComplete,
        UsdValue amountDisbursed,
        Long peopleReached,
        String achievements,
        List<Challenge> challenges,
        List<Solution> solutions,
        LocalDate revisedEndDate,
        List<String> evidenceLinks,
        List<ResultIndicator> resultIndicators,
        Instant createdAt,
        String createdBy,
        Instant submittedAt,
        String submittedBy,
        Instant updatedAt) {

    public static ReportView of(ProgressReport r) {
        KnownPledge pledge = KnownPledge.findById(r.pledgeId);
        return new ReportView("FULL", r.id, r.version, r.pledgeId, pledge == null ? null : pledge.reference,
                r.pledgerEntityId, r.status, r.supersedes, r.supersededBy, r.supersededAt, r.asOfDate, r.periodStart,
                r.periodEnd, r.completionStatus, r.percentComplete, r.amountDisbursed(), r.peopleReached, r.achievements,
                List.copyOf(r.challenges), List.copyOf(r.solutions), r.revisedEndDate, List.copyOf(r.evidenceLinks),
                List.copyOf(r.resultIndicators), r.createdAt, r.createdBy, r.submittedAt, r.submittedBy, r.updatedAt);
    }
}
