package org.p2c.pledge.events;

import org.p2c.pledge.domain.Pillar;
import org.p2c.pledge.domain.Collaborator;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.support.money.UsdValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The data of every event on {@code p2c.pledges.v1}: the pledge's public state after the change, with the dates
 * analytics counts from (first validation, withdrawal). A pending revision is not in it: until the Secretariat
 * validates it, the validated content is what counts. Schema: event-contracts' pledge-snapshot.v1.json.
 */
public record PledgeSnapshot(
        UUID id,
        long version,
        String reference,
        UUID pledgerEntityId,
        PledgeStatus status,
        String title,
        List<String> types,
        List<String> pillars,
        List<String> focusAreas,
        boolean global,
        List<String> countries,
        List<String> regions,
        List<String> namedRegions,
        String primaryRegion,
        boolean ldc,
        boolean lldc,
        boolean sids,
        List<String> beneficiaryGroups,
        List<Integer> sdgs,
        List<String> targets,
        UsdValue financialValue,
        List<CollaboratorRole> collaborators,
        LocalDate startDate,
        LocalDate endDate,
        int revision,
        Instant submittedAt,
        Instant validatedAt,
        Instant revisedAt,
        Instant withdrawnAt,
        Instant updatedAt,
        boolean imported,
        String decisionComment,
        Collaboration collaboration) {

    public record CollaboratorRole(UUID entityId, Collaborator.Role role) {
    }

    /** The invitation a collaborator-invited, -accepted or -declined event is about, whatever its answer. */
    public record Collaboration(UUID entityId, Collaborator.Role role, Collaborator.Answer answer) {
    }

    public static PledgeSnapshot of(Pledge p) {
        return of(p, null, null);
    }

    /**
     * @param decisionComment the Secretariat's comment on the decision the event announces, or null
     * @param collaboration   the invitation the event is about, or null
     */
    public static PledgeSnapshot of(Pledge p, String decisionComment, Collaborator collaboration) {
        return new PledgeSnapshot(p.id, p.version, p.reference, p.pledgerEntityId, p.status, p.title,
                List.copyOf(p.types), List.copyOf(p.pillars), Pillar.focusAreasOf(p.pillars), p.global, List.copyOf(p.countries),
                List.copyOf(p.regions), List.copyOf(p.namedRegions), p.primaryRegion == null ? null : p.primaryRegion.name(),
                p.ldc, p.lldc, p.sids, List.copyOf(p.beneficiaryGroups), List.copyOf(p.sdgs), List.copyOf(p.targets),
                p.financialValue == null ? null : p.financialValue.toUsdValue(),
                p.collaborators.stream().filter(c -> c.status() == Collaborator.Answer.ACCEPTED)
                        .map(c -> new CollaboratorRole(c.entityId(), c.role())).toList(),
                p.startDate, p.endDate, p.revision, p.submittedAt, p.validatedAt, p.revisedAt, p.withdrawnAt, p.updatedAt,
                p.imported, decisionComment, collaboration == null ? null
                        : new Collaboration(collaboration.entityId(), collaboration.role(), collaboration.status()));
    }
}
