package org.p2c.entity.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.entity.domain.PledgerEntity;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.ProblemException;

/**
 * The object-level rules. Seeing: a verified entity is public; anything else only for its members, its partner
 * systems and the Secretariat — to everyone else it does not exist (404). Changing: the focal point (profile,
 * people, partner systems) or the Secretariat; a caller who may see but not change gets 403.
 */
@ApplicationScoped
public class EntityAccess {

    public boolean canSee(PledgerEntity entity, Caller caller) {
        return entity.isPublic() || isInsider(entity, caller);
    }

    /** Members, bound partner systems and the Secretariat see an entity's internals (people, history, contact). */
    public boolean isInsider(PledgerEntity entity, Caller caller) {
        if (caller.isAnonymous()) {
            return false;
        }
        if (caller.isSecretariat() || caller.isAdmin()) {
            return true;
        }
        return caller.partnerClientId().map(entity::isBoundTo)
                .orElseGet(() -> entity.activeMembershipOf(caller.subject()).isPresent());
    }

    public void requireVisible(PledgerEntity entity, Caller caller) {
        if (!canSee(entity, caller)) {
            throw ProblemException.notFound("Entity " + entity.id);
        }
    }

    public void requireInsider(PledgerEntity entity, Caller caller) {
        requireVisible(entity, caller);
        if (!isInsider(entity, caller)) {
            throw forbidden("Only the entity's members and the Secretariat may do this");
        }
    }

    public void requireFocalPointOrSecretariat(PledgerEntity entity, Caller caller) {
        requireVisible(entity, caller);
        boolean focalPoint = caller.isPerson() && entity.hasFocalPoint(caller.subject());
        if (!focalPoint && !caller.isSecretariat()) {
            throw forbidden("Only the entity's focal point and the Secretariat may do this");
        }
    }

    public void requireSecretariat(PledgerEntity entity, Caller caller) {
        requireVisible(entity, caller);
        if (!caller.isSecretariat()) {
            throw forbidden("Only the Secretariat may do this");
        }
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }
}
