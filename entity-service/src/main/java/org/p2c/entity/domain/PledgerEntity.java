package org.p2c.entity.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.p2c.support.problem.ProblemException;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A pledger organisation: its profile, its status, its people and the partner systems that act for it. */
@Entity
@Table(name = "pledger_entity")
public class PledgerEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    public long version;

    @Column(nullable = false)
    public String name;

    /** Lower-case letters and digits of the name, for duplicate detection and search. */
    @Column(name = "name_key", nullable = false)
    public String nameKey;

    public String acronym;

    @Enumerated(EnumType.STRING)
    @Column(name = "stakeholder_type", nullable = false)
    public StakeholderType stakeholderType;

    @Column(name = "headquarters_country", nullable = false)
    public String headquartersCountry;

    public String website;

    public String description;

    @Column(name = "focal_point_name", nullable = false)
    public String focalPointName;

    @Column(name = "focal_point_email", nullable = false)
    public String focalPointEmail;

    @Column(name = "focal_point_phone")
    public String focalPointPhone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EntityStatus status;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @OneToMany(mappedBy = "entity", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
    @OrderBy("addedAt")
    public List<Membership> members = new ArrayList<>();

    @OneToMany(mappedBy = "entity", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
    @OrderBy("boundAt")
    public List<PartnerClient> partnerClients = new ArrayList<>();

    public static String nameKeyOf(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    public void rename(String newName) {
        this.name = newName.trim();
        this.nameKey = nameKeyOf(newName);
    }

    /** Moves to the action's status; an action the current status does not allow is a 409. */
    public void transition(EntityAction action, Instant at) {
        if (!action.allowedFrom(status)) {
            throw ProblemException.conflict("An entity that is " + status + " cannot be " + action.name().toLowerCase());
        }
        if (action.target() != null) {
            status = action.target();
        }
        if (action == EntityAction.VERIFIED && verifiedAt == null) {
            verifiedAt = at;
        }
        updatedAt = at;
    }

    public Optional<Membership> activeMembershipOf(String subject) {
        return members.stream().filter(m -> m.isActive() && subject != null && subject.equals(m.subject)).findFirst();
    }

    public boolean hasFocalPoint(String subject) {
        return activeMembershipOf(subject).map(m -> m.role == MemberRole.FOCAL_POINT).orElse(false);
    }

    public boolean isBoundTo(String clientId) {
        return partnerClients.stream().anyMatch(c -> c.clientId.equals(clientId));
    }

    public boolean isPublic() {
        return status == EntityStatus.VERIFIED;
    }
}
