package org.p2c.reporting.domain;

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
import org.p2c.support.money.UsdValue;
import org.p2c.support.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A progress report a pledger gives on one of its validated pledges. A draft is edited freely; once submitted it
 * never changes (a database trigger enforces it too): a correction is a new report that supersedes it, and both
 * stay in the pledge's report history.
 */
@Entity
@Table(name = "progress_report")
public class ProgressReport extends PanacheEntityBase {

    @Id
    public UUID id;

    @Version
    public long version;

    @Column(name = "pledge_id", nullable = false)
    public UUID pledgeId;

    @Column(name = "pledger_entity_id", nullable = false)
    public UUID pledgerEntityId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportStatus status;

    /** The submitted report this one corrects. */
    public UUID supersedes;

    /** The submitted correction that replaced this report. */
    @Column(name = "superseded_by")
    public UUID supersededBy;

    @Column(name = "superseded_at")
    public Instant supersededAt;

    @Column(name = "as_of_date", nullable = false)
    public LocalDate asOfDate;

    @Column(name = "period_start")
    public LocalDate periodStart;

    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Enumerated(EnumType.STRING)
    @Column(name = "completion_status", nullable = false)
    public CompletionStatus completionStatus;

    @Column(name = "percent_complete")
    public Integer percentComplete;

    @Column(name = "disbursed_amount")
    public BigDecimal disbursedAmount;

    @Column(name = "disbursed_currency")
    public String disbursedCurrency;

    @Column(name = "disbursed_value_date")
    public LocalDate disbursedValueDate;

    @Column(name = "disbursed_usd")
    public BigDecimal disbursedUsd;

    @Column(name = "disbursed_units_per_usd")
    public BigDecimal disbursedUnitsPerUsd;

    @Column(name = "disbursed_rate_source")
    public String disbursedRateSource;

    @Column(name = "people_reached")
    public Long peopleReached;

    public String achievements;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Challenge> challenges = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "challenge_categories", nullable = false)
    public List<String> challengeCategories = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Solution> solutions = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "solution_categories", nullable = false)
    public List<String> solutionCategories = new ArrayList<>();

    @Column(name = "revised_end_date")
    public LocalDate revisedEndDate;

    /** https links only; stored as given and never fetched by the service. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "evidence_links", nullable = false)
    public List<String> evidenceLinks = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "result_indicators", nullable = false)
    public List<ResultIndicator> resultIndicators = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isDraft() {
        return status == ReportStatus.DRAFT;
    }

    public UsdValue amountDisbursed() {
        return disbursedAmount == null ? null : new UsdValue(disbursedAmount, disbursedCurrency, disbursedValueDate,
                disbursedUsd, disbursedUnitsPerUsd, disbursedRateSource);
    }

    public void amountDisbursed(UsdValue value) {
        disbursedAmount = value == null ? null : value.amount();
        disbursedCurrency = value == null ? null : value.currency();
        disbursedValueDate = value == null ? null : value.valueDate();
        disbursedUsd = value == null ? null : value.usd();
        disbursedUnitsPerUsd = value == null ? null : value.unitsPerUsd();
        disbursedRateSource = value == null ? null : value.rateSource();
    }

    public void requireDraft() {
        if (!isDraft()) {
            throw ProblemException.conflict("A " + status + " report is immutable; correct it with a new report that supersedes it");
        }
    }

    public void submit(Instant at, String actor) {
        requireDraft();
        status = ReportStatus.SUBMITTED;
        submittedAt = at;
        submittedBy = actor;
        updatedAt = at;
    }

    public void supersededBy(ProgressReport correction, Instant at) {
        status = ReportStatus.SUPERSEDED;
        supersededBy = correction.id;
        supersededAt = at;
        updatedAt = at;
    }
}
