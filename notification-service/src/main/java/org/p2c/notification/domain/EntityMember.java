package org.p2c.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** One active member (focal point or member) of a known entity, by OIDC subject. */
@Entity
@Table(name = "entity_member")
@IdClass(EntityMember.Key.class)
public class EntityMember extends PanacheEntityBase {

    public record Key(UUID entityId, String subject) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "entity_id")
    public UUID entityId;

    @Id
    public String subject;

    @Column(nullable = false)
    public String role;

    public static List<String> subjectsOf(UUID entityId) {
        return find("entityId = ?1 order by subject", entityId).<EntityMember>list().stream().map(m -> m.subject).toList();
    }
}
