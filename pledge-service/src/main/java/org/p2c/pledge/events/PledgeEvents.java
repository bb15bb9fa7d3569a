package org.p2c.pledge.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.p2c.pledge.domain.Collaborator;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeAction;
import org.p2c.support.outbox.Outbox;

/** Writes the event of a pledge change into the outbox, in the change's transaction, after the version moved. */
@ApplicationScoped
public class PledgeEvents {

    private final Outbox outbox;
    private final EntityManager em;

    public PledgeEvents(Outbox outbox, EntityManager em) {
        this.outbox = outbox;
        this.em = em;
    }

    public void changed(Pledge pledge, PledgeAction action) {
        changed(pledge, action, null, null);
    }

    /** As {@link #changed(Pledge, PledgeAction)}, with the Secretariat's comment or the invitation the change is about. */
    public void changed(Pledge pledge, PledgeAction action, String decisionComment, Collaborator collaboration) {
        em.flush();
        outbox.append(pledge.id, action.eventType(), PledgeSnapshot.of(pledge, decisionComment, collaboration));
    }
}
