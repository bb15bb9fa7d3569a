package org.p2c.pledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.ProblemException;

import java.util.UUID;

/**
 * Who acts for which pledger entity, from pledge-service's own view of p2c.entities.v1: the entity's active
 * members and its bound partner client.
 *
 * <p>An entity registered a moment ago may not have reached the view yet. Rather than guess (or call
 * entity-service and couple the two), pledge-service answers 503 with {@code Retry-After}: the view catches up
 * within a second or two, and a retry then gets the right answer.
 */
@ApplicationScoped
public class Pledgers {

    public static final int RETRY_AFTER_SECONDS = 2;

    public boolean actsFor(UUID entityId, Caller caller) {
        KnownEntity entity = KnownEntity.findById(entityId);
        return entity != null && entity.actsFor(caller);
    }

    /** The entity the caller wants to pledge for, if the caller acts for it. */
    public KnownEntity requireActingFor(UUID entityId, Caller caller) {
        KnownEntity entity = requireKnown(entityId);
        if (!entity.actsFor(caller)) {
            if (entity.isVerified()) {
                throw new ProblemException(403, "forbidden", "Forbidden", "You do not act for entity " + entityId);
            }
            throw ProblemException.notFound("Entity " + entityId);
        }
        return entity;
    }

    /** The entity from the view, or a retryable 503 when the view has not caught up with its registration yet. */
    public KnownEntity requireKnown(UUID entityId) {
        KnownEntity entity = KnownEntity.findById(entityId);
        if (entity == null) {
            throw new ProblemException(503, "entity-not-yet-known", "Entity not known yet",
                    "Entity " + entityId + " is not known to the pledge service yet. If it was registered a moment ago, "
                            + "retry in " + RETRY_AFTER_SECONDS + " seconds.").retryAfter(RETRY_AFTER_SECONDS);
        }
        return entity;
    }
}
