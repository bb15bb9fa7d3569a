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
 * and the revision awaiting validation.
 */
@Schema(name = "Pledge")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PledgeView(
        UUID id,
        long version,
        @Schema(example = "P2C-2024-00933") String reference,
        UUID pledgerEntityId,
        PledgeStatus status,
        String title,
        String description,
        String expectedImpact,
        List<String> types,
        List<String> pillars,
        @Schema(description = "Follow from the pillars") List<String> focusAreas,
        boolean global,
        List<String> countries,
        @Schema(description = "The regions the pledge names plus the ITU regions of its countries") List<String> regions,
        @Schema(description = "The regions the pledger named") List<String> namedRegions,
        String primaryRegion,
        @Schema(description = "One of the countries is a least developed country") boolean ldc,
        @Schema(description = "One of the countries is a landlocked developing country") boolean lldc,
        @Schema(description = "One of the countries is a small island developing state") boolean sids,
        List<String> beneficiaryGroups,
        List<Integer> sdgs,
        List<String> targets,
        UsdValue financialValue,
        List<CollaboratorView> collaborators,
        LocalDate startDate,
        LocalDate endDate,
        @Schema(description = "How many revisions have been validated") int revision,
        Instant submittedAt,
        Instant validatedAt,
        Instant revisedAt,
        Instant withdrawnAt,
        Instant updatedAt,
        @Schema(description = "Imported from the previous platform with its historical dates") boolean imported,
        @Schema(description = "Only for the pledger and the Secretariat") PendingRevision pendingRevision) {

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

    @Schema(name = "PledgeHistoryEntry")
    public record HistoryView(String action, PledgeStatus fromStatus, PledgeStatus toStatus, String actor,
                              Instant at, String comment) {
    }
}
