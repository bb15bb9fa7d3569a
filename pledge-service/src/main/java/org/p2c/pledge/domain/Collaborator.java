package org.p2c.pledge.domain;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An entity invited into a joint pledge with a role; it counts as a collaborator once its people accept. */
public record Collaborator(UUID entityId, Role role, Answer status, Instant invitedAt, String invitedBy,
                           Instant answeredAt, String answeredBy) {

    @Schema(name = "CollaboratorRole")
    public enum Role { ENDORSE, IMPLEMENT, SCALE }

    @Schema(name = "CollaboratorAnswer")
    public enum Answer { INVITED, ACCEPTED, DECLINED }

    public Collaborator answered(Answer answer, Instant at, String actor) {
        return new Collaborator(entityId, role, answer, invitedAt, invitedBy, at, actor);
    }
}
