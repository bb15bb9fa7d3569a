package org.p2c.pledge.domain;

import java.util.Set;

import static org.p2c.pledge.domain.PledgeStatus.DRAFT;
import static org.p2c.pledge.domain.PledgeStatus.RETURNED_FOR_REVISION;
import static org.p2c.pledge.domain.PledgeStatus.SUBMITTED;
import static org.p2c.pledge.domain.PledgeStatus.VALIDATED;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every transition of a pledge, from where it may happen, where it leads, and who performs it. */
public enum PledgeAction {
    DRAFTED(Set.of(), DRAFT, Actor.PLEDGER),
    EDITED(Set.of(DRAFT, RETURNED_FOR_REVISION), null, Actor.PLEDGER),
    SUBMITTED_FOR_VALIDATION(Set.of(DRAFT, RETURNED_FOR_REVISION), SUBMITTED, Actor.PLEDGER),
    VALIDATED_BY_SECRETARIAT(Set.of(SUBMITTED), VALIDATED, Actor.SECRETARIAT),
    RETURNED_FOR_REVISION_BY_SECRETARIAT(Set.of(SUBMITTED), RETURNED_FOR_REVISION, Actor.SECRETARIAT),
    REJECTED_BY_SECRETARIAT(Set.of(SUBMITTED), PledgeStatus.REJECTED, Actor.SECRETARIAT),
    WITHDRAWN_BY_PLEDGER(Set.of(VALIDATED), PledgeStatus.WITHDRAWN, Actor.PLEDGER),
    // A validated pledge changes through revisions: the validated content stays public until the Secretariat
    // validates the pending revision. The second set says where the pending revision must stand (NONE: no revision).
    REVISION_EDITED(Set.of(VALIDATED), null, Actor.PLEDGER, Set.of(Revision.NONE, Revision.DRAFT, Revision.RETURNED_FOR_REVISION)),
    REVISION_SUBMITTED(Set.of(VALIDATED), null, Actor.PLEDGER, Set.of(Revision.DRAFT, Revision.RETURNED_FOR_REVISION)),
    REVISION_VALIDATED(Set.of(VALIDATED), null, Actor.SECRETARIAT, Set.of(Revision.SUBMITTED)),
    REVISION_RETURNED(Set.of(VALIDATED), null, Actor.SECRETARIAT, Set.of(Revision.SUBMITTED)),
    REVISION_REJECTED(Set.of(VALIDATED), null, Actor.SECRETARIAT, Set.of(Revision.SUBMITTED)),
    COLLABORATOR_INVITED(Set.of(DRAFT, SUBMITTED, RETURNED_FOR_REVISION, VALIDATED), null, Actor.PLEDGER),
    COLLABORATION_ACCEPTED(Set.of(DRAFT, SUBMITTED, RETURNED_FOR_REVISION, VALIDATED), null, Actor.COLLABORATOR),
    COLLABORATION_DECLINED(Set.of(DRAFT, SUBMITTED, RETURNED_FOR_REVISION, VALIDATED), null, Actor.COLLABORATOR),
    /** Taken over from the previous platform by the Secretariat, with its historical dates. */
    IMPORTED(Set.of(), null, Actor.SECRETARIAT);

    /** Who may perform an action: the pledger entity's people, a collaborator entity's people, or the Secretariat. */
    public enum Actor { PLEDGER, COLLABORATOR, SECRETARIAT }

    /** Where the pending revision of a validated pledge stands. */
    @Schema(name = "RevisionStatus")
    public enum Revision { NONE, DRAFT, SUBMITTED, RETURNED_FOR_REVISION }

    private final Set<PledgeStatus> from;
    private final PledgeStatus to;
    private final Actor actor;
    private final Set<Revision> revisionFrom;

    PledgeAction(Set<PledgeStatus> from, PledgeStatus to, Actor actor) {
        this(from, to, actor, null);
    }

    PledgeAction(Set<PledgeStatus> from, PledgeStatus to, Actor actor, Set<Revision> revisionFrom) {
        this.from = from;
        this.to = to;
        this.actor = actor;
        this.revisionFrom = revisionFrom;
    }

    public boolean allowedFrom(PledgeStatus status, Revision revision) {
        return from.contains(status) && (revisionFrom == null || revisionFrom.contains(revision));
    }

    public boolean isRevision() {
        return revisionFrom != null;
    }

    /**
     * What a pledger's edit or submission, or a Secretariat decision, means for this pledge: on a validated pledge
     * it acts on the pending revision.
     */
    public PledgeAction on(PledgeStatus status) {
        if (status != VALIDATED) {
            return this;
        }
        return switch (this) {
            case EDITED -> REVISION_EDITED;
            case SUBMITTED_FOR_VALIDATION -> REVISION_SUBMITTED;
            case VALIDATED_BY_SECRETARIAT -> REVISION_VALIDATED;
            case RETURNED_FOR_REVISION_BY_SECRETARIAT -> REVISION_RETURNED;
            case REJECTED_BY_SECRETARIAT -> REVISION_REJECTED;
            default -> this;
        };
    }

    public PledgeStatus target() {
        return to;
    }

    public Actor actor() {
        return actor;
    }

    /** The CloudEvents type on p2c.pledges.v1, e.g. {@code p2c.pledge.validated.v1}. */
    public String eventType() {
        String verb = switch (this) {
            case DRAFTED -> "drafted";
            case EDITED -> "edited";
            case SUBMITTED_FOR_VALIDATION -> "submitted";
            case VALIDATED_BY_SECRETARIAT -> "validated";
            case RETURNED_FOR_REVISION_BY_SECRETARIAT -> "returned";
            case REJECTED_BY_SECRETARIAT -> "rejected";
            case WITHDRAWN_BY_PLEDGER -> "withdrawn";
            case REVISION_EDITED -> "revision-edited";
            case REVISION_SUBMITTED -> "revision-submitted";
            case REVISION_VALIDATED -> "revision-validated";
            case REVISION_RETURNED -> "revision-returned";
            case REVISION_REJECTED -> "revision-rejected";
            case COLLABORATOR_INVITED -> "collaborator-invited";
            case COLLABORATION_ACCEPTED -> "collaboration-accepted";
            case COLLABORATION_DECLINED -> "collaboration-declined";
            case IMPORTED -> "imported";
        };
        return "p2c.pledge." + verb + ".v1";
    }
}
