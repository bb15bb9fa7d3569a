package org.p2c.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.reporting.domain.KnownEntity;
import org.p2c.support.api.Caller;

import java.util.List;
import java.util.UUID;

/**
 * Who reports for which pledger entity, from reporting-service's own view of p2c.entities.v1: the entity's active
 * members and its bound partner client (never entity-service's API, so the two services stay decoupled).
 */
@ApplicationScoped
public class Reporters {

    public boolean actsFor(UUID entityId, Caller caller) {
        KnownEntity entity = KnownEntity.findById(entityId);
        return entity != null && entity.actsFor(caller);
    }

    /** The entities the caller acts for: a person's memberships, or the one entity a partner client is bound to. */
    public List<UUID> entitiesOf(Caller caller) {
        if (caller.isAnonymous()) {
            return List.of();
        }
        List<KnownEntity> entities = caller.partnerClientId()
                .map(client -> KnownEntity.<KnownEntity>find(
                        "select e from KnownEntity e join e.partnerClients c where c = ?1", client).list())
                .orElseGet(() -> KnownEntity.<KnownEntity>find(
                        "select e from KnownEntity e join e.members m where m.subject = ?1", caller.subject()).list());
        return entities.stream().map(e -> e.id).toList();
    }
}
