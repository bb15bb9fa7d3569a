package org.p2c.pledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.ProblemException;
import org.p2c.support.views.UnknownReference;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who acts for which pledger entity, from pledge-service's own view of p2c.entities.v1: the entity's active
 * members and its bound partner client.
 *
 * <p>An entity registered a moment ago may not have reached the view yet. Rather than guess (or call
 * entity-service and couple the two), an unknown entity is an {@link UnknownReference}: the request waits a
 * bounded time for the view to catch up (service-support's {@code ViewCatchUp}), then gets either the right answer
 * or a definite 422 naming the field.
 */
@ApplicationScoped
public class Pledgers {

    public boolean actsFor(UUID entityId, Caller caller) {
        KnownEntity entity = KnownEntity.findById(entityId);
        return entity != null && entity.actsFor(caller);
    }

    /**
     * The entity the caller wants to pledge for ({@code field} of the request names it), if the caller acts for it.
     * Left out ({@code null}), it is the one entity the caller acts for: a partner system is bound to one, and so is
     * a person of one entity. Anyone else must name it — guessing among several would file a pledge under the wrong
     * pledger.
     */
    public KnownEntity requireActingFor(UUID entityId, String field, Caller caller) {
        if (entityId == null) {
            return theOnlyEntityOf(caller, field);
        }
        KnownEntity entity = requireKnown(entityId, field);
        if (!entity.actsFor(caller)) {
            if (entity.isVerified()) {
                throw new ProblemException(403, "forbidden", "Forbidden", "You do not act for entity " + entityId);
            }
            throw ProblemException.notFound("Entity " + entityId);
        }
        return entity;
    }

    private KnownEntity theOnlyEntityOf(Caller caller, String field) {
        List<KnownEntity> entities = actedForBy(caller);
        if (entities.size() == 1) {
            return entities.get(0);
        }
        if (entities.isEmpty()) {
            // Perhaps the caller registered one a moment ago: wait a bounded time for the view, then say so.
            throw UnknownReference.unresolved(field, "is required: you act for no entity yet (register one with "
                    + "POST /api/v1/entities, or name it)", () -> !actedForBy(caller).isEmpty());
        }
        String named = entities.stream().sorted(Comparator.comparing((KnownEntity e) -> e.name))
                .map(e -> e.name + " (" + e.id + ")").collect(Collectors.joining(", "));
        throw ProblemException.invalidField(422, field, "is required: you act for " + entities.size()
                + " entities, name one of " + named);
    }

    /** Every entity of the view the caller acts for: its partner client's, or those it is an active member of. */
    private static List<KnownEntity> actedForBy(Caller caller) {
        return caller.partnerClientId()
                .map(client -> KnownEntity.<KnownEntity>list(
                        "select distinct e from KnownEntity e join e.partnerClients c where c = ?1", client))
                .orElseGet(() -> caller.subject() == null ? List.of() : KnownEntity.<KnownEntity>list(
                        "select distinct e from KnownEntity e join e.members m where m.subject = ?1", caller.subject()));
    }

    /** The entity that {@code field} of the request names, from the view; unknown to it, an {@link UnknownReference}. */
    public KnownEntity requireKnown(UUID entityId, String field) {
        KnownEntity entity = KnownEntity.findById(entityId);
        if (entity == null) {
            throw UnknownReference.inBody(field, "pledger entity", () -> KnownEntity.findById(entityId) != null);
        }
        return entity;
    }
}
