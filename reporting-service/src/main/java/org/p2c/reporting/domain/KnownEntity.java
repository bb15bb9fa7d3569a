package org.p2c.reporting.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A pledger entity as reporting-service knows it from {@code p2c.entities.v1}: who acts for it (its active members,
 * its partner clients) and its stakeholder type (a filter of the compliance list).
 */
@Entity
@Table(name = "known_entity")
public class KnownEntity extends PanacheEntityBase {

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
}
