package org.p2c.reporting.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.reporting.domain.CompletionStatus;
import org.p2c.reporting.domain.KnownPledge;
import org.p2c.reporting.domain.ProgressReport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The published part of a submitted report, what anyone may read: where the pledge stands and what it achieved,
 * and which kinds of challenges and solutions it met. The pledger's own account (challenge and solution texts),
 * money, people reached, period, revised end date, evidence links, indicators and who submitted stay with the
 * pledger entity and the Secretariat.
 */
@Schema(name = "PublishedReport", example = PublishedReportView.EXAMPLE)
public record PublishedReportView(
        @Schema(description = "PUBLISHED: the public part only", enumeration = "PUBLISHED") String view,
        UUID id,
        UUID pledgeId,
        @Schema(nullable = true, example = "P2C-2024-00933") String pledgeReference,
        LocalDate asOfDate,
        CompletionStatus completionStatus,
        @Schema(nullable = true) Integer percentComplete,
        @Schema(nullable = true) String achievements,
        @Schema(example = "[\"NATURAL_DISASTERS\"]") List<String> challengeCategories,
        @Schema(example = "[\"PARTNERSHIPS\"]") List<String> solutionCategories,
        @Schema(nullable = true, description = "The submitted report this one corrects") UUID supersedes,
        Instant submittedAt) {

    /** One answer as the API gives it, for the API document. */
    static final String EXAMPLE = """
            {"view": "PUBLISHED", "id": "c4d5e6f7-0819-4a2b-9c3d-4e5f60718293",
             "pledgeId": "3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c", "pledgeReference": "P2C-2024-00042", "asOfDate": "2025-06-30",
             "completionStatus": "IN_PROGRESS", "percentComplete": 42,
             "achievements": "210 of 500 schools connected; 640 teachers trained",
             "challengeCategories": ["NATURAL_DISASTERS"], "solutionCategories": ["PARTNERSHIPS"], "supersedes": null,
             "submittedAt": "2025-07-10T09:15:00Z"}""";

    public static PublishedReportView of(ProgressReport r) {
        KnownPledge pledge = KnownPledge.findById(r.pledgeId);
        return new PublishedReportView("PUBLISHED", r.id, r.pledgeId, pledge == null ? null : pledge.reference,
                r.asOfDate, r.completionStatus, r.percentComplete, r.achievements, List.copyOf(r.challengeCategories),
                List.copyOf(r.solutionCategories), r.supersedes, r.submittedAt);
    }
}
