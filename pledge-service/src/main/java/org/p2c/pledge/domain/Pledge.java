package org.p2c.pledge.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.p2c.support.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A pledge of a pledger entity under the Action Framework, and where it stands in its lifecycle. */
@Entity
@Table(name = "pledge")
public class Pledge extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    public long version;

    /** {@code P2C-<year>-<5 digits>}, given on first submission; stable afterwards. */
    public String reference;

    @Column(name = "pledger_entity_id", nullable = false)
    public UUID pledgerEntityId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PledgeStatus status;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "expected_impact")
    public String expectedImpact;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> types = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> pillars = new ArrayList<>();

    /** True for a pledge that targets the whole world rather than named countries or regions. */
    @Column(name = "is_global", nullable = false)
    public boolean global;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> countries = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> regions = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "primary_region")
    public ItuRegion primaryRegion;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "beneficiary_groups", nullable = false)
    public List<String> beneficiaryGroups = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<Integer> sdgs = new ArrayList<>();

    /** Codes of the P2C targets catalogue. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> targets = new ArrayList<>();

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    /** First validation: a later revision does not move it (analytics counts from here). */
    @Column(name = "validated_at")
    public Instant validatedAt;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Moves along the lifecycle; an action the current status does not allow is a 409. */
    public void transition(PledgeAction action, Instant at) {
        if (!action.allowedFrom(status)) {
            throw ProblemException.conflict("A pledge that is " + status + " cannot be "
                    + action.eventType().split("\\.")[2]);
        }
        if (action.target() != null) {
            status = action.target();
        }
        switch (action) {
            case SUBMITTED_FOR_VALIDATION -> submittedAt = at;
            case VALIDATED_BY_SECRETARIAT -> validatedAt = validatedAt == null ? at : validatedAt;
            case WITHDRAWN_BY_PLEDGER -> withdrawnAt = at;
            default -> {
            }
        }
        updatedAt = at;
    }

    public boolean isPublic() {
        return status == PledgeStatus.VALIDATED;
    }
}
