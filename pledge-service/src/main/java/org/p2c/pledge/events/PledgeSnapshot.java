package org.p2c.pledge.events;

import org.p2c.pledge.domain.Pillar;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The data of every event on {@code p2c.pledges.v1}: the pledge's state after the change, with the dates analytics
 * counts from (first validation, withdrawal). Schema: event-contracts' pledge-snapshot.v1.json.
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

    public static PledgeSnapshot of(Pledge p) {
        List<String> focusAreas = p.pillars.stream().map(x -> Pillar.valueOf(x).focusArea().name()).distinct().sorted().toList();
        return new PledgeSnapshot(p.id, p.version, p.reference, p.pledgerEntityId, p.status, p.title,
                List.copyOf(p.types), List.copyOf(p.pillars), focusAreas, p.global, List.copyOf(p.countries),
                List.copyOf(p.regions), p.primaryRegion == null ? null : p.primaryRegion.name(),
                List.copyOf(p.beneficiaryGroups), List.copyOf(p.sdgs), List.copyOf(p.targets), p.startDate, p.endDate,
                p.submittedAt, p.validatedAt, p.withdrawnAt, p.updatedAt);
    }
}
