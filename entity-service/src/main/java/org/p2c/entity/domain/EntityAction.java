package org.p2c.entity.domain;

import java.util.Set;

/** What can happen to an entity, each kept in its history; the status changes say from where they may happen. */
public enum EntityAction {
    REGISTERED(Set.of(), null),
    UPDATED(Set.of(EntityStatus.values()), null),
    VERIFIED(Set.of(EntityStatus.PENDING_VERIFICATION), EntityStatus.VERIFIED),
    REJECTED(Set.of(EntityStatus.PENDING_VERIFICATION), EntityStatus.REJECTED),
    SUSPENDED(Set.of(EntityStatus.VERIFIED), EntityStatus.SUSPENDED),
    REINSTATED(Set.of(EntityStatus.SUSPENDED), EntityStatus.VERIFIED),
    MEMBERSHIP_CHANGED(Set.of(EntityStatus.values()), null),
    PARTNER_CLIENT_BOUND(Set.of(EntityStatus.values()), null),
    PARTNER_CLIENT_UNBOUND(Set.of(EntityStatus.values()), null);

    private final Set<EntityStatus> allowedFrom;
    private final EntityStatus target;

    EntityAction(Set<EntityStatus> allowedFrom, EntityStatus target) {
        this.allowedFrom = allowedFrom;
        this.target = target;
    }

    public boolean allowedFrom(EntityStatus status) {
        return allowedFrom.contains(status);
    }

    /** The status after the action, or null when the action keeps the status. */
    public EntityStatus target() {
        return target;
    }

    /** The CloudEvents type of the event this action emits on p2c.entities.v1. */
    public String eventType() {
        return "p2c.entity." + name().toLowerCase().replace('_', '-') + ".v1";
    }
}
