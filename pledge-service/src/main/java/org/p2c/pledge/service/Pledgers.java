package org.p2c.pledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.ProblemException;
import org.p2c.support.views.UnknownReference;

import java.util.UUID;

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

    /** The entity the caller wants to pledge for ({@code field} of the request names it), if the caller acts for it. */
    public KnownEntity requireActingFor(UUID entityId, String field, Caller caller) {
        KnownEntity entity = requireKnown(entityId, field);
        if (!entity.actsFor(caller)) {
            if (entity.isVerified()) {
                throw new ProblemException(403, "forbidden", "Forbidden", "You do not act for entity " + entityId);
            }
            throw ProblemException.notFound("Entity " + entityId);
        }
        return entity;
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
