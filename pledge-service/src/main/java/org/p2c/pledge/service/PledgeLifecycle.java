package org.p2c.pledge.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.p2c.pledge.api.PledgeRequests.NewPledge;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.pledge.domain.Collaborator;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.pledge.domain.P2cTarget;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeAction;
import org.p2c.pledge.domain.PledgeHistoryEntry;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.pledge.domain.PledgeType;
import org.p2c.pledge.domain.Places;
import org.p2c.pledge.events.PledgeEvents;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Versions;
import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The pledge use cases that change something: each commits its change, its history line and its event together. */
@ApplicationScoped
public class PledgeLifecycle {

    /**
     * Where a pledge's content sits in the request, so that the rules checked here name a field as bean validation
     * does, from the request's root: the body itself (PUT of a pledge), or its {@code content} field (a new pledge,
     * an item of a partner's batch or of a legacy import).
     */
    public static final String CONTENT_IS_BODY = "";
    public static final String CONTENT_FIELD = "content";

    private final Pledgers pledgers;
    private final PledgeAccess access;
    private final PledgeEvents events;
    private final EntityManager em;
    private final Places places;
    private final PledgeContentWriter contents;
    private final ObjectMapper json;

    public PledgeLifecycle(Pledgers pledgers, PledgeAccess access, PledgeEvents events, EntityManager em,
                           Places places, PledgeContentWriter contents, ObjectMapper json) {
        this.pledgers = pledgers;
        this.access = access;
        this.events = events;
        this.em = em;
        this.places = places;
        this.contents = contents;
        this.json = json;
    }

    @Transactional
    public Pledge draft(NewPledge request, Caller caller) {
        KnownEntity pledger = pledgers.requireActingFor(request.pledgerEntityId(), "pledgerEntityId", caller);
        check(request.content(), CONTENT_FIELD);
        Instant now = Pledge.now();
        Pledge pledge = new Pledge();
        pledge.id = UUID.randomUUID();
        pledge.pledgerEntityId = pledger.id;
        pledge.status = PledgeStatus.DRAFT;
        pledge.createdAt = now;
        pledge.createdBy = caller.actor();
        pledge.updatedAt = now;
        contents.write(pledge, request.content(), CONTENT_FIELD);
        pledge.persist();
        PledgeHistoryEntry.record(pledge, PledgeAction.DRAFTED, null, caller.actor(), null);
        events.changed(pledge, PledgeAction.DRAFTED);
        return pledge;
    }

    /**
     * Edits a draft or a returned pledge; on a validated pledge the edit is its pending revision. {@code contentAt}:
     * where the content sits in the request ({@link #CONTENT_IS_BODY} or {@link #CONTENT_FIELD}).
     */
    @Transactional
    public Pledge edit(UUID id, PledgeContent content, String contentAt, String ifMatch, Caller caller) {
        Pledge pledge = access.load(id, caller);
        access.requirePledger(pledge, caller);
        Versions.requireMatch(ifMatch, pledge.version);
        check(content, contentAt);
        PledgeAction action = PledgeAction.EDITED.on(pledge.status);
        if (action == PledgeAction.REVISION_EDITED) {
            pledge.transition(action, Pledge.now());
            pledge.pendingRevision = toJson(content);
            return recorded(pledge, action, PledgeStatus.VALIDATED, caller, null);
        }
        PledgeStatus from = pledge.status;
        pledge.transition(action, Pledge.now());
        contents.write(pledge, content, contentAt);
        return recorded(pledge, action, from, caller, null);
    }

    /** Pledger actions (submit, withdraw) and Secretariat decisions (validate, return, reject). */
    @Transactional
    public Pledge act(UUID id, PledgeAction requested, String comment, Caller caller) {
        return act(id, requested, comment, CONTENT_IS_BODY, caller);
    }

    /**
     * As {@link #act(UUID, PledgeAction, String, Caller)}, for a request that carries the pledge's content at
     * {@code contentAt} (a partner's batch item that submits what it saved): what is missing is named there.
     */
    @Transactional
    public Pledge act(UUID id, PledgeAction requested, String comment, String contentAt, Caller caller) {
        Pledge pledge = access.load(id, caller);
        if (requested.actor() == PledgeAction.Actor.SECRETARIAT) {
            access.requireSecretariat(caller);
        } else {
            access.requirePledger(pledge, caller);
        }
        PledgeAction action = requested.on(pledge.status);
        PledgeStatus from = pledge.status;
        pledge.requireAllowed(action);
        switch (action) {
            case SUBMITTED_FOR_VALIDATION -> {
                requireComplete(pledge, contentAt);
                if (pledge.reference == null) {
                    pledge.reference = nextReference();
                }
            }
            case REVISION_SUBMITTED -> {
                // The revision must be as complete as a first submission.
                PledgeContent content = pendingContent(pledge);
                Pledge revised = new Pledge();
                check(content, contentAt);
                contents.write(revised, content, contentAt);
                requireComplete(revised, contentAt);
            }
            case VALIDATED_BY_SECRETARIAT, REVISION_VALIDATED -> requireVerified(pledge);
            default -> {
            }
        }
        PledgeContent revision = action == PledgeAction.REVISION_VALIDATED ? pendingContent(pledge) : null;
        pledge.transition(action, Pledge.now());
        if (revision != null) {
            check(revision, CONTENT_IS_BODY);
            contents.write(pledge, revision, CONTENT_IS_BODY);
        }
        return recorded(pledge, action, from, caller, comment);
    }

    /** Invites another entity into the pledge with a role (the pledger's people); re-inviting after a decline is fine. */
    @Transactional
    public Pledge invite(UUID id, UUID entityId, Collaborator.Role role, Caller caller) {
        Pledge pledge = access.load(id, caller);
        access.requirePledger(pledge, caller);
        if (entityId.equals(pledge.pledgerEntityId)) {
            throw ProblemException.invalidField(422, "entityId", "the pledger entity cannot collaborate on its own pledge");
        }
        pledgers.requireKnown(entityId, "entityId");
        Collaborator existing = collaborator(pledge, entityId);
        if (existing != null && existing.status() != Collaborator.Answer.DECLINED) {
            throw ProblemException.conflict("Entity " + entityId + " is already " + existing.status().name().toLowerCase());
        }
        Instant now = Pledge.now();
        pledge.transition(PledgeAction.COLLABORATOR_INVITED, now);
        List<Collaborator> collaborators = new ArrayList<>(pledge.collaborators);
        collaborators.remove(existing);
        collaborators.add(new Collaborator(entityId, role, Collaborator.Answer.INVITED, now, caller.actor(), null, null));
        pledge.collaborators = collaborators;
        return recorded(pledge, PledgeAction.COLLABORATOR_INVITED, pledge.status, caller, role + " by " + entityId,
                collaborator(pledge, entityId));
    }

    /** The invited entity's people accept or decline. */
    @Transactional
    public Pledge answer(UUID id, UUID entityId, boolean accept, Caller caller) {
        Pledge pledge = access.load(id, caller);
        Collaborator invited = collaborator(pledge, entityId);
        if (invited == null) {
            throw ProblemException.notFound("Invitation of entity " + entityId);
        }
        if (!pledgers.actsFor(entityId, caller)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Only the invited entity's people may answer");
        }
        if (invited.status() != Collaborator.Answer.INVITED) {
            throw ProblemException.conflict("The invitation was already " + invited.status().name().toLowerCase());
        }
        PledgeAction action = accept ? PledgeAction.COLLABORATION_ACCEPTED : PledgeAction.COLLABORATION_DECLINED;
        Instant now = Pledge.now();
        pledge.transition(action, now);
        List<Collaborator> collaborators = new ArrayList<>(pledge.collaborators);
        collaborators.set(collaborators.indexOf(invited), invited.answered(
                accept ? Collaborator.Answer.ACCEPTED : Collaborator.Answer.DECLINED, now, caller.actor()));
        pledge.collaborators = collaborators;
        return recorded(pledge, action, pledge.status, caller, String.valueOf(entityId), collaborator(pledge, entityId));
    }

    private static Collaborator collaborator(Pledge pledge, UUID entityId) {
        return pledge.collaborators.stream().filter(c -> c.entityId().equals(entityId)).findFirst().orElse(null);
    }

    private void requireVerified(Pledge pledge) {
        KnownEntity entity = KnownEntity.findById(pledge.pledgerEntityId);
        if (entity == null || !entity.isVerified()) {
            throw ProblemException.conflict("The pledger entity is not verified; verify it before validating its pledges");
        }
    }

    private Pledge recorded(Pledge pledge, PledgeAction action, PledgeStatus from, Caller caller, String comment) {
        return recorded(pledge, action, from, caller, comment, null);
    }

    /** The event carries the Secretariat's comment on its decisions (mailed to the pledger), never a pledger's. */
    private Pledge recorded(Pledge pledge, PledgeAction action, PledgeStatus from, Caller caller, String comment,
                            Collaborator collaboration) {
        PledgeHistoryEntry.record(pledge, action, from, caller.actor(), comment);
        String decisionComment = action.actor() == PledgeAction.Actor.SECRETARIAT ? comment : null;
        events.changed(pledge, action, decisionComment, collaboration);
        return pledge;
    }

    public PledgeContent pendingContent(Pledge pledge) {
        try {
            return json.readValue(pledge.pendingRevision, PledgeContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pending revision of pledge " + pledge.id + " is unreadable", e);
        }
    }

    private String toJson(PledgeContent content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String nextReference() {
        int year = Year.now(ZoneOffset.UTC).getValue();
        Number number = (Number) em.createNativeQuery("""
                        insert into pledge_reference_counter (year, last) values (?1, 1)
                        on conflict (year) do update set last = pledge_reference_counter.last + 1
                        returning last""")
                .setParameter(1, year).getSingleResult();
        return "P2C-%d-%05d".formatted(year, number.intValue());
    }

    /**
     * Rules across fields that hold for drafts too, and a 422 when the reference rates cannot value the financial value
     * (also for a revision, which is stored before anything is derived from it). Violations name their field from the
     * request's root: {@code contentAt} is where the content sits in it.
     */
    void check(PledgeContent c, String contentAt) {
        List<Problem.Violation> violations = new ArrayList<>();
        List<String> countries = c.countries() == null ? List.of() : c.countries();
        for (int i = 0; i < countries.size(); i++) {
            if (!places.isKnown(countries.get(i))) {
                violations.add(new Problem.Violation(field(contentAt, "countries[" + i + "]"), "is not a country of the catalogue (ISO 3166-1 alpha-3)"));
            }
        }
        boolean places = !countries.isEmpty() || (c.regions() != null && !c.regions().isEmpty());
        if (c.global() && places) {
            violations.add(new Problem.Violation(field(contentAt, "global"), "a GLOBAL pledge names no countries or regions"));
        }
        if (c.global() && c.primaryRegion() != null) {
            violations.add(new Problem.Violation(field(contentAt, "primaryRegion"), "a GLOBAL pledge has no primary region"));
        }
        List<String> targets = c.targets() == null ? List.of() : c.targets();
        for (int i = 0; i < targets.size(); i++) {
            if (P2cTarget.findById(targets.get(i)) == null) {
                violations.add(new Problem.Violation(field(contentAt, "targets[" + i + "]"), "is not a code of the P2C targets catalogue"));
            }
        }
        if (c.startDate() != null && c.endDate() != null && c.endDate().isBefore(c.startDate())) {
            violations.add(new Problem.Violation(field(contentAt, "endDate"), "must not be before startDate"));
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    violations.size() + " field(s) are invalid", violations);
        }
        contents.value(c, contentAt);
    }

    /** The path of a field of the content in the request. */
    static String field(String contentAt, String name) {
        return contentAt.isEmpty() ? name : contentAt + "." + name;
    }

    /**
     * What a pledge needs before the Secretariat can look at it: a 422 lists what is missing, named as the content's
     * fields at {@code contentAt} of the request (the pledge's own content when the request carries none).
     */
    private static void requireComplete(Pledge p, String contentAt) {
        List<Problem.Violation> missing = new ArrayList<>();
        if (p.description == null || p.description.isBlank()) {
            missing.add(new Problem.Violation(field(contentAt, "description"), "is required to submit"));
        }
        if (p.expectedImpact == null || p.expectedImpact.isBlank()) {
            missing.add(new Problem.Violation(field(contentAt, "expectedImpact"), "is required to submit"));
        }
        if (!p.global && p.countries.isEmpty() && p.regions.isEmpty()) {
            missing.add(new Problem.Violation(field(contentAt, "countries"), "name countries or regions, or mark the pledge GLOBAL"));
        }
        if (!p.global && p.primaryRegion == null) {
            missing.add(new Problem.Violation(field(contentAt, "primaryRegion"), "is required to submit a pledge that is not GLOBAL"));
        }
        if (p.types.contains(PledgeType.FINANCIAL.name()) && p.financialValue == null) {
            missing.add(new Problem.Violation(field(contentAt, "financialValue"), "is required to submit a FINANCIAL pledge"));
        }
        if (p.startDate == null) {
            missing.add(new Problem.Violation(field(contentAt, "startDate"), "is required to submit"));
        }
        if (p.endDate == null) {
            missing.add(new Problem.Violation(field(contentAt, "endDate"), "is required to submit"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(422, "incomplete-pledge", "Pledge incomplete",
                    "The pledge cannot be submitted until these fields are filled in", missing);
        }
    }
}
