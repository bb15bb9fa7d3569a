package org.p2c.pledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.p2c.pledge.domain.Pillar;
import org.p2c.pledge.domain.Pledge;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.PageView;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The public explorer: validated pledges only, filtered in SQL on indexed columns (GIN on the arrays and on the
 * full-text vector), never by loading pledges and filtering them in memory.
 */
@ApplicationScoped
public class PledgeExplorer {

    private static final Map<String, String> SORTABLE = Map.of(
            "validatedAt", "p.validated_at", "title", "lower(p.title)", "endDate", "p.end_date", "reference", "p.reference",
            "valueUsd", "p.value_usd");

    private final EntityManager em;
    private final ExplorerCounts counts;

    public PledgeExplorer(EntityManager em, ExplorerCounts counts) {
        this.em = em;
        this.counts = counts;
    }

    /** Filters; an empty list or null means "any". Several values of one filter match any of them. */
    public record Filters(String q, List<Pillar.FocusArea> focusAreas, List<Pillar> pillars, List<String> types,
                          List<String> stakeholderTypes, List<String> countries, List<String> regions,
                          List<Integer> sdgs, List<String> targets, Boolean ldc, Boolean lldc, Boolean sids,
                          BigDecimal minUsd, BigDecimal maxUsd, Integer endYear, List<UUID> pledgerEntityIds) {
    }

    @Transactional
    public PageView<Pledge> search(Filters f, Integer page, Integer size, String sort) {
        PageRequest request = PageRequest.of(page, size, sort, SORTABLE.keySet(), "validatedAt,desc");
        List<String> where = new ArrayList<>(List.of("p.status = 'VALIDATED'"));
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.q() != null && !f.q().isBlank()) {
            where.add("p.search @@ plainto_tsquery('simple', :q)");
            params.put("q", f.q());
        }
        List<Pillar> pillars = new ArrayList<>(f.pillars() == null ? List.of() : f.pillars());
        if (f.focusAreas() != null) {
            for (Pillar p : Pillar.values()) {
                if (f.focusAreas().contains(p.focusArea()) && !pillars.contains(p)) {
                    pillars.add(p);
                }
            }
        }
        overlap(where, params, "pillars", pillars.stream().map(Enum::name).toList());
        overlap(where, params, "types", f.types());
        overlap(where, params, "countries", f.countries());
        overlap(where, params, "regions", f.regions());
        overlap(where, params, "targets", f.targets());
        if (f.sdgs() != null && !f.sdgs().isEmpty()) {
            where.add("p.sdgs && cast(:sdgs as integer[])");
            params.put("sdgs", "{" + String.join(",", f.sdgs().stream().map(String::valueOf).toList()) + "}");
        }
        flag(where, "ldc", f.ldc());
        flag(where, "lldc", f.lldc());
        flag(where, "sids", f.sids());
        if (f.minUsd() != null) {
            where.add("p.value_usd >= :minUsd");
            params.put("minUsd", f.minUsd());
        }
        if (f.maxUsd() != null) {
            where.add("p.value_usd <= :maxUsd");
            params.put("maxUsd", f.maxUsd());
        }
        if (f.endYear() != null) {
            // A range, not extract(year …), so that the end-date index serves it.
            where.add("p.end_date >= make_date(:endYear, 1, 1) and p.end_date < make_date(:endYear + 1, 1, 1)");
            params.put("endYear", f.endYear());
        }
        if (f.pledgerEntityIds() != null && !f.pledgerEntityIds().isEmpty()) {
            where.add("p.pledger_entity_id in (:entities)");
            params.put("entities", f.pledgerEntityIds());
        }
        if (f.stakeholderTypes() != null && !f.stakeholderTypes().isEmpty()) {
            where.add("exists (select 1 from known_entity e where e.id = p.pledger_entity_id and e.stakeholder_type in (:stakeholderTypes))");
            params.put("stakeholderTypes", f.stakeholderTypes());
        }
        String filter = " from pledge p where " + String.join(" and ", where);
        String direction = request.descending() ? " desc" : " asc";
        String order = " order by " + SORTABLE.get(request.sortField()) + direction + " nulls last, p.id" + direction;
        Query select = em.createNativeQuery("select p.*" + filter + order, Pledge.class)
                .setFirstResult(request.offset()).setMaxResults(request.size());
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Pledge> items = select.getResultList();
        return PageView.of(items, request, counts.count(filter, params));
    }

    private static void flag(List<String> where, String column, Boolean wanted) {
        if (wanted != null) {
            where.add(wanted ? "p." + column : "not p." + column);
        }
    }

    /** {@code column && array[...]}: the pledge names at least one of the values. */
    private static void overlap(List<String> where, Map<String, Object> params, String column, List<String> values) {
        if (values != null && !values.isEmpty()) {
            where.add("p." + column + " && cast(:" + column + " as text[])");
            params.put(column, "{" + String.join(",", values) + "}");
        }
    }
}
