package org.p2c.pledge.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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

    /** The ITU regions the pledger named. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "named_regions", nullable = false)
    public List<String> namedRegions = new ArrayList<>();

    /** The named regions, the primary region and the ITU regions of the countries (what the explorer and analytics count). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> regions = new ArrayList<>();

    /** True when one of the countries is a least developed country (likewise LLDC and SIDS). */
    @Column(nullable = false)
    public boolean ldc;

    @Column(nullable = false)
    public boolean lldc;

    @Column(nullable = false)
    public boolean sids;

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

    @Embedded
    public FinancialValue financialValue;

    /** Invited, accepting and declining collaborator entities. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Collaborator> collaborators = new ArrayList<>();

    /** How many revisions have been validated (1 for the first validated content). */
    @Column(nullable = false)
    public int revision = 1;

    /** The content of a revision of a validated pledge awaiting the Secretariat (JSON of the content request). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pending_revision")
    public String pendingRevision;

    @Enumerated(EnumType.STRING)
    @Column(name = "revision_status")
    public PledgeAction.Revision revisionStatus;

    @Column(name = "revised_at")
    public Instant revisedAt;

    /** When the pending revision was submitted: it waits in the Secretariat's queue from then. */
    @Column(name = "revision_submitted_at")
    public Instant revisionSubmittedAt;

    @Column(nullable = false)
    public boolean imported;

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
        requireAllowed(action);
        if (action.target() != null) {
            status = action.target();
        }
        switch (action) {
            case SUBMITTED_FOR_VALIDATION -> submittedAt = at;
            case VALIDATED_BY_SECRETARIAT -> validatedAt = validatedAt == null ? at : validatedAt;
            case WITHDRAWN_BY_PLEDGER -> {
                withdrawnAt = at;
                discardRevision();
            }
            case REVISION_EDITED -> revisionStatus = PledgeAction.Revision.DRAFT;
            case REVISION_SUBMITTED -> {
                revisionStatus = PledgeAction.Revision.SUBMITTED;
                revisionSubmittedAt = at;
            }
            case REVISION_RETURNED -> revisionStatus = PledgeAction.Revision.RETURNED_FOR_REVISION;
            case REVISION_REJECTED -> discardRevision();
            case REVISION_VALIDATED -> {
                revision++;
                revisedAt = at;
                discardRevision();
            }
            default -> {
            }
        }
        updatedAt = at;
    }

    /** An action the status (or the pending revision's status) does not allow is a 409. */
    public void requireAllowed(PledgeAction action) {
        if (!action.allowedFrom(status, revision())) {
            String what = action.eventType().split("\\.")[2].replace('-', ' ');
            throw ProblemException.conflict(action.isRevision()
                    ? "A validated pledge whose revision is " + revision() + " cannot have its " + what
                    : "A pledge that is " + status + " cannot be " + what);
        }
    }

    public PledgeAction.Revision revision() {
        return revisionStatus == null ? PledgeAction.Revision.NONE : revisionStatus;
    }

    private void discardRevision() {
        pendingRevision = null;
        revisionStatus = null;
        revisionSubmittedAt = null;
    }

    /** The time of a change as PostgreSQL keeps it (microseconds), so an event says what a later read says. */
    public static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public boolean isPublic() {
        return status == PledgeStatus.VALIDATED;
    }
}
