package org.p2c.entity.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.entity.api.EntityViews.EntityView;
import org.p2c.entity.api.EntityViews.FocalPointView;
import org.p2c.entity.api.EntityViews.HistoryView;
import org.p2c.entity.api.EntityViews.MemberView;
import org.p2c.entity.api.EntityViews.PartnerClientView;
import org.p2c.entity.api.EntityViews.SimilarEntity;
import org.p2c.entity.domain.EntityHistoryEntry;
import org.p2c.entity.domain.Membership;
import org.p2c.entity.domain.PartnerClient;
import org.p2c.entity.domain.PledgerEntity;
import org.p2c.entity.domain.reference.Country;
import org.p2c.entity.domain.reference.CountryCatalogue;

import java.util.List;

/** Entities to API views; the caller's insight decides whether the contact and duplicate hints are included. */
@ApplicationScoped
public class EntityMapper {

    private final CountryCatalogue countries;

    public EntityMapper(CountryCatalogue countries) {
        this.countries = countries;
    }

    public EntityView view(PledgerEntity e, boolean insider, List<PledgerEntity> similar) {
        return new EntityView(e.id, e.version, e.name, e.acronym, e.stakeholderType, e.headquartersCountry,
                countries.find(e.headquartersCountry).map(Country::ituRegion).orElse(null),
                e.website, e.description, e.status, e.registeredAt, e.verifiedAt,
                insider ? new FocalPointView(e.focalPointName, e.focalPointEmail, e.focalPointPhone) : null,
                insider ? similar.stream().map(s -> new SimilarEntity(s.id, s.name, s.status)).toList() : null);
    }

    public MemberView member(Membership m) {
        return new MemberView(m.id, m.subject, m.email, m.displayName, m.role, m.isActive(), m.addedAt);
    }

    public PartnerClientView partnerClient(PartnerClient c) {
        return new PartnerClientView(c.clientId, c.boundAt, c.boundBy);
    }

    public HistoryView history(EntityHistoryEntry h) {
        return new HistoryView(h.action, h.fromStatus, h.toStatus, h.actor, h.at, h.reason);
    }
}
