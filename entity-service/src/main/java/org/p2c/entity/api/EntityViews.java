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

/**
 * What the entity API answers. Fields that only members and the Secretariat may see are null for others; a field
 * marked {@code @Schema(nullable = true)} may be null (service-support's AnswerSchemas writes that into the document).
 */
public final class EntityViews {

    private EntityViews() {
    }

    @Schema(name = "Entity", example = """
            {"id": "0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b", "version": 3, "name": "Ministry of Posts and Telecommunications",
             "acronym": "MPTC", "stakeholderType": "GOVERNMENT", "headquartersCountry": "KHM", "ituRegion": "ASIA_PACIFIC",
             "website": "https://www.mptc.gov.kh", "description": "Cambodia's ministry for posts, telecommunications and the digital economy.",
             "status": "VERIFIED", "registeredAt": "2024-03-04T08:12:30Z", "verifiedAt": "2024-03-06T14:05:00Z",
             "focalPoint": {"name": "Amina Diallo", "email": "amina.diallo@example.org", "phone": "+855 23 000 000"},
             "possibleDuplicates": []}""")
    public record EntityView(
            UUID id,
            long version,
            String name,
            @Schema(nullable = true) String acronym,
            StakeholderType stakeholderType,
            @Schema(example = "KHM") String headquartersCountry,
            @Schema(nullable = true, description = "Null when the country is not in the catalogue") ItuRegion ituRegion,
            @Schema(nullable = true) String website,
            @Schema(nullable = true) String description,
            EntityStatus status,
            Instant registeredAt,
            @Schema(nullable = true, description = "Null until the Secretariat verifies it") Instant verifiedAt,
            @Schema(nullable = true, description = "Members and the Secretariat only; null for others") FocalPointView focalPoint,
            @Schema(nullable = true, description = "Members and the Secretariat only (null for others): entities with the same name in the same country")
            List<SimilarEntity> possibleDuplicates) {
    }

    @Schema(name = "FocalPoint")
    public record FocalPointView(String name, String email, @Schema(nullable = true) String phone) {
    }

    @Schema(name = "SimilarEntity")
    public record SimilarEntity(UUID id, String name, EntityStatus status) {
    }

    @Schema(name = "Member", example = """
            {"id": "6d2f0c1e-4b7a-4f3e-9c8d-1a2b3c4d5e6f", "subject": "5f0c8a9e-3b1d-4c51-9a43-0d6c2f7b8e11",
             "email": "amina@example.org", "displayName": "amina.pledger", "role": "FOCAL_POINT", "active": true,
             "addedAt": "2024-03-04T08:12:30Z"}""")
    public record MemberView(UUID id,
                             @Schema(nullable = true, description = "Null while an e-mail invitation waits for its first sign-in") String subject,
                             @Schema(nullable = true, description = "Null for a person added by account subject") String email,
                             @Schema(nullable = true) String displayName, MemberRole role,
                             @Schema(description = "false while an e-mail invitation waits for its first sign-in")
                             boolean active, Instant addedAt) {
    }

    @Schema(name = "PartnerClient", example = """
            {"clientId": "partner-gsma-demo", "boundAt": "2024-03-12T10:15:00Z",
             "boundBy": "5f0c8a9e-3b1d-4c51-9a43-0d6c2f7b8e11"}""")
    public record PartnerClientView(String clientId, Instant boundAt, String boundBy) {
    }

    @Schema(name = "EntityHistoryEntry", example = """
            {"action": "VERIFIED", "fromStatus": "PENDING_VERIFICATION", "toStatus": "VERIFIED",
             "actor": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", "at": "2024-03-06T14:05:00Z",
             "reason": "Registration documents verified"}""")
    public record HistoryView(EntityAction action,
                              @Schema(nullable = true, description = "Null for the registration") EntityStatus fromStatus,
                              EntityStatus toStatus, String actor, Instant at, @Schema(nullable = true) String reason) {
    }

    @Schema(name = "MyEntity", description = "An entity the caller belongs to, and as what", example = """
            {"id": "0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b", "name": "Ministry of Posts and Telecommunications",
             "status": "VERIFIED", "role": "FOCAL_POINT"}""")
    public record MyEntityView(UUID id, String name, EntityStatus status, MemberRole role) {
    }
}
