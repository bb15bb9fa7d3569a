package org.p2c.pledge.domain;

import java.time.Instant;
import java.util.UUID;

/** An entity invited into a joint pledge with a role; it counts as a collaborator once its people accept. */
public record Collaborator(UUID entityId, Role role, Answer status, Instant invitedAt, String invitedBy,
                           Instant answeredAt, String answeredBy) {

    public enum Role { ENDORSE, IMPLEMENT, SCALE }

    public enum Answer { INVITED, ACCEPTED, DECLINED }

    public Collaborator answered(Answer answer, Instant at, String actor) {
        return new Collaborator(entityId, role, answer, invitedAt, invitedBy, at, actor);
    }
}
