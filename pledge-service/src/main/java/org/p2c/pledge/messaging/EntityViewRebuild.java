package org.p2c.pledge.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.support.entityview.EntityView;
import org.p2c.support.rebuild.RebuildableViews;

/**
 * pledge-service's one view kept from a topic, the entities, rebuilt in place: it keeps answering the access checks
 * of every request while the replay rewrites each entity from its events (see {@link EntityView#replaceableByReplay}).
 */
@ApplicationScoped
public class EntityViewRebuild implements RebuildableViews {

    @Override
    public void reset() {
        EntityView.replaceableByReplay();
    }

    @Override
    public void rebuilt() {
        EntityView.dropNotReplayed();
    }
}
