package org.p2c.reporting.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A pledge as reporting-service knows it from {@code p2c.pledges.v1}: whose it is, whether it may be reported on
 * (validated and not withdrawn), since when it owes reports (its first validation), and where it is implemented.
 */
@Entity
@Table(name = "known_pledge")
public class KnownPledge extends PanacheEntityBase {

    public static final String VALIDATED = "VALIDATED";
    public static final String WITHDRAWN = "WITHDRAWN";

    @Id
    public UUID id;

    /** The pledge's version of the last event applied; an event with a version not above it is stale. */
    @Column(nullable = false)
    public long version;

    public String reference;

    @Column(name = "pledger_entity_id", nullable = false)
    public UUID pledgerEntityId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String title;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> countries = new ArrayList<>();

    /** Named regions plus the ITU regions of the countries. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> regions = new ArrayList<>();

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "validated_at")
    public Instant validatedAt;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isValidated() {
        return VALIDATED.equals(status);
    }

    /** What the public sees of pledges: validated ones (pledge-service hides withdrawn pledges too). */
    public boolean isPublic() {
        return isValidated();
    }
}
