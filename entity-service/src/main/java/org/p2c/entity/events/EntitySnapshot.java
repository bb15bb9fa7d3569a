package org.p2c.entity.events;

import org.p2c.entity.domain.EntityStatus;
import org.p2c.entity.domain.MemberRole;
import org.p2c.entity.domain.PledgerEntity;
import org.p2c.entity.domain.StakeholderType;
import org.p2c.entity.domain.reference.ItuRegion;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The data of every event on {@code p2c.entities.v1}: the entity's state after the change. It carries what other
 * services need to authorise (active members and their roles, bound partner clients) and to report (name, type,
 * country, status, verification date). Schema: {@code event-contracts/schemas/entity-snapshot.v1.json}.
 */
public record EntitySnapshot(
        UUID id,
        long version,
        String name,
        String acronym,
        StakeholderType stakeholderType,
        String headquartersCountry,
        ItuRegion ituRegion,
        EntityStatus status,
        Instant registeredAt,
        Instant verifiedAt,
        Instant updatedAt,
        List<Member> members,
        List<String> partnerClients) {

    public record Member(String subject, MemberRole role) {
    }

    public static EntitySnapshot of(PledgerEntity e, ItuRegion ituRegion) {
        return new EntitySnapshot(e.id, e.version, e.name, e.acronym, e.stakeholderType, e.headquartersCountry,
                ituRegion, e.status, e.registeredAt, e.verifiedAt, e.updatedAt,
                e.members.stream().filter(m -> m.isActive()).map(m -> new Member(m.subject, m.role)).toList(),
                e.partnerClients.stream().map(c -> c.clientId).sorted().toList());
    }
}
