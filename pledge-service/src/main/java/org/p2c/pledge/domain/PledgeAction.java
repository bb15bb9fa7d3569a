package org.p2c.pledge.domain;

import java.util.Set;

import static org.p2c.pledge.domain.PledgeStatus.DRAFT;
import static org.p2c.pledge.domain.PledgeStatus.RETURNED_FOR_REVISION;
import static org.p2c.pledge.domain.PledgeStatus.SUBMITTED;
import static org.p2c.pledge.domain.PledgeStatus.VALIDATED;

/** Every transition of a pledge, from where it may happen, where it leads, and who performs it. */
public enum PledgeAction {
    DRAFTED(Set.of(), DRAFT, Actor.PLEDGER),
    EDITED(Set.of(DRAFT, RETURNED_FOR_REVISION), null, Actor.PLEDGER),
    SUBMITTED_FOR_VALIDATION(Set.of(DRAFT, RETURNED_FOR_REVISION), SUBMITTED, Actor.PLEDGER),
    VALIDATED_BY_SECRETARIAT(Set.of(SUBMITTED), VALIDATED, Actor.SECRETARIAT),
    RETURNED_FOR_REVISION_BY_SECRETARIAT(Set.of(SUBMITTED), RETURNED_FOR_REVISION, Actor.SECRETARIAT),
    REJECTED_BY_SECRETARIAT(Set.of(SUBMITTED), PledgeStatus.REJECTED, Actor.SECRETARIAT),
    WITHDRAWN_BY_PLEDGER(Set.of(VALIDATED), PledgeStatus.WITHDRAWN, Actor.PLEDGER);

    /** Who may perform an action: the pledger entity's members and partner client, or the Secretariat. */
    public enum Actor { PLEDGER, SECRETARIAT }

    private final Set<PledgeStatus> from;
    private final PledgeStatus to;
    private final Actor actor;

    PledgeAction(Set<PledgeStatus> from, PledgeStatus to, Actor actor) {
        this.from = from;
        this.to = to;
        this.actor = actor;
    }

    public boolean allowedFrom(PledgeStatus status) {
        return from.contains(status);
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
        };
        return "p2c.pledge." + verb + ".v1";
    }
}
