package org.p2c.pledge.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.pledge.domain.Pillar;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A pledge as the API shows it. */
@Schema(name = "Pledge")
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
        List<String> regions,
        String primaryRegion,
        List<String> beneficiaryGroups,
        List<Integer> sdgs,
        List<String> targets,
        LocalDate startDate,
        LocalDate endDate,
        Instant submittedAt,
        Instant validatedAt,
        Instant withdrawnAt,
        Instant updatedAt) {

    public static PledgeView of(Pledge p) {
        return new PledgeView(p.id, p.version, p.reference, p.pledgerEntityId, p.status, p.title, p.description,
                p.expectedImpact, p.types, p.pillars,
                p.pillars.stream().map(x -> Pillar.valueOf(x).focusArea().name()).distinct().sorted().toList(),
                p.global, p.countries, p.regions, p.primaryRegion == null ? null : p.primaryRegion.name(),
                p.beneficiaryGroups, p.sdgs, p.targets, p.startDate, p.endDate, p.submittedAt, p.validatedAt, p.withdrawnAt,
                p.updatedAt);
    }

    @Schema(name = "PledgeHistoryEntry")
    public record HistoryView(String action, PledgeStatus fromStatus, PledgeStatus toStatus, String actor,
                              Instant at, String comment) {
    }
}
