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
@Schema(name = "Report", example = ReportView.EXAMPLE)
public record ReportView(
        @Schema(description = "FULL: every field (the pledger, the Secretariat)", enumeration = "FULL") String view,
        UUID id,
        long version,
        UUID pledgeId,
        @Schema(nullable = true, example = "P2C-2024-00933", description = "Null until reporting-service knows the pledge's reference") String pledgeReference,
        UUID pledgerEntityId,
        ReportStatus status,
        @Schema(nullable = true, description = "The submitted report this one corrects") UUID supersedes,
        @Schema(nullable = true, description = "The submitted correction that replaced this report") UUID supersededBy,
        @Schema(nullable = true) Instant supersededAt,
        LocalDate asOfDate,
        @Schema(nullable = true) LocalDate periodStart,
        @Schema(nullable = true) LocalDate periodEnd,
        CompletionStatus completionStatus,
        @Schema(nullable = true) Integer percentComplete,
        @Schema(nullable = true) UsdValue amountDisbursed,
        @Schema(nullable = true) Long peopleReached,
        @Schema(nullable = true) String achievements,
        List<Challenge> challenges,
        List<Solution> solutions,
        @Schema(nullable = true) LocalDate revisedEndDate,
        List<String> evidenceLinks,
        List<ResultIndicator> resultIndicators,
        Instant createdAt,
        String createdBy,
        @Schema(nullable = true, description = "Null for a draft") Instant submittedAt,
        @Schema(nullable = true, description = "Null for a draft") String submittedBy,
        Instant updatedAt) {

    /** One answer as the API gives it, for the API document. */
    static final String EXAMPLE = """
            {"view": "FULL", "id": "c4d5e6f7-0819-4a2b-9c3d-4e5f60718293", "version": 2,
             "pledgeId": "3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c", "pledgeReference": "P2C-2024-00042",
             "pledgerEntityId": "0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b", "status": "SUBMITTED",
             "supersedes": null, "supersededBy": null, "supersededAt": null, "asOfDate": "2025-06-30",
             "periodStart": "2024-07-01", "periodEnd": "2025-06-30", "completionStatus": "IN_PROGRESS", "percentComplete": 42,
             "amountDisbursed": {"amount": "4200000.00", "currency": "EUR", "valueDate": "2025-06-30", "usd": "4745762.71",
                                 "unitsPerUsd": "0.885", "rateSource": "provisional annual average 2025 (reference rates 2026-11)"},
             "peopleReached": 120000, "achievements": "210 of 500 schools connected; 640 teachers trained",
             "challenges": [{"category": "NATURAL_DISASTERS", "text": "Floods in the north-west delayed site works by four months"}],
             "solutions": [{"category": "PARTNERSHIPS", "text": "A satellite operator covers the sites until the fibre is repaired"}],
             "revisedEndDate": "2027-06-30", "evidenceLinks": ["https://www.mptc.gov.kh/reports/school-connectivity-2025"],
             "resultIndicators": [{"name": "Schools connected", "unit": "schools", "baseline": "0", "target": "500", "actual": "210"}],
             "createdAt": "2025-07-02T08:00:00Z", "createdBy": "5f0c8a9e-3b1d-4c51-9a43-0d6c2f7b8e11",
             "submittedAt": "2025-07-10T09:15:00Z", "submittedBy": "5f0c8a9e-3b1d-4c51-9a43-0d6c2f7b8e11",
             "updatedAt": "2025-07-10T09:15:00Z"}""";

    public static ReportView of(ProgressReport r) {
        KnownPledge pledge = KnownPledge.findById(r.pledgeId);
        return new ReportView("FULL", r.id, r.version, r.pledgeId, pledge == null ? null : pledge.reference,
                r.pledgerEntityId, r.status, r.supersedes, r.supersededBy, r.supersededAt, r.asOfDate, r.periodStart,
                r.periodEnd, r.completionStatus, r.percentComplete, r.amountDisbursed(), r.peopleReached, r.achievements,
                List.copyOf(r.challenges), List.copyOf(r.solutions), r.revisedEndDate, List.copyOf(r.evidenceLinks),
                List.copyOf(r.resultIndicators), r.createdAt, r.createdBy, r.submittedAt, r.submittedBy, r.updatedAt);
    }
}
