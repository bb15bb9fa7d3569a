package org.p2c.reporting.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.reporting.domain.Challenge;
import org.p2c.reporting.domain.CompletionStatus;
import org.p2c.reporting.domain.ResultIndicator;
import org.p2c.reporting.domain.Solution;
import org.p2c.support.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The bodies the report API accepts; rules across fields (dates, status vs percent) are checked by the use case. */
public final class ReportRequests {

    public static final int MAX_EVIDENCE_LINKS = 20;
    public static final int MAX_INDICATORS = 50;
    /** More people than live on Earth is a typing error, not a result. */
    public static final long MAX_PEOPLE_REACHED = 10_000_000_000L;

    private ReportRequests() {
    }

    @Schema(name = "ReportContent", description = "What a progress report says, as drafted or edited")
    public record ReportContent(
            @NotNull @Schema(example = "2025-06-30", description = "The date the report's figures hold on") LocalDate asOfDate,
            @Schema(example = "2024-07-01") LocalDate periodStart,
            @Schema(example = "2025-06-30") LocalDate periodEnd,
            @NotNull @Schema(example = "IN_PROGRESS") CompletionStatus completionStatus,
            @Min(0) @Max(100) @Schema(example = "42") Integer percentComplete,
            @Valid @Schema(description = "Amount disbursed so far, normalised to USD with the platform's reference rates")
            Money amountDisbursed,
            @PositiveOrZero @Max(MAX_PEOPLE_REACHED) @Schema(example = "120000") Long peopleReached,
            @Size(max = 10000) @Schema(example = "420 of 1,000 schools connected; 1,300 teachers trained") String achievements,
            @Size(max = 20) List<@NotNull @Valid Challenge> challenges,
            @Size(max = 20) List<@NotNull @Valid Solution> solutions,
            @Schema(example = "2027-06-30", description = "The pledge's end date as the pledger now expects it") LocalDate revisedEndDate,
            @Size(max = MAX_EVIDENCE_LINKS) @Schema(description = "https links to evidence; stored, never fetched by the platform")
            List<@NotNull @Size(max = 2000) @Pattern(regexp = "^https://\\S+$", message = "must be an https link") String> evidenceLinks,
            @Size(max = MAX_INDICATORS) List<@NotNull @Valid ResultIndicator> resultIndicators) {
    }

    @Schema(name = "NewReport")
    public record NewReport(
            @NotNull @Schema(description = "A validated pledge of an entity the caller acts for") UUID pledgeId,
            @Schema(description = "The submitted report this one corrects; it is superseded when this one is submitted")
            UUID supersedes,
            @NotNull @Valid ReportContent content) {
    }
}
