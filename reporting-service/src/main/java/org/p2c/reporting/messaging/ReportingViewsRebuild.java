package org.p2c.reporting.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.p2c.support.entityview.EntityView;
import org.p2c.support.rebuild.RebuildableViews;

/**
 * reporting-service's views kept from the topics, the entities and the pledges, rebuilt in place: they keep answering
 * while the replay rewrites each aggregate from its events, as {@link EntityView#replaceableByReplay} does for the
 * entities. A pledge no event brings back leaves the view unless reports or a schedule refer to it.
 */
@ApplicationScoped
public class ReportingViewsRebuild implements RebuildableViews {

    private final EntityManager em;

    public ReportingViewsRebuild(EntityManager em) {
        this.em = em;
    }

    @Override
    public void reset() {
        EntityView.replaceableByReplay();
        em.createNativeQuery("update known_pledge set version = 0").executeUpdate();
    }

    @Override
    public void rebuilt() {
        EntityView.dropNotReplayed();
        em.createNativeQuery("""
                delete from known_pledge p where p.version = 0
                   and not exists (select 1 from progress_report r where r.pledge_id = p.id)
                   and not exists (select 1 from reporting_schedule s where s.pledge_id = p.id)""").executeUpdate();
    }
}
