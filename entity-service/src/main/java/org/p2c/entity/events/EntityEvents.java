package org.p2c.entity.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.p2c.entity.domain.EntityAction;
import org.p2c.entity.domain.PledgerEntity;
import org.p2c.entity.domain.reference.Country;
import org.p2c.entity.domain.reference.CountryCatalogue;
import org.p2c.support.outbox.Outbox;

/** Writes the event of a change into the outbox, in the change's transaction, after the version moved. */
@ApplicationScoped
public class EntityEvents {

    private final Outbox outbox;
    private final EntityManager em;
    private final CountryCatalogue countries;

    public EntityEvents(Outbox outbox, EntityManager em, CountryCatalogue countries) {
        this.outbox = outbox;
        this.em = em;
        this.countries = countries;
    }

    public void changed(PledgerEntity entity, EntityAction action) {
        // Flush first: the snapshot must carry the version this change produced.
        em.flush();
        var region = countries.find(entity.headquartersCountry).map(Country::ituRegion).orElse(null);
        outbox.append(entity.id, action.eventType(), EntitySnapshot.of(entity, region));
    }
}
