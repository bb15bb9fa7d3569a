package org.p2c.pledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.support.api.DayRange;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.PageView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Secretariat's queue: what awaits its decision — submitted pledges and the submitted revisions of validated
 * ones — oldest first. What may appear is fixed in the query's first condition, whatever the filters: a draft, a
 * returned or decided pledge, a validated one without a submitted revision never matches it.
 */
@ApplicationScoped
public class DecisionQueue {

    /** What waits: a pledge submitted (or submitted again after a return), or the revision of a validated pledge. */
    public enum Kind { SUBMITTED_PLEDGE, PENDING_REVISION }

    public record Filters(List<String> stakeholderTypes, List<String> countries, List<String> regions,
                          List<String> pillars, List<UUID> pledgerEntityIds, DayRange submitted, Kind kind) {
    }

    /** One thing awaiting a decision, with the pledger entity as pledge-service knows it (null if not yet). */
    public record Entry(Pledge pledge, Kind kind, Instant waitingSince, KnownEntity pledger) {
    }

    /**
     * The page, and under the same filters (the kind aside) how many pledges stand in each status the Secretariat
     * sees, and how many revisions wait.
     */
    public record Queue(PageView<Entry> page, Map<PledgeStatus, Long> byStatus, long pendingRevisions) {
    }

    static final String AWAITING = "(p.status = 'SUBMITTED' or (p.status = 'VALIDATED' and p.revision_status = 'SUBMITTED'))";
    private static final String WAITING_SINCE =
            "(case when p.status = 'SUBMITTED' then p.submitted_at else p.revision_submitted_at end)";
    private static final Set<String> SORTABLE = Set.of("waitingSince");

    private final EntityManager em;

    public DecisionQueue(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Queue list(Filters f, Integer page, Integer size, String sort) {
        PageRequest request = PageRequest.of(page, size, sort, SORTABLE, "waitingSince,asc");
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        contentFilters(f, where, params);
        List<String> queueWhere = new ArrayList<>(where);
        queueWhere.add(0, AWAITING);
        if (f.kind() == Kind.SUBMITTED_PLEDGE) {
            queueWhere.add("p.status = 'SUBMITTED'");
        } else if (f.kind() == Kind.PENDING_REVISION) {
            queueWhere.add("p.status = 'VALIDATED'");
        }
        if (f.submitted().start() != null) {
            queueWhere.add(WAITING_SINCE + " >= :submittedFrom");
            params.put("submittedFrom", f.submitted().start());
        }
        if (f.submitted().end() != null) {
            queueWhere.add(WAITING_SINCE + " < :submittedBefore");
            params.put("submittedBefore", f.submitted().end());
        }
        String filter = " from pledge p where " + String.join(" and ", queueWhere);
        String direction = request.descending() ? " desc" : " asc";
        Query select = em.createNativeQuery("select p.*" + filter + " order by " + WAITING_SINCE + direction
                        + ", p.id" + direction, Pledge.class)
                .setFirstResult(request.offset()).setMaxResults(request.size());
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Pledge> pledges = select.getResultList();
        Query count = em.createNativeQuery("select count(*)" + filter);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();

        Map<UUID, KnownEntity> pledgers = pledges.isEmpty() ? Map.of()
                : KnownEntity.<KnownEntity>list("id in ?1", pledges.stream().map(p -> p.pledgerEntityId).distinct().toList())
                .stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
        List<Entry> entries = pledges.stream().map(p -> p.status == PledgeStatus.SUBMITTED
                        ? new Entry(p, Kind.SUBMITTED_PLEDGE, p.submittedAt, pledgers.get(p.pledgerEntityId))
                        : new Entry(p, Kind.PENDING_REVISION, p.revisionSubmittedAt, pledgers.get(p.pledgerEntityId)))
                .toList();
        return counted(PageView.of(entries, request, total), where, params, f.submitted());
    }

    /** Counts under the content filters and the submission days (a pledge's or its waiting revision's). */
    private Queue counted(PageView<Entry> page, List<String> where, Map<String, Object> params, DayRange submitted) {
        List<String> seen = new ArrayList<>(where);
        // The Secretariat never sees drafts, not even as a number.
        seen.add(0, "p.status <> 'DRAFT'");
        Map<String, Object> countParams = new LinkedHashMap<>(params);
        countParams.remove("submittedFrom");
        countParams.remove("submittedBefore");
        String days = "";
        if (submitted.start() != null) {
            days += " and p.submitted_at >= :submittedFrom";
            countParams.put("submittedFrom", submitted.start());
        }
        if (submitted.end() != null) {
            days += " and p.submitted_at < :submittedBefore";
            countParams.put("submittedBefore", submitted.end());
        }
        Query byStatus = em.createNativeQuery("select p.status, count(*) from pledge p where "
                + String.join(" and ", seen) + days + " group by p.status");
        countParams.forEach(byStatus::setParameter);
        Map<PledgeStatus, Long> counts = new EnumMap<>(PledgeStatus.class);
        for (PledgeStatus status : PledgeStatus.values()) {
            if (status != PledgeStatus.DRAFT) {
                counts.put(status, 0L);
            }
        }
        for (Object row : byStatus.getResultList()) {
            Object[] cells = (Object[]) row;
            counts.put(PledgeStatus.valueOf((String) cells[0]), ((Number) cells[1]).longValue());
        }
        String revisionDays = days.replace("p.submitted_at", "p.revision_submitted_at");
        Query revisions = em.createNativeQuery("select count(*) from pledge p where p.status = 'VALIDATED' "
                + "and p.revision_status = 'SUBMITTED'" + (where.isEmpty() ? "" : " and " + String.join(" and ", where))
                + revisionDays);
        countParams.forEach(revisions::setParameter);
        return new Queue(page, counts, ((Number) revisions.getSingleResult()).longValue());
    }

    /** What the pledge says and who made it: the filters the queue shares with its counts. */
    private static void contentFilters(Filters f, List<String> where, Map<String, Object> params) {
        overlap(where, params, "pillars", f.pillars());
        overlap(where, params, "countries", f.countries());
        overlap(where, params, "regions", f.regions());
        if (f.pledgerEntityIds() != null && !f.pledgerEntityIds().isEmpty()) {
            where.add("p.pledger_entity_id in (:entities)");
            params.put("entities", f.pledgerEntityIds());
        }
        if (f.stakeholderTypes() != null && !f.stakeholderTypes().isEmpty()) {
            where.add("exists (select 1 from known_entity e where e.id = p.pledger_entity_id and e.stakeholder_type in (:stakeholderTypes))");
            params.put("stakeholderTypes", f.stakeholderTypes());
        }
    }

    /** {@code column && array[...]}: the pledge names at least one of the values. */
    static void overlap(List<String> where, Map<String, Object> params, String column, List<String> values) {
        if (values != null && !values.isEmpty()) {
            where.add("p." + column + " && cast(:" + column + " as text[])");
            params.put(column, "{" + String.join(",", values) + "}");
        }
    }
}
