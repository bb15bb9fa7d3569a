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

    @Schema(name = "Freshness", description = "How fresh the projections are: when the last event was applied, and the newest change it carried",
            example = """
                    {"lastEventAppliedAt": "2026-11-29T04:58:12Z", "lastChangeAt": "2026-11-29T04:57:40Z"}""")
    public record Freshness(
            @Schema(nullable = true, description = "Null until the first event is applied") Instant lastEventAppliedAt,
            @Schema(nullable = true, description = "Null until an applied event carried a change") Instant lastChangeAt) {
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

    @Schema(name = "Figures", description = "The headline figures of a scope (WORLD or an ITU region) as of a date, with their breakdowns",
            example = """
                    {"scope": "WORLD", "asOf": "2026-11-28",
                     "freshness": {"lastEventAppliedAt": "2026-11-29T04:58:12Z", "lastChangeAt": "2026-11-29T04:57:40Z"},
                     "pledges": 1187, "estimatedValueUsd": "51080000000.00", "entities": 612,
                     "entitiesByStakeholderType": [{"stakeholderType": "GOVERNMENT", "count": 143, "sharePercent": 23.37},
                      {"stakeholderType": "PRIVATE_SECTOR", "count": 201, "sharePercent": 32.84},
                      {"stakeholderType": "UN_AGENCY", "count": 24, "sharePercent": 3.92},
                      {"stakeholderType": "INTERNATIONAL_OR_REGIONAL_ORGANIZATION", "count": 47, "sharePercent": 7.68},
                      {"stakeholderType": "CIVIL_SOCIETY_ACADEMIA_RESEARCH", "count": 152, "sharePercent": 24.84},
                      {"stakeholderType": "YOUTH_MEDIA_ENTERTAINMENT", "count": 18, "sharePercent": 2.94},
                      {"stakeholderType": "OTHER", "count": 27, "sharePercent": 4.41}],
                     "pledgerCountries": 139, "reportedPledges": 804, "reportingEntities": 377,
                     "goal": {"goalUsd": "100000000000", "percent": 51.08},
                     "byFocusArea": [{"key": "ACCELERATE", "pledges": 164, "valueUsd": "9120000000.00", "reportedPledges": 98},
                      {"key": "ACCESS", "pledges": 702, "valueUsd": "38400000000.00", "reportedPledges": 489},
                      {"key": "ADOPTION", "pledges": 531, "valueUsd": "17650000000.00", "reportedPledges": 366},
                      {"key": "VALUE_CREATION", "pledges": 248, "valueUsd": "6210000000.00", "reportedPledges": 151}],
                     "byPillar": [{"key": "AFFORDABILITY", "pledges": 143, "valueUsd": "4100000000.00", "reportedPledges": 92},
                      {"key": "APPS_AND_SERVICES", "pledges": 79, "valueUsd": "1230000000.00", "reportedPledges": 47},
                      {"key": "CYBERSECURITY", "pledges": 61, "valueUsd": "870000000.00", "reportedPledges": 38},
                      {"key": "DIGITAL_ECONOMY", "pledges": 121, "valueUsd": "3560000000.00", "reportedPledges": 72},
                      {"key": "INCLUSION", "pledges": 236, "valueUsd": "5400000000.00", "reportedPledges": 161},
                      {"key": "INFRASTRUCTURE", "pledges": 588, "valueUsd": "34900000000.00", "reportedPledges": 412},
                      {"key": "INNOVATION_AND_ENTREPRENEURSHIP", "pledges": 104, "valueUsd": "1950000000.00", "reportedPledges": 63},
                      {"key": "INNOVATIVE_FINANCING", "pledges": 97, "valueUsd": "7300000000.00", "reportedPledges": 55},
                      {"key": "INVESTOR_CONSTELLATION", "pledges": 38, "valueUsd": "2650000000.00", "reportedPledges": 21},
                      {"key": "LOCAL_CONTENT_AND_SERVICES", "pledges": 88, "valueUsd": "940000000.00", "reportedPledges": 57},
                      {"key": "PROJECT_VIABILITY", "pledges": 52, "valueUsd": "1480000000.00", "reportedPledges": 30},
                      {"key": "SKILLS", "pledges": 402, "valueUsd": "9800000000.00", "reportedPledges": 281}],
                     "byType": [{"key": "ADVOCACY", "pledges": 262, "valueUsd": "1250000000.00", "reportedPledges": 170},
                      {"key": "FINANCIAL", "pledges": 431, "valueUsd": "47600000000.00", "reportedPledges": 318},
                      {"key": "POLICY", "pledges": 198, "valueUsd": "310000000.00", "reportedPledges": 131},
                      {"key": "PROGRAMMATIC", "pledges": 689, "valueUsd": "19800000000.00", "reportedPledges": 472}],
                     "byUnGroup": [{"key": "LDC", "pledges": 512, "valueUsd": "14300000000.00", "reportedPledges": 341},
                      {"key": "LLDC", "pledges": 233, "valueUsd": "5120000000.00", "reportedPledges": 149},
                      {"key": "SIDS", "pledges": 118, "valueUsd": "1980000000.00", "reportedPledges": 71}],
                     "bySdg": [{"key": "1", "pledges": 96, "valueUsd": "2100000000.00", "reportedPledges": 60},
                      {"key": "4", "pledges": 377, "valueUsd": "8900000000.00", "reportedPledges": 264},
                      {"key": "5", "pledges": 142, "valueUsd": "1600000000.00", "reportedPledges": 93},
                      {"key": "8", "pledges": 208, "valueUsd": "6700000000.00", "reportedPledges": 133},
                      {"key": "9", "pledges": 655, "valueUsd": "36200000000.00", "reportedPledges": 458},
                      {"key": "10", "pledges": 121, "valueUsd": "2300000000.00", "reportedPledges": 77},
                      {"key": "17", "pledges": 233, "valueUsd": "9400000000.00", "reportedPledges": 150}]}""")
    public record Figures(String scope, LocalDate asOf, Freshness freshness, long pledges, String estimatedValueUsd,
                          long entities, List<Share> entitiesByStakeholderType, long pledgerCountries,
                          long reportedPledges, long reportingEntities, Goal goal,
                          List<Breakdown> byFocusArea, List<Breakdown> byPillar, List<Breakdown> byType,
                          List<Breakdown> byUnGroup, List<Breakdown> bySdg) {
    }

    @Schema(name = "ComparisonChange", example = """
            {"pledges": 3, "estimatedValueUsd": "55000000.00", "entities": 2, "pledgerCountries": 1, "reportedPledges": 3,
             "reportingEntities": 2}""")
    public record Change(long pledges, String estimatedValueUsd, long entities, long pledgerCountries,
                         long reportedPledges, long reportingEntities) {
    }

    @Schema(name = "Comparison", description = "The same headline figures at two dates, and the change from the first to the second",
            example = """
                    {"scope": "CIS", "freshness": {"lastEventAppliedAt": "2026-11-29T04:58:12Z", "lastChangeAt": "2026-11-29T04:57:40Z"},
                     "first": {"scope": "CIS", "asOf": "2025-12-31", "pledges": 14, "estimatedValueUsd": "310000000.00", "entities": 11,
                        "freshness": {"lastEventAppliedAt": "2026-11-29T04:58:12Z", "lastChangeAt": "2026-11-29T04:57:40Z"},
                        "entitiesByStakeholderType": [{"stakeholderType": "GOVERNMENT", "count": 4, "sharePercent": 36.36},
                                                       {"stakeholderType": "PRIVATE_SECTOR", "count": 4, "sharePercent": 36.36},
                                                       {"stakeholderType": "UN_AGENCY", "count": 1, "sharePercent": 9.09},
                                                       {"stakeholderType": "INTERNATIONAL_OR_REGIONAL_ORGANIZATION", "count": 1, "sharePercent": 9.09},
                                                       {"stakeholderType": "CIVIL_SOCIETY_ACADEMIA_RESEARCH", "count": 1, "sharePercent": 9.09},
                                                       {"stakeholderType": "YOUTH_MEDIA_ENTERTAINMENT", "count": 0, "sharePercent": 0.00},
                                                       {"stakeholderType": "OTHER", "count": 0, "sharePercent": 0.00}],
                        "pledgerCountries": 6, "reportedPledges": 9, "reportingEntities": 7,
                        "goal": {"goalUsd": "100000000000", "percent": 0.31},
                        "byFocusArea": [{"key": "ACCESS", "pledges": 11, "valueUsd": "280000000.00", "reportedPledges": 7},
                                         {"key": "ADOPTION", "pledges": 6, "valueUsd": "30000000.00", "reportedPledges": 4}],
                        "byPillar": [{"key": "AFFORDABILITY", "pledges": 3, "valueUsd": "45000000.00", "reportedPledges": 2},
                                      {"key": "INFRASTRUCTURE", "pledges": 9, "valueUsd": "235000000.00", "reportedPledges": 6},
                                      {"key": "SKILLS", "pledges": 6, "valueUsd": "30000000.00", "reportedPledges": 4}],
                        "byType": [{"key": "FINANCIAL", "pledges": 5, "valueUsd": "300000000.00", "reportedPledges": 4},
                                    {"key": "POLICY", "pledges": 2, "valueUsd": "0.00", "reportedPledges": 1},
                                    {"key": "PROGRAMMATIC", "pledges": 10, "valueUsd": "10000000.00", "reportedPledges": 6}],
                        "byUnGroup": [{"key": "LLDC", "pledges": 8, "valueUsd": "150000000.00", "reportedPledges": 5}],
                        "bySdg": [{"key": "4", "pledges": 5, "valueUsd": "30000000.00", "reportedPledges": 4},
                                   {"key": "9", "pledges": 11, "valueUsd": "280000000.00", "reportedPledges": 7}]},
                     "second": {"scope": "CIS", "asOf": "2026-11-28", "pledges": 17, "estimatedValueUsd": "365000000.00", "entities": 13,
                        "freshness": {"lastEventAppliedAt": "2026-11-29T04:58:12Z", "lastChangeAt": "2026-11-29T04:57:40Z"},
                        "entitiesByStakeholderType": [{"stakeholderType": "GOVERNMENT", "count": 5, "sharePercent": 38.46},
                                                       {"stakeholderType": "PRIVATE_SECTOR", "count": 5, "sharePercent": 38.46},
                                                       {"stakeholderType": "UN_AGENCY", "count": 1, "sharePercent": 7.69},
                                                       {"stakeholderType": "INTERNATIONAL_OR_REGIONAL_ORGANIZATION", "count": 1, "sharePercent": 7.69},
                                                       {"stakeholderType": "CIVIL_SOCIETY_ACADEMIA_RESEARCH", "count": 1, "sharePercent": 7.69},
                                                       {"stakeholderType": "YOUTH_MEDIA_ENTERTAINMENT", "count": 0, "sharePercent": 0.00},
                                                       {"stakeholderType": "OTHER", "count": 0, "sharePercent": 0.00}],
                        "pledgerCountries": 7, "reportedPledges": 12, "reportingEntities": 9,
                        "goal": {"goalUsd": "100000000000", "percent": 0.37},
                        "byFocusArea": [{"key": "ACCESS", "pledges": 13, "valueUsd": "325000000.00", "reportedPledges": 9},
                                         {"key": "ADOPTION", "pledges": 8, "valueUsd": "40000000.00", "reportedPledges": 6}],
                        "byPillar": [{"key": "AFFORDABILITY", "pledges": 3, "valueUsd": "45000000.00", "reportedPledges": 2},
                                      {"key": "INFRASTRUCTURE", "pledges": 11, "valueUsd": "280000000.00", "reportedPledges": 8},
                                      {"key": "SKILLS", "pledges": 8, "valueUsd": "40000000.00", "reportedPledges": 6}],
                        "byType": [{"key": "FINANCIAL", "pledges": 6, "valueUsd": "350000000.00", "reportedPledges": 5},
                                    {"key": "POLICY", "pledges": 2, "valueUsd": "0.00", "reportedPledges": 1},
                                    {"key": "PROGRAMMATIC", "pledges": 12, "valueUsd": "15000000.00", "reportedPledges": 9}],
                        "byUnGroup": [{"key": "LLDC", "pledges": 9, "valueUsd": "165000000.00", "reportedPledges": 6}],
                        "bySdg": [{"key": "4", "pledges": 7, "valueUsd": "40000000.00", "reportedPledges": 6},
                                   {"key": "9", "pledges": 13, "valueUsd": "325000000.00", "reportedPledges": 9}]},
                     "change": {"pledges": 3, "estimatedValueUsd": "55000000.00", "entities": 2, "pledgerCountries": 1,
                                "reportedPledges": 3, "reportingEntities": 2}}""")
    public record Comparison(String scope, Freshness freshness, Figures first, Figures second, Change change) {
    }

    @Schema(name = "MonthPoint", description = "Counted pledges and their value at the end of a month (or at asOf in its month)")
    public record MonthPoint(String month, LocalDate asOf, long pledges, String valueUsd, long pledgesChange,
                             String valueUsdChange) {
    }

    @Schema(name = "TimeSeries", example = """
            {"scope": "WORLD", "asOf": "2026-11-28",
             "freshness": {"lastEventAppliedAt": "2026-11-29T04:58:12Z", "lastChangeAt": "2026-11-29T04:57:40Z"},
             "months": [
              {"month": "2026-09", "asOf": "2026-09-30", "pledges": 1152, "valueUsd": "49870000000.00", "pledgesChange": 21,
               "valueUsdChange": "640000000.00"},
              {"month": "2026-10", "asOf": "2026-10-31", "pledges": 1171, "valueUsd": "50520000000.00", "pledgesChange": 19,
               "valueUsdChange": "650000000.00"},
              {"month": "2026-11", "asOf": "2026-11-28", "pledges": 1187, "valueUsd": "51080000000.00", "pledgesChange": 16,
               "valueUsdChange": "560000000.00"}]}""")
    public record TimeSeries(String scope, LocalDate asOf, Freshness freshness, List<MonthPoint> months) {
    }

    @Schema(name = "EndDates")
    public record EndDates(long endedBeforeAsOf, long endedBeforeAsOfWithReports, int year, long endingInYear,
                           List<KeyCount> endingLaterByYear, long withoutEndDate) {
    }

    @Schema(name = "CountryBrief", description = "Counted pledges whose countries include the country (GLOBAL pledges do not target it)",
            example = """
                    {"country": "KHM", "asOf": "2026-11-28",
                     "freshness": {"lastEventAppliedAt": "2026-11-29T04:58:12Z", "lastChangeAt": "2026-11-29T04:57:40Z"},
                     "pledges": 23,
                     "estimatedValueUsd": "412500000.00", "entities": 17, "pledgerCountries": 9, "reportedPledges": 14,
                     "reportedSharePercent": 60.87,
                     "pledgesByStakeholderType": [{"key": "GOVERNMENT", "count": 8},
                                                  {"key": "PRIVATE_SECTOR", "count": 7},
                                                  {"key": "UN_AGENCY", "count": 3},
                                                  {"key": "INTERNATIONAL_OR_REGIONAL_ORGANIZATION", "count": 2},
                                                  {"key": "CIVIL_SOCIETY_ACADEMIA_RESEARCH", "count": 2},
                                                  {"key": "YOUTH_MEDIA_ENTERTAINMENT", "count": 0},
                                                  {"key": "OTHER", "count": 1}],
                     "reportedPledgesByStakeholderType": [{"key": "GOVERNMENT", "count": 6},
                                                          {"key": "PRIVATE_SECTOR", "count": 4},
                                                          {"key": "UN_AGENCY", "count": 2},
                                                          {"key": "INTERNATIONAL_OR_REGIONAL_ORGANIZATION", "count": 1},
                                                          {"key": "CIVIL_SOCIETY_ACADEMIA_RESEARCH", "count": 1},
                                                          {"key": "YOUTH_MEDIA_ENTERTAINMENT", "count": 0},
                                                          {"key": "OTHER", "count": 0}],
                     "completionStatus": [{"key": "NOT_STARTED", "count": 0},
                                          {"key": "PLANNING_PHASE", "count": 2},
                                          {"key": "IN_PROGRESS", "count": 9},
                                          {"key": "COMPLETED", "count": 3},
                                          {"key": "DISCONTINUED", "count": 0}],
                     "endDates": {"endedBeforeAsOf": 4, "endedBeforeAsOfWithReports": 3, "year": 2026, "endingInYear": 5,
                                  "endingLaterByYear": [{"key": "2027", "count": 6}, {"key": "2028", "count": 5},
                                                        {"key": "2030", "count": 2}], "withoutEndDate": 1},
                     "targets": [{"key": "ACC-SCHOOLS", "count": 9},
                                 {"key": "ACC-INTERNET-USE", "count": 7},
                                 {"key": "ADO-DIGITAL-SKILLS-MINIMUM", "count": 6},
                                 {"key": "ACC-HOUSEHOLDS", "count": 4}],
                     "challengeCategories": [{"key": "NATURAL_DISASTERS", "count": 5},
                                             {"key": "FINANCIAL", "count": 3},
                                             {"key": "TECHNICAL", "count": 3},
                                             {"key": "REGULATORY", "count": 1}],
                     "solutionCategories": [{"key": "PARTNERSHIPS", "count": 6}, {"key": "FUNDING", "count": 3}, {"key": "TECHNOLOGY", "count": 2}]}""")
    public record CountryBrief(String country, LocalDate asOf, Freshness freshness, long pledges, String estimatedValueUsd,
                               long entities, long pledgerCountries, long reportedPledges,
                               @Schema(example = "12.00") BigDecimal reportedSharePercent,
                               List<KeyCount> pledgesByStakeholderType, List<KeyCount> reportedPledgesByStakeholderType,
                               List<KeyCount> completionStatus, EndDates endDates, List<KeyCount> targets,
                               List<KeyCount> challengeCategories, List<KeyCount> solutionCategories) {
    }

    @Schema(name = "ReportingStandingCount", description = "Counted pledges by reporting standing")
    public record Standing(String key, long upToDate, long due, long overdue) {
    }

    @Schema(name = "ReportingCompliance", example = """
            {"asOf": "2026-11-28",
             "freshness": {"lastEventAppliedAt": "2026-11-29T04:58:12Z", "lastChangeAt": "2026-11-29T04:57:40Z"},
             "upToDate": 912, "due": 64, "overdue": 211,
             "byStakeholderType": [{"key": "GOVERNMENT", "upToDate": 301, "due": 21, "overdue": 77},
              {"key": "PRIVATE_SECTOR", "upToDate": 322, "due": 24, "overdue": 58},
              {"key": "UN_AGENCY", "upToDate": 61, "due": 4, "overdue": 9},
              {"key": "INTERNATIONAL_OR_REGIONAL_ORGANIZATION", "upToDate": 88, "due": 6, "overdue": 19},
              {"key": "CIVIL_SOCIETY_ACADEMIA_RESEARCH", "upToDate": 109, "due": 7, "overdue": 38},
              {"key": "YOUTH_MEDIA_ENTERTAINMENT", "upToDate": 14, "due": 1, "overdue": 5},
              {"key": "OTHER", "upToDate": 17, "due": 1, "overdue": 5}],
             "byRegion": [{"key": "AFRICA", "upToDate": 341, "due": 22, "overdue": 83},
              {"key": "AMERICAS", "upToDate": 168, "due": 9, "overdue": 27},
              {"key": "ARAB_STATES", "upToDate": 97, "due": 6, "overdue": 21},
              {"key": "ASIA_PACIFIC", "upToDate": 286, "due": 19, "overdue": 64},
              {"key": "CIS", "upToDate": 12, "due": 1, "overdue": 3},
              {"key": "EUROPE", "upToDate": 74, "due": 4, "overdue": 11}]}""")
    public record Compliance(LocalDate asOf, Freshness freshness, long upToDate, long due, long overdue,
                             List<Standing> byStakeholderType, List<Standing> byRegion) {
    }
}
