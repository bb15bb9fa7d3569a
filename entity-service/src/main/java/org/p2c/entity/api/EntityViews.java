package org.p2c.entity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.entity.domain.EntityAction;
import org.p2c.entity.domain.EntityStatus;
import org.p2c.entity.domain.MemberRole;
import org.p2c.entity.domain.StakeholderType;
import org.p2c.entity.domain.reference.ItuRegion;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the entity API answers. Fields that only members and the Secretariat may see are null for others. */
public final class EntityViews {

    private EntityViews() {
    }

    @Schema(name = "Entity")
    public record EntityView(
            UUID id,
            long version,
            String name,
            String acronym,
            StakeholderType stakeholderType,
            @Schema(example = "KHM") String headquartersCountry,
            ItuRegion ituRegion,
            String website,
            String description,
            EntityStatus status,
            Instant registeredAt,
            Instant verifiedAt,
            @Schema(description = "Members and the Secretariat only") FocalPointView focalPoint,
            @Schema(description = "Members and the Secretariat only: entities with the same name in the same country")
            List<SimilarEntity> possibleDuplicates) {
    }

    @Schema(name = "FocalPoint")
    public record FocalPointView(String name, String email, String phone) {
    }

    @Schema(name = "SimilarEntity")
    public record SimilarEntity(UUID id, String name, EntityStatus status) {
    }

    @Schema(name = "Member")
    public record MemberView(UUID id, String subject, String email, String displayName, MemberRole role,
                             @Schema(description = "false while an e-mail invitation waits for its first sign-in")
                             boolean active, Instant addedAt) {
    }

    @Schema(name = "PartnerClient")
    public record PartnerClientView(String clientId, Instant boundAt, String boundBy) {
    }

    @Schema(name = "EntityHistoryEntry")
    public record HistoryView(EntityAction action, EntityStatus fromStatus, EntityStatus toStatus, String actor,
                              Instant at, String reason) {
    }

    @Schema(name = "MyEntity", description = "An entity the caller belongs to, and as what")
    public record MyEntityView(UUID id, String name, EntityStatus status, MemberRole role) {
    }
}
