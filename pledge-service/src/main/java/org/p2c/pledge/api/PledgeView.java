package org.p2c.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.pledge.domain.Collaborator;
import org.p2c.pledge.domain.Pillar;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeAction;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.support.money.UsdValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A pledge as the API shows it. The public form (explorer, open data, anyone reading a validated pledge) lists
 * accepted collaborators only and no pending revision; the pledger's people and the Secretariat also see invitations
 * and the revision awaiting validation. A field that may be null ({@code @Schema(nullable = true)}) is left out of the
 * answer instead ({@code NON_NULL}): the document names it optional.
 */
@Schema(name = "Pledge", example = PledgeView.EXAMPLE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PledgeView(
        UUID id,
        long version,
        @Schema(nullable = true, example = "P2C-2024-00933", description = "Given on first submission") String reference,
        UUID pledgerEntityId,
        PledgeStatus status,
        String title,
        @Schema(nullable = true) String description,
        @Schema(nullable = true) String expectedImpact,
        List<String> types,
        List<String> pillars,
        @Schema(description = "Follow from the pillars") List<String> focusAreas,
        boolean global,
        List<String> countries,
        @Schema(description = "The regions the pledge names, its primary region and the ITU regions of its countries") List<String> regions,
        @Schema(description = "The regions the pledger named") List<String> namedRegions,
        @Schema(nullable = true) String primaryRegion,
        @Schema(description = "One of the countries is a least developed country") boolean ldc,
        @Schema(description = "One of the countries is a landlocked developing country") boolean lldc,
        @Schema(description = "One of the countries is a small island developing state") boolean sids,
        List<String> beneficiaryGroups,
        List<Integer> sdgs,
        List<String> targets,
        @Schema(nullable = true) UsdValue financialValue,
        List<CollaboratorView> collaborators,
        @Schema(nullable = true) LocalDate startDate,
        @Schema(nullable = true) LocalDate endDate,
        @Schema(description = "How many revisions have been validated") int revision,
        @Schema(nullable = true) Instant submittedAt,
        @Schema(nullable = true) Instant validatedAt,
        @Schema(nullable = true) Instant revisedAt,
        @Schema(nullable = true) Instant withdrawnAt,
        Instant updatedAt,
        @Schema(description = "Imported from the previous platform with its historical dates") boolean imported,
        @Schema(nullable = true, description = "Only for the pledger and the Secretariat, while a revision awaits validation") PendingRevision pendingRevision) {

    /** A validated pledge as its people see it: the document's example, and the desk's. */
    static final String EXAMPLE = """
        {"id": "3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c", "version": 7, "reference": "P2C-2024-00042",
         "pledgerEntityId": "0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b", "status": "VALIDATED",
         "title": "Connect 500 rural schools in Cambodia",
         "description": "Fibre and satellite links for 500 rural schools in Kampot, Kep and Takeo, and digital-skills training for their teachers.",
         "expectedImpact": "500 schools with at least 20 Mbit/s", "types": ["FINANCIAL", "PROGRAMMATIC"],
         "pillars": ["INFRASTRUCTURE", "SKILLS"], "focusAreas": ["ACCESS", "ADOPTION"], "global": false,
         "countries": ["KHM"], "regions": ["ASIA_PACIFIC"], "namedRegions": [], "primaryRegion": "ASIA_PACIFIC",
         "ldc": true, "lldc": false, "sids": false, "beneficiaryGroups": ["RURAL_AND_REMOTE_COMMUNITIES", "STUDENTS"],
         "sdgs": [4, 9], "targets": ["ACC-SCHOOLS", "ADO-DIGITAL-SKILLS-MINIMUM"],
         "financialValue": {"amount": "11000000.00", "currency": "EUR", "valueDate": "2024-07-01", "usd": "11904761.90",
                            "unitsPerUsd": "0.924", "rateSource": "annual average 2024 (reference rates 2026-11)"},
         "collaborators": [{"entityId": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f", "role": "IMPLEMENT", "status": "ACCEPTED"}],
         "startDate": "2024-01-01", "endDate": "2026-12-31", "revision": 0, "submittedAt": "2024-07-08T09:30:00Z",
         "validatedAt": "2024-07-15T13:45:00Z", "updatedAt": "2024-09-02T08:20:00Z", "imported": false}""";

    @Schema(name = "PledgeCollaborator")
    public record CollaboratorView(UUID entityId, Collaborator.Role role, Collaborator.Answer status) {
    }

    @Schema(name = "PendingRevision", description = "An edit of a validated pledge awaiting the Secretariat")
    public record PendingRevision(PledgeAction.Revision status, PledgeContent content) {
    }

    /** The public form. */
    public static PledgeView of(Pledge p) {
        return of(p, false, null);
    }

    /** For the pledger's people and the Secretariat: every invitation, and the pending revision if any. */
    public static PledgeView forInsider(Pledge p, PledgeContent pendingContent) {
        return of(p, true, pendingContent == null ? null : new PendingRevision(p.revisionStatus, pendingContent));
    }

    private static PledgeView of(Pledge p, boolean insider, PendingRevision pending) {
        return new PledgeView(p.id, p.version, p.reference, p.pledgerEntityId, p.status, p.title, p.description,
                p.expectedImpact, p.types, p.pillars, Pillar.focusAreasOf(p.pillars), p.global, p.countries, p.regions, p.namedRegions,
                p.primaryRegion == null ? null : p.primaryRegion.name(), p.ldc, p.lldc, p.sids,
                p.beneficiaryGroups, p.sdgs, p.targets, p.financialValue == null ? null : p.financialValue.toUsdValue(),
                p.collaborators.stream().filter(c -> insider || c.status() == Collaborator.Answer.ACCEPTED)
                        .map(c -> new CollaboratorView(c.entityId(), c.role(), c.status())).toList(),
                p.startDate, p.endDate, p.revision, p.submittedAt, p.validatedAt, p.revisedAt, p.withdrawnAt, p.updatedAt,
                p.imported, pending);
    }

    @Schema(name = "PledgeHistoryEntry", example = """
            {"action": "VALIDATED", "fromStatus": "SUBMITTED", "toStatus": "VALIDATED",
             "actor": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", "at": "2024-07-15T13:45:00Z",
             "comment": "Meets the Coalition's criteria"}""")
    public record HistoryView(String action,
                              @Schema(nullable = true, description = "Null for the first draft") PledgeStatus fromStatus,
                              PledgeStatus toStatus, String actor, Instant at, @Schema(nullable = true) String comment) {
    }
}
