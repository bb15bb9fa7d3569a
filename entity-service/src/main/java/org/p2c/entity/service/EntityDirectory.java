package org.p2c.entity.service;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.p2c.entity.domain.EntityHistoryEntry;
import org.p2c.entity.domain.EntityStatus;
import org.p2c.entity.domain.Membership;
import org.p2c.entity.domain.PledgerEntity;
import org.p2c.entity.domain.StakeholderType;
import org.p2c.entity.domain.reference.Country;
import org.p2c.entity.domain.reference.CountryCatalogue;
import org.p2c.entity.domain.reference.ItuRegion;
import org.p2c.support.api.Caller;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.PageView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** The entity use cases that only read; visibility is part of every query, never a filter applied afterwards. */
@ApplicationScoped
public class EntityDirectory {

    private static final Map<String, String> SORTABLE = Map.of(
            "name", "nameKey", "registeredAt", "registeredAt", "headquartersCountry", "headquartersCountry");

    private final EntityAccess access;
    private final CountryCatalogue countries;

    public EntityDirectory(EntityAccess access, CountryCatalogue countries) {
        this.access = access;
        this.countries = countries;
    }

    /** Search filters; null means "any". */
    public record Filters(String q, List<StakeholderType> stakeholderTypes, List<String> countries,
                          List<ItuRegion> ituRegions, Boolean ldc, Boolean lldc, Boolean sids,
                          List<EntityStatus> statuses) {
    }

    @Transactional
    public PageView<PledgerEntity> search(Filters f, Integer page, Integer size, String sort, Caller caller) {
        PageRequest request = PageRequest.of(page, size, sort, SORTABLE.keySet(), "name");
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        visibility(caller, where, params);
        if (f.q() != null && !f.q().isBlank()) {
            where.add("(e.nameKey like :q or lower(e.acronym) like :qa)");
            params.and("q", "%" + PledgerEntity.nameKeyOf(f.q()) + "%").and("qa", "%" + f.q().trim().toLowerCase() + "%");
        }
        if (notEmpty(f.stakeholderTypes())) {
            where.add("e.stakeholderType in :types");
            params.and("types", f.stakeholderTypes());
        }
        if (notEmpty(f.statuses())) {
            where.add("e.status in :statuses");
            params.and("statuses", f.statuses());
        }
        List<Predicate<Country>> countryConditions = new ArrayList<>();
        if (notEmpty(f.countries())) {
            countryConditions.add(c -> f.countries().contains(c.alpha3()));
        }
        if (notEmpty(f.ituRegions())) {
            countryConditions.add(c -> f.ituRegions().contains(c.ituRegion()));
        }
        if (f.ldc() != null) {
            countryConditions.add(c -> c.ldc() == f.ldc());
        }
        if (f.lldc() != null) {
            countryConditions.add(c -> c.lldc() == f.lldc());
        }
        if (f.sids() != null) {
            countryConditions.add(c -> c.sids() == f.sids());
        }
        if (!countryConditions.isEmpty()) {
            // Regions and UN groups are properties of the country: resolve them to country codes first.
            where.add("e.headquartersCountry in :countries");
            params.and("countries", countries.codesWhere(countryConditions.stream().reduce(c -> true, Predicate::and)));
        }
        String query = "from PledgerEntity e where " + String.join(" and ", where);
        Sort order = Sort.by(SORTABLE.get(request.sortField()),
                request.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending).and("id");
        var found = PledgerEntity.<PledgerEntity>find(query, order, params).page(request.page(), request.size());
        return PageView.of(found.list(), request, found.count());
    }

    private static void visibility(Caller caller, List<String> where, Parameters params) {
        if (caller.isSecretariat() || caller.isAdmin()) {
            where.add("1 = 1");
        } else if (caller.partnerClientId().isPresent()) {
            where.add("(e.status = :public or exists (select 1 from PartnerClient c where c.entity = e and c.clientId = :client))");
            params.and("public", EntityStatus.VERIFIED).and("client", caller.partnerClientId().get());
        } else if (!caller.isAnonymous()) {
            where.add("(e.status = :public or exists (select 1 from Membership m where m.entity = e and m.subject = :subject))");
            params.and("public", EntityStatus.VERIFIED).and("subject", caller.subject());
        } else {
            where.add("e.status = :public");
            params.and("public", EntityStatus.VERIFIED);
        }
    }

    @Transactional
    public PledgerEntity get(UUID id, Caller caller) {
        PledgerEntity entity = EntityRegistry.load(id);
        access.requireVisible(entity, caller);
        return entity;
    }

    /** Other entities with the same name in the same country, shown to insiders so duplicates are not accepted twice. */
    @Transactional
    public List<PledgerEntity> similarTo(PledgerEntity entity) {
        return PledgerEntity.list("nameKey = ?1 and headquartersCountry = ?2 and id <> ?3",
                entity.nameKey, entity.headquartersCountry, entity.id);
    }

    @Transactional
    public List<Membership> members(UUID id, Caller caller) {
        PledgerEntity entity = EntityRegistry.load(id);
        access.requireInsider(entity, caller);
        return List.copyOf(entity.members);
    }

    @Transactional
    public List<org.p2c.entity.domain.PartnerClient> partnerClients(UUID id, Caller caller) {
        PledgerEntity entity = EntityRegistry.load(id);
        access.requireInsider(entity, caller);
        return List.copyOf(entity.partnerClients);
    }

    @Transactional
    public List<EntityHistoryEntry> history(UUID id, Caller caller) {
        PledgerEntity entity = EntityRegistry.load(id);
        access.requireInsider(entity, caller);
        return EntityHistoryEntry.list("entityId", Sort.by("seq"), id);
    }

    @Transactional
    public List<Membership> membershipsOf(Caller caller) {
        return Membership.list("subject = ?1", Sort.by("addedAt"), caller.subject());
    }

    @Transactional
    public boolean isInsider(PledgerEntity entity, Caller caller) {
        return access.isInsider(entity, caller);
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
