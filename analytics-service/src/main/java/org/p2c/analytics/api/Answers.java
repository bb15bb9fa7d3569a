package org.p2c.analytics.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answers of the analytics API: figures as of a date, each saying how fresh its projections are. */
public final class Answers {

    private Answers() {
    }

    @Schema(name = "Freshness", description = "How fresh the projections are: when the last event was applied, and the newest change it carried")
    public record Freshness(Instant lastEventAppliedAt, Instant lastChangeAt) {
    }

    @Schema(name = "StakeholderShare")
    public record Share(String stakeholderType, long count, @Schema(example = "23.37") BigDecimal sharePercent) {
    }

    @Schema(name = "Breakdown", description = "Counted pledges in one category; a pledge in several categories counts in each")
    public record Breakdown(String key, long pledges, @Schema(example = "5600000000.00") String valueUsd, long reportedPledges) {
    }

    @Schema(name = "KeyCount")
    public record KeyCount(String key, long count) {
    }

    @Schema(name = "GoalProgress")
    public record Goal(@Schema(example = "100000000000") String goalUsd, @Schema(example = "51.08") BigDecimal percent) {
    }

    @Schema(name = "Figures", description = "The headline figures of a scope (WORLD or an ITU region) as of a date, with their breakdowns")
    public record Figures(String scope, LocalDate asOf, Freshness freshness, long pledges, String estimatedValueUsd,
                          long entities, List<Share> entitiesByStakeholderType, long pledgerCountries,
                          long reportedPledges, long reportingEntities, Goal goal,
                          List<Breakdown> byFocusArea, List<Breakdown> byPillar, List<Breakdown> byType,
                          List<Breakdown> byUnGroup, List<Breakdown> bySdg) {
    }

    @Schema(name = "Change")
    public record Change(long pledges, String estimatedValueUsd, long entities, long pledgerCountries,
                         long reportedPledges, long reportingEntities) {
    }

    @Schema(name = "Comparison", description = "The same headline figures at two dates, and the change from the first to the second")
    public record Comparison(String scope, Freshness freshness, Figures first, Figures second, Change change) {
    }

    @Schema(name = "MonthPoint", description = "Counted pledges and their value at the end of a month (or at asOf in its month)")
    public record MonthPoint(String month, LocalDate asOf, long pledges, String valueUsd, long pledgesChange,
                             String valueUsdChange) {
    }

    @Schema(name = "TimeSeries")
    public record TimeSeries(String scope, LocalDate asOf, Freshness freshness, List<MonthPoint> months) {
    }

    @Schema(name = "EndDates")
    public record EndDates(long endedBeforeAsOf, long endedBeforeAsOfWithReports, int year, long endingInYear,
                           List<KeyCount> endingLaterByYear, long withoutEndDate) {
    }

    @Schema(name = "CountryBrief", description = "Counted pledges whose countries include the country (GLOBAL pledges do not target it)")
    public record CountryBrief(String country, LocalDate asOf, Freshness freshness, long pledges, String estimatedValueUsd,
                               long entities, long pledgerCountries, long reportedPledges,
                               @Schema(example = "12.00") BigDecimal reportedSharePercent,
                               List<KeyCount> pledgesByStakeholderType, List<KeyCount> reportedPledgesByStakeholderType,
                               List<KeyCount> completionStatus, EndDates endDates, List<KeyCount> targets,
                               List<KeyCount> challengeCategories, List<KeyCount> solutionCategories) {
    }

    @Schema(name = "Standing", description = "Counted pledges by reporting standing")
    public record Standing(String key, long upToDate, long due, long overdue) {
    }

    @Schema(name = "ReportingCompliance")
    public record Compliance(LocalDate asOf, Freshness freshness, long upToDate, long due, long overdue,
                             List<Standing> byStakeholderType, List<Standing> byRegion) {
    }

    @Schema(name = "Rebuild")
    public record Rebuild(long eventsReplayed, long millis, Freshness freshness) {
    }
}
