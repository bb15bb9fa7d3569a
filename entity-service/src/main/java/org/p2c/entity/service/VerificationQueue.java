package org.p2c.entity.service;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.p2c.entity.domain.EntityStatus;
import org.p2c.entity.domain.PledgerEntity;
import org.p2c.entity.domain.StakeholderType;
import org.p2c.entity.domain.reference.CountryCatalogue;
import org.p2c.entity.domain.reference.ItuRegion;
import org.p2c.support.api.DayRange;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.PageView;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entities awaiting the Secretariat's verification, oldest registration first. An entity enters the status
 * PENDING_VERIFICATION only by its registration, so it has waited since it was registered.
 */
@ApplicationScoped
public class VerificationQueue {

    public record Filters(List<StakeholderType> stakeholderTypes, List<String> countries, List<ItuRegion> ituRegions,
                          DayRange registered) {
    }

    /** The page, and how many entities stand in each status under the same filters. */
    public record Queue(PageView<PledgerEntity> page, Map<EntityStatus, Long> byStatus) {
    }

    private final CountryCatalogue countries;
    private final EntityManager em;

    public VerificationQueue(CountryCatalogue countries, EntityManager em) {
        this.countries = countries;
        this.em = em;
    }

    @Transactional
    public Queue list(Filters f, Integer page, Integer size, String sort) {
        PageRequest request = PageRequest.of(page, size, sort, Set.of("registeredAt"), "registeredAt,asc");
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (f.stakeholderTypes() != null && !f.stakeholderTypes().isEmpty()) {
            where.add("e.stakeholderType in :types");
            params.and("types", f.stakeholderTypes());
        }
        if (f.countries() != null && !f.countries().isEmpty()) {
            where.add("e.headquartersCountry in :countries");
            params.and("countries", f.countries());
        }
        if (f.ituRegions() != null && !f.ituRegions().isEmpty()) {
            where.add("e.headquartersCountry in :regionCountries");
            params.and("regionCountries", countries.codesWhere(c -> f.ituRegions().contains(c.ituRegion())));
        }
        if (f.registered().start() != null) {
            where.add("e.registeredAt >= :registeredFrom");
            params.and("registeredFrom", f.registered().start());
        }
        if (f.registered().end() != null) {
            where.add("e.registeredAt < :registeredBefore");
            params.and("registeredBefore", f.registered().end());
        }
        List<String> pending = new ArrayList<>(where);
        pending.add(0, "e.status = :pending");
        Parameters pendingParams = Parameters.with("pending", EntityStatus.PENDING_VERIFICATION);
        params.map().forEach(pendingParams::and);
        Sort order = Sort.by("registeredAt", request.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending)
                .and("id", request.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending);
        var found = PledgerEntity.<PledgerEntity>find("from PledgerEntity e where " + String.join(" and ", pending),
                order, pendingParams).page(request.page(), request.size());
        PageView<PledgerEntity> pageView = PageView.of(found.list(), request, found.count());

        var byStatus = em.createQuery("select e.status, count(e) from PledgerEntity e"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " group by e.status", Object[].class);
        params.map().forEach(byStatus::setParameter);
        Map<EntityStatus, Long> counts = new EnumMap<>(EntityStatus.class);
        for (EntityStatus status : EntityStatus.values()) {
            counts.put(status, 0L);
        }
        for (Object[] row : byStatus.getResultList()) {
            counts.put((EntityStatus) row[0], ((Number) row[1]).longValue());
        }
        return new Queue(pageView, counts);
    }
}
