package org.p2c.entity.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of an entity's append-only history: who did what, when and why. The table refuses updates and deletes. */
@Entity
@Table(name = "entity_history")
public class EntityHistoryEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "entity_id", nullable = false)
    public UUID entityId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EntityAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public EntityStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public EntityStatus toStatus;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public Instant at;

    public String reason;

    public static void record(PledgerEntity entity, EntityAction action, EntityStatus from, String actor, String reason) {
        EntityHistoryEntry entry = new EntityHistoryEntry();
        entry.entityId = entity.id;
        entry.action = action;
        entry.fromStatus = from;
        entry.toStatus = entity.status;
        entry.actor = actor;
        entry.at = entity.updatedAt;
        entry.reason = reason;
        entry.persist();
    }
}
