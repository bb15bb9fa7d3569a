package org.p2c.pledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.p2c.pledge.domain.Collaborator;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeAction;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.support.api.Caller;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.PageView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A pledger's desk: every pledge of the entities the caller acts for, in every status, and the invitations waiting for
 * those entities. Who acts for which entity is {@link Pledgers}' rule (active members and the bound partner client,
 * from pledge-service's view of p2c.entities.v1), written here as the query's first condition so that no parameter can
 * widen it: a filter naming another entity narrows the answer to nothing, it never shows that entity's pledges.
 */
@ApplicationScoped
public class PledgerDesk {

    /** At most this many invitations are listed (oldest first); an entity is rarely invited into more. */
    public static final int MAX_INVITATIONS = PageRequest.MAX_SIZE;

    private static final Set<PledgeStatus> ANSWERABLE = Set.of(PledgeStatus.DRAFT, PledgeStatus.SUBMITTED,
            PledgeStatus.RETURNED_FOR_REVISION, PledgeStatus.VALIDATED);

    /** The Secretariat's last return of the pledge (or of its revision), shown while the pledger revises. */
    public record Returned(String comment, Instant at) {
    }

    public record Entry(Pledge pledge, Returned lastReturn) {
    }

    /** An invitation waiting for one of the caller's entities to answer. */
    public record Invitation(Pledge pledge, Collaborator invitation, KnownEntity pledger) {
    }

    public record Desk(PageView<Entry> page, Map<PledgeStatus, Long> byStatus, long pendingRevisions,
                       List<Invitation> invitations) {
    }

    private final EntityManager em;

    public PledgerDesk(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Desk of(Caller caller, List<PledgeStatus> statuses, List<UUID> pledgerEntityIds, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, Set.of("updatedAt"), "updatedAt,desc");
        Map<String, Object> params = new LinkedHashMap<>();
        String mine = "p.pledger_entity_id in (" + callersEntities(caller, params) + ")";
        List<String> where = new ArrayList<>(List.of(mine));
        if (pledgerEntityIds != null && !pledgerEntityIds.isEmpty()) {
            where.add("p.pledger_entity_id in (:entities)");
            params.put("entities", pledgerEntityIds);
        }
        List<String> listed = new ArrayList<>(where);
        Map<String, Object> listParams = new LinkedHashMap<>(params);
        if (statuses != null && !statuses.isEmpty()) {
            listed.add("p.status in (:statuses)");
            listParams.put("statuses", statuses.stream().map(Enum::name).toList());
        }
        String filter = " from pledge p where " + String.join(" and ", listed);
        Query select = em.createNativeQuery("select p.*" + filter + " order by p.updated_at desc, p.id desc", Pledge.class)
                .setFirstResult(request.offset()).setMaxResults(request.size());
        listParams.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Pledge> pledges = select.getResultList();
        Query count = em.createNativeQuery("select count(*)" + filter);
        listParams.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        Map<UUID, Returned> returns = lastReturns(pledges);
        List<Entry> entries = pledges.stream().map(p -> new Entry(p, returns.get(p.id))).toList();

        String counted = " from pledge p where " + String.join(" and ", where);
        Query byStatus = em.createNativeQuery("select p.status, count(*)" + counted + " group by p.status");
        params.forEach(byStatus::setParameter);
        Map<PledgeStatus, Long> counts = new EnumMap<>(PledgeStatus.class);
        for (PledgeStatus status : PledgeStatus.values()) {
            counts.put(status, 0L);
        }
        for (Object row : byStatus.getResultList()) {
            Object[] cells = (Object[]) row;
            counts.put(PledgeStatus.valueOf((String) cells[0]), ((Number) cells[1]).longValue());
        }
        Query revisions = em.createNativeQuery("select count(*)" + counted + " and p.status = 'VALIDATED' and p.revision_status is not null");
        params.forEach(revisions::setParameter);
        long pendingRevisions = ((Number) revisions.getSingleResult()).longValue();
        return new Desk(PageView.of(entries, request, total), counts, pendingRevisions,
                invitations(caller, pledgerEntityIds));
    }

    /**
     * The ids of the entities the caller acts for, as a subquery: a partner system's one entity, or a person's
     * memberships. A caller who is neither (no subject) acts for none.
     */
    private static String callersEntities(Caller caller, Map<String, Object> params) {
        var client = caller.partnerClientId();
        if (client.isPresent()) {
            params.put("client", client.get());
            return "select c.entity_id from known_partner_client c where c.client_id = :client";
        }
        if (caller.subject() == null) {
            return "select cast(null as uuid) where false";
        }
        params.put("subject", caller.subject());
        return "select m.entity_id from known_member m where m.subject = :subject";
    }

    /** The comment and time of the Secretariat's last return, for the pledges being revised after one. */
    private Map<UUID, Returned> lastReturns(List<Pledge> pledges) {
        List<UUID> revising = pledges.stream().filter(p -> p.status == PledgeStatus.RETURNED_FOR_REVISION
                || p.revision() == PledgeAction.Revision.RETURNED_FOR_REVISION).map(p -> p.id).toList();
        if (revising.isEmpty()) {
            return Map.of();
        }
        Query last = em.createNativeQuery("select distinct on (h.pledge_id) h.pledge_id, h.comment, h.at from pledge_history h "
                + "where h.pledge_id in (:ids) and h.action in ('RETURNED_FOR_REVISION_BY_SECRETARIAT', 'REVISION_RETURNED') "
                + "order by h.pledge_id, h.seq desc");
        last.setParameter("ids", revising);
        Map<UUID, Returned> returns = new HashMap<>();
        for (Object row : last.getResultList()) {
            Object[] cells = (Object[]) row;
            returns.put((UUID) cells[0], new Returned((String) cells[1], toInstant(cells[2])));
        }
        return returns;
    }

    private static Instant toInstant(Object cell) {
        if (cell instanceof Instant i) {
            return i;
        }
        if (cell instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) cell).toInstant();
    }

    /** Invitations still unanswered, of the caller's entities (narrowed like the pledges), oldest first. */
    private List<Invitation> invitations(Caller caller, List<UUID> pledgerEntityIds) {
        Map<String, Object> params = new LinkedHashMap<>();
        String entities = callersEntities(caller, params);
        Query mineQuery = em.createNativeQuery(entities);
        params.forEach(mineQuery::setParameter);
        Set<UUID> mine = new HashSet<>();
        for (Object id : mineQuery.getResultList()) {
            mine.add((UUID) id);
        }
        if (pledgerEntityIds != null && !pledgerEntityIds.isEmpty()) {
            mine.retainAll(pledgerEntityIds);
        }
        if (mine.isEmpty()) {
            return List.of();
        }
        Query select = em.createNativeQuery("select p.* from pledge p where p.status in (:answerable) and exists ("
                + "select 1 from jsonb_array_elements(p.collaborators) c where c->>'status' = 'INVITED' "
                + "and c->>'entityId' in (:invited))", Pledge.class);
        select.setParameter("answerable", ANSWERABLE.stream().map(Enum::name).toList());
        select.setParameter("invited", mine.stream().map(UUID::toString).toList());
        @SuppressWarnings("unchecked")
        List<Pledge> pledges = select.getResultList();
        Map<UUID, KnownEntity> pledgers = pledges.isEmpty() ? Map.of()
                : KnownEntity.<KnownEntity>list("id in ?1", pledges.stream().map(p -> p.pledgerEntityId).distinct().toList())
                .stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
        return pledges.stream()
                .flatMap(p -> p.collaborators.stream()
                        .filter(c -> c.status() == Collaborator.Answer.INVITED && mine.contains(c.entityId()))
                        .map(c -> new Invitation(p, c, pledgers.get(p.pledgerEntityId))))
                .sorted(Comparator.comparing((Invitation i) -> i.invitation().invitedAt(),
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(i -> i.pledge().id))
                .limit(MAX_INVITATIONS)
                .toList();
    }
}
