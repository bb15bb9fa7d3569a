package org.p2c.pledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.pledge.domain.Collaborator;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.ProblemException;

import java.util.UUID;

/**
 * The object-level rules of pledges. Seeing: a validated pledge is public; the pledger entity's members and
 * partner client see all of its pledges; the people of an invited or collaborating entity see that pledge; the
 * Secretariat sees every pledge but drafts. Anyone else: 404, as if
 * absent. Changing: the pledger's people for their pledges, the Secretariat for its decisions; 403 otherwise.
 */
@ApplicationScoped
public class PledgeAccess {

    private final Pledgers pledgers;

    public PledgeAccess(Pledgers pledgers) {
        this.pledgers = pledgers;
    }

    public boolean canSee(Pledge pledge, Caller caller) {
        return pledge.isPublic() || isInsider(pledge, caller) || isCollaborator(pledge, caller);
    }

    /** The people of an entity invited into the pledge (and not declining) see it, to answer and to work on it. */
    public boolean isCollaborator(Pledge pledge, Caller caller) {
        return pledge.collaborators.stream()
                .anyMatch(c -> c.status() != Collaborator.Answer.DECLINED && pledgers.actsFor(c.entityId(), caller));
    }

    /** Sees the pledge whatever its status (drafts excepted for the Secretariat), and its history. */
    public boolean isInsider(Pledge pledge, Caller caller) {
        return pledgers.actsFor(pledge.pledgerEntityId, caller)
                || (caller.isSecretariat() && pledge.status != PledgeStatus.DRAFT);
    }

    public Pledge load(UUID id, Caller caller) {
        Pledge pledge = Pledge.findById(id);
        if (pledge == null || !canSee(pledge, caller)) {
            throw ProblemException.notFound("Pledge " + id);
        }
        return pledge;
    }

    public void requirePledger(Pledge pledge, Caller caller) {
        if (!pledgers.actsFor(pledge.pledgerEntityId, caller)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Only the pledger entity's people may do this");
        }
    }

    public void requireSecretariat(Caller caller) {
        if (!caller.isSecretariat()) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Only the Secretariat may do this");
        }
    }
}
