package org.p2c.support.entityview;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MappedSuperclass;
import org.p2c.support.api.Caller;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A service's own view of the pledger entities, kept from {@code p2c.entities.v1}: who acts for an entity (its
 * active members, its bound partner clients), its stakeholder type and status. Opt-in: a service that needs it
 * declares {@code @Entity @Table(name = "known_entity") class KnownEntity extends EntityView}, creates the tables in
 * its own migrations (known_entity, known_member, known_partner_client) and hands its entity events to
 * {@link #apply}. Each service keeps the view in its own database; nothing here reads another service's tables.
 */
@MappedSuperclass
public abstract class EntityView extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The entity's version of the last event applied; an event with a version not above it is stale. */
    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public String name;

    @Column(name = "stakeholder_type", nullable = false)
    public String stakeholderType;

    @Column(name = "headquarters_country", nullable = false)
    public String headquartersCountry;

    @Column(nullable = false)
    public String status;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "known_member", joinColumns = @JoinColumn(name = "entity_id"))
    public Set<Member> members = new HashSet<>();

    @ElementCollection
    @CollectionTable(name = "known_partner_client", joinColumns = @JoinColumn(name = "entity_id"))
    @Column(name = "client_id")
    public Set<String> partnerClients = new HashSet<>();

    @Embeddable
    public record Member(String subject, String role) {
    }

    public boolean hasMember(String subject) {
        return subject != null && members.stream().anyMatch(m -> subject.equals(m.subject()));
    }

    /** A partner client acts for the entity it is bound to; a person for the entities it is an active member of. */
    public boolean actsFor(Caller caller) {
        if (caller.isAnonymous()) {
            return false;
        }
        return caller.partnerClientId().map(partnerClients::contains).orElseGet(() -> hasMember(caller.subject()));
    }

    /** What a service keeps beyond the common columns, from the event's data. */
    protected void take(JsonObject data) {
    }

    /**
     * Applies an entity event to the view. Each event carries the entity's whole state and its version, so applying
     * is a replace, and an event whose version is not newer than the view's (a redelivery, or one overtaken by a
     * later event) changes nothing.
     */
    public static <T extends EntityView> void apply(JsonObject data, Class<T> type, Supplier<T> create) {
        UUID id = UUID.fromString(data.getString("id"));
        long version = data.getLong("version");
        T known = Panache.getEntityManager(type).find(type, id);
        if (known != null && known.version >= version) {
            return;
        }
        T entity = known != null ? known : create.get();
        entity.id = id;
        entity.version = version;
        entity.name = data.getString("name");
        entity.stakeholderType = data.getString("stakeholderType");
        entity.headquartersCountry = data.getString("headquartersCountry");
        entity.status = data.getString("status");
        entity.updatedAt = Instant.parse(data.getString("updatedAt"));
        entity.members.clear();
        JsonArray members = data.getJsonArray("members", new JsonArray());
        for (int i = 0; i < members.size(); i++) {
            JsonObject m = members.getJsonObject(i);
            entity.members.add(new Member(m.getString("subject"), m.getString("role")));
        }
        entity.partnerClients.clear();
        data.getJsonArray("partnerClients", new JsonArray()).forEach(c -> entity.partnerClients.add((String) c));
        entity.take(data);
        entity.persist();
    }

    /**
     * Before a rebuild of the view from the topic (service-support's {@code Rebuilds}): every entity's version is set
     * back to 0, so that the first event the replay brings replaces the row, and each later one in turn, up to the
     * newest. The rows stay meanwhile, so the view keeps answering (an entity the replay has not reached yet as it
     * stood, one it is going through as of an older event for a moment); an event the live consumer applies meanwhile
     * raises the version again, and the replay's older events of that entity then change nothing.
     */
    public static void replaceableByReplay() {
        Panache.getEntityManager().createNativeQuery("update known_entity set version = 0").executeUpdate();
    }

    /** After the replay: an entity no event brought back (not on the topic) leaves the view, its members with it. */
    public static void dropNotReplayed() {
        Panache.getEntityManager().createNativeQuery("delete from known_entity where version = 0").executeUpdate();
    }
}
