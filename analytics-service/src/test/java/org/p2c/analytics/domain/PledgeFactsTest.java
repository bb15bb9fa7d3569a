package org.p2c.analytics.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What one pledge adds to the figures, day by day: summed up to a date it must say what the pledge is on that date. */
class PledgeFactsTest {

    static final LocalDate VALIDATED = LocalDate.of(2023, 3, 10);

    static PledgeFacts pledge(LocalDate withdrawn, List<LocalDate> reportDays) {
        return pledge(withdrawn, null, reportDays.stream()
                .map(day -> report(day, null, "IN_PROGRESS", List.of(), List.of())).toList());
    }

    static PledgeFacts pledge(LocalDate withdrawn, LocalDate endDate, List<ReportFacts> reports) {
        return new PledgeFacts(UUID.randomUUID(), UUID.randomUUID(), VALIDATED, withdrawn,
                List.of(content(1, VALIDATED, "1000.00", List.of("KHM", "LAO"), List.of("ASIA_PACIFIC"), List.of("SKILLS"), endDate)),
                "GOVERNMENT", reports, TestSchedules.yearly(VALIDATED, reports.stream().map(ReportFacts::submittedDay).toList()));
    }

    static ValidatedContent content(int revision, LocalDate from, String usd, List<String> countries, List<String> regions,
                                    List<String> pillars, LocalDate endDate) {
        return new ValidatedContent(revision, revision, from, new BigDecimal(usd), countries, regions, List.of("FINANCIAL"),
                pillars, List.of("ADOPTION"), List.of("LDC"), List.of(4), List.of("ACC-SCHOOLS"), endDate);
    }

    static ReportFacts report(LocalDate submitted, LocalDate superseded, String completion, List<String> challenges,
                              List<String> solutions) {
        return new ReportFacts(UUID.randomUUID().toString(), submitted.atTime(9, 30).toInstant(ZoneOffset.UTC),
                superseded == null ? null : superseded.atTime(17, 0).toInstant(ZoneOffset.UTC), completion, challenges, solutions);
    }

    /** key → value of a dimension in a scope as of the end of {@code day}. */
    static Map<String, Long> asOf(Deltas d, String scope, String dim, LocalDate day) {
        return asOf(d, scope, dim, day, Deltas.Change::count);
    }

    static Map<String, Long> reportedAsOf(Deltas d, String scope, String dim, LocalDate day) {
        return asOf(d, scope, dim, day, Deltas.Change::reported);
    }

    private static Map<String, Long> asOf(Deltas d, String scope, String dim, LocalDate day,
                                          java.util.function.ToLongFunction<Deltas.Change> figure) {
        Map<String, Long> out = new TreeMap<>();
        d.cells().forEach((cell, change) -> {
            if (cell.scope().equals(scope) && cell.dim().equals(dim) && !cell.day().isAfter(day)) {
                out.merge(cell.key(), figure.applyAsLong(change), Long::sum);
            }
        });
        out.values().removeIf(v -> v == 0);
        return out;
    }

    @Test
    void countsFromTheValidationDayUntilTheDayBeforeItsWithdrawal() {
        Deltas d = pledge(LocalDate.of(2024, 1, 5), List.of()).contribution();
        assertThat(asOf(d, Dim.WORLD, Dim.ALL, VALIDATED.minusDays(1))).isEmpty();
        assertThat(asOf(d, Dim.WORLD, Dim.ALL, VALIDATED)).containsEntry(Dim.NO_KEY, 1L);
        assertThat(asOf(d, "ASIA_PACIFIC", Dim.PILLAR, LocalDate.of(2024, 1, 4))).containsEntry("SKILLS", 1L);
        assertThat(asOf(d, Dim.WORLD, Dim.ALL, LocalDate.of(2024, 1, 5))).isEmpty();
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2024, 1, 5))).isEmpty();
    }

    @Test
    void aReportIsDueAYearAfterValidationThenAYearAfterTheLastReport() {
        LocalDate report = LocalDate.of(2024, 3, 1);
        Deltas d = pledge(null, List.of(report)).contribution();
        String up = "UP_TO_DATE|GOVERNMENT", due = "DUE|GOVERNMENT", overdue = "OVERDUE|GOVERNMENT";
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2024, 2, 8))).containsOnlyKeys(up);
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2024, 2, 9))).containsOnlyKeys(due);   // 30 days before 10 March
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2024, 2, 29))).containsOnlyKeys(due);
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, report)).containsOnlyKeys(up);                      // reported in time
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2025, 3, 1))).containsOnlyKeys(due);   // the due date itself
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2025, 3, 2))).containsOnlyKeys(overdue);
        assertThat(asOf(d, "ASIA_PACIFIC", Dim.COMPLIANCE, LocalDate.of(2030, 1, 1))).containsEntry(overdue, 1L);
    }

    @Test
    void theStandingFollowsThePublishedDatesOnlyWhateverTheCadenceBehindThem() {
        // Half-yearly, DUE from a week before: analytics has no cadence of its own to disagree with.
        LocalDate report = LocalDate.of(2023, 8, 1);
        PledgeFacts p = pledge(null, List.of(report)).withSchedule(List.of(
                new ScheduleAnchor(VALIDATED, LocalDate.of(2023, 9, 10), LocalDate.of(2023, 9, 3)),
                new ScheduleAnchor(report, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 25))));
        Deltas d = p.contribution();
        String up = "UP_TO_DATE|GOVERNMENT", due = "DUE|GOVERNMENT", overdue = "OVERDUE|GOVERNMENT";
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, VALIDATED.minusDays(1))).isEmpty();
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, VALIDATED)).containsOnly(Map.entry(up, 1L));
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, report.minusDays(1))).containsOnly(Map.entry(up, 1L));
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2024, 1, 24))).containsOnly(Map.entry(up, 1L));
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2024, 1, 25))).containsOnly(Map.entry(due, 1L));
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2024, 2, 1))).containsOnly(Map.entry(due, 1L));
        assertThat(asOf(d, "ASIA_PACIFIC", Dim.COMPLIANCE, LocalDate.of(2024, 2, 2))).containsOnly(Map.entry(overdue, 1L));
    }

    @Test
    void aCountedPledgeWhoseScheduleHasNotArrivedHasNoStandingYet() {
        PledgeFacts p = pledge(null, List.of(LocalDate.of(2024, 3, 1))).withSchedule(List.of());
        Deltas d = p.contribution();
        assertThat(asOf(d, Dim.WORLD, Dim.ALL, LocalDate.of(2030, 1, 1))).containsEntry(Dim.NO_KEY, 1L);
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2030, 1, 1))).isEmpty();
        // Its arrival adds the standing on every day it covers, and a withdrawal ends it.
        Deltas withdrawn = pledge(LocalDate.of(2024, 1, 5), List.of()).contribution();
        assertThat(asOf(withdrawn, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2024, 1, 4))).containsOnly(Map.entry("UP_TO_DATE|GOVERNMENT", 1L));
        assertThat(asOf(withdrawn, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2024, 1, 5))).isEmpty();
    }

    @Test
    void eachTargetedCountryCountsThePledgeInItsBrief() {
        Deltas d = pledge(LocalDate.of(2024, 1, 5), List.of()).contribution();
        for (String country : List.of("KHM", "LAO")) {
            assertThat(asOf(d, Dim.country(country), Dim.ALL, VALIDATED)).containsEntry(Dim.NO_KEY, 1L);
            assertThat(asOf(d, Dim.country(country), Dim.STAKEHOLDER_TYPE, VALIDATED)).containsEntry("GOVERNMENT", 1L);
            assertThat(asOf(d, Dim.country(country), Dim.TARGET, VALIDATED)).containsEntry("ACC-SCHOOLS", 1L);
            assertThat(asOf(d, Dim.country(country), Dim.ALL, LocalDate.of(2024, 1, 5))).isEmpty();
        }
        assertThat(asOf(d, Dim.country("KEN"), Dim.ALL, VALIDATED)).isEmpty();
        assertThat(asOf(d, Dim.country("KHM"), Dim.PILLAR, VALIDATED)).as("a brief keeps only its own figures").isEmpty();
    }

    @Test
    void aPledgeRunsUntilItsEndDateThenCountsAsEndedAndReportedOnceReported() {
        LocalDate end = LocalDate.of(2024, 6, 30);
        Deltas d = pledge(null, end, List.of(report(LocalDate.of(2024, 9, 1), null, "COMPLETED", List.of(), List.of())))
                .contribution();
        String khm = Dim.country("KHM");
        assertThat(asOf(d, khm, Dim.END, end)).containsOnly(Map.entry("2024", 1L));           // ends on D: not yet ended
        assertThat(asOf(d, khm, Dim.END, end.plusDays(1))).containsOnly(Map.entry(Dim.ENDED, 1L));
        assertThat(reportedAsOf(d, khm, Dim.END, LocalDate.of(2024, 8, 31))).isEmpty();
        assertThat(reportedAsOf(d, khm, Dim.END, LocalDate.of(2024, 9, 1))).containsOnly(Map.entry(Dim.ENDED, 1L));
        Deltas open = pledge(null, null, List.of()).contribution();
        assertThat(asOf(open, khm, Dim.END, LocalDate.of(2030, 1, 1))).containsOnly(Map.entry(Dim.NO_END_DATE, 1L));
    }

    @Test
    void aCorrectionTakesOverTheCompletionStatusAndTheCategoriesOnTheDayItSupersedes() {
        LocalDate first = LocalDate.of(2024, 3, 1);
        LocalDate corrected = LocalDate.of(2024, 5, 2);
        Deltas d = pledge(null, null, List.of(
                report(first, corrected, "PLANNING_PHASE", List.of("FINANCIAL", "TECHNICAL"), List.of("PARTNERSHIPS")),
                report(corrected, null, "IN_PROGRESS", List.of("FINANCIAL"), List.of("CAPACITY_BUILDING"))))
                .contribution();
        String khm = Dim.country("KHM");
        assertThat(asOf(d, khm, Dim.COMPLETION, first.minusDays(1))).isEmpty();
        assertThat(asOf(d, khm, Dim.COMPLETION, first)).containsOnly(Map.entry("PLANNING_PHASE", 1L));
        assertThat(asOf(d, khm, Dim.CHALLENGE, first)).containsOnlyKeys("FINANCIAL", "TECHNICAL");
        assertThat(asOf(d, khm, Dim.COMPLETION, corrected)).containsOnly(Map.entry("IN_PROGRESS", 1L));
        assertThat(asOf(d, khm, Dim.CHALLENGE, corrected)).containsOnly(Map.entry("FINANCIAL", 1L));
        assertThat(asOf(d, khm, Dim.SOLUTION, corrected)).containsOnly(Map.entry("CAPACITY_BUILDING", 1L));
    }

    @Test
    void theLastReportSubmittedGivesTheStatusAndBothInForceNameTheirCategoriesOnce() {
        LocalDate first = LocalDate.of(2024, 3, 1);
        LocalDate second = LocalDate.of(2024, 9, 1);
        Deltas d = pledge(null, null, List.of(
                report(first, null, "PLANNING_PHASE", List.of("FINANCIAL"), List.of()),
                report(second, null, "COMPLETED", List.of("FINANCIAL", "REGULATORY"), List.of())))
                .contribution();
        String khm = Dim.country("KHM");
        assertThat(asOf(d, khm, Dim.COMPLETION, second)).containsOnly(Map.entry("COMPLETED", 1L));
        assertThat(asOf(d, khm, Dim.CHALLENGE, second)).containsOnly(Map.entry("FINANCIAL", 1L), Map.entry("REGULATORY", 1L));
        assertThat(reportedAsOf(d, khm, Dim.ALL, first)).containsEntry(Dim.NO_KEY, 1L);
    }

    @Test
    void aRevisionCountsFromItsValidationDayAndTheEarlierContentBeforeIt() {
        LocalDate revised = LocalDate.of(2024, 6, 18);
        PledgeFacts p = new PledgeFacts(UUID.randomUUID(), UUID.randomUUID(), VALIDATED, null, List.of(
                content(2, revised, "7500.00", List.of("KEN"), List.of("AFRICA"), List.of("INFRASTRUCTURE"), LocalDate.of(2027, 6, 30)),
                content(1, VALIDATED, "1000.00", List.of("KHM"), List.of("ASIA_PACIFIC"), List.of("SKILLS"), LocalDate.of(2024, 12, 31))),
                "GOVERNMENT", List.of(), TestSchedules.yearly(VALIDATED, List.of()));
        Deltas d = p.contribution();
        LocalDate before = revised.minusDays(1);
        assertThat(asOf(d, "ASIA_PACIFIC", Dim.ALL, before)).containsEntry(Dim.NO_KEY, 1L);
        assertThat(asOf(d, "AFRICA", Dim.ALL, before)).isEmpty();
        assertThat(asOf(d, Dim.WORLD, Dim.PILLAR, before)).containsOnly(Map.entry("SKILLS", 1L));
        assertThat(asOf(d, Dim.country("KHM"), Dim.END, before)).containsOnly(Map.entry("2024", 1L));
        assertThat(asOf(d, "ASIA_PACIFIC", Dim.ALL, revised)).isEmpty();
        assertThat(asOf(d, "AFRICA", Dim.ALL, revised)).containsEntry(Dim.NO_KEY, 1L);
        assertThat(asOf(d, Dim.WORLD, Dim.PILLAR, revised)).containsOnly(Map.entry("INFRASTRUCTURE", 1L));
        assertThat(asOf(d, Dim.country("KHM"), Dim.ALL, revised)).isEmpty();
        assertThat(asOf(d, Dim.country("KEN"), Dim.END, revised)).containsOnly(Map.entry("2027", 1L));
        assertThat(asOf(d, "AFRICA", Dim.COMPLIANCE, revised)).containsOnly(Map.entry("OVERDUE|GOVERNMENT", 1L));
        BigDecimal[] value = {BigDecimal.ZERO, BigDecimal.ZERO};
        d.cells().forEach((cell, change) -> {
            if (cell.scope().equals(Dim.WORLD) && cell.dim().equals(Dim.ALL)) {
                value[cell.day().isAfter(before) ? 1 : 0] = value[cell.day().isAfter(before) ? 1 : 0].add(change.usd());
            }
        });
        assertThat(value[0]).isEqualByComparingTo("1000.00");
        assertThat(value[0].add(value[1])).isEqualByComparingTo("7500.00");
        assertThat(p.countedIn()).containsEntry("ASIA_PACIFIC", List.of(new Interval(VALIDATED, revised)))
                .containsEntry("AFRICA", List.of(new Interval(revised, null)))
                .containsEntry(Dim.WORLD, List.of(new Interval(VALIDATED, revised), new Interval(revised, null)));
    }

    @Test
    void aRevisionValidatedOnTheDayOfTheFirstValidationIsAllThatEverCounts() {
        PledgeFacts p = new PledgeFacts(UUID.randomUUID(), UUID.randomUUID(), VALIDATED, null, List.of(
                content(1, VALIDATED, "1000.00", List.of("KHM"), List.of("ASIA_PACIFIC"), List.of("SKILLS"), null),
                content(2, VALIDATED, "5.00", List.of("FRA"), List.of("EUROPE"), List.of("SKILLS"), null)), "GOVERNMENT", List.of(), List.of());
        assertThat(p.stretches()).extracting(s -> s.content().revision()).containsExactly(2);
        Deltas d = p.contribution();
        assertThat(asOf(d, "ASIA_PACIFIC", Dim.ALL, VALIDATED)).isEmpty();
        assertThat(asOf(d, "EUROPE", Dim.ALL, VALIDATED)).containsEntry(Dim.NO_KEY, 1L);
    }

    @Test
    void withoutItsFirstRevisionThePledgeCountsWithTheEarliestKnownUntilTheNextTakesOver() {
        LocalDate second = LocalDate.of(2024, 1, 1);
        LocalDate third = LocalDate.of(2025, 1, 1);
        PledgeFacts p = new PledgeFacts(UUID.randomUUID(), UUID.randomUUID(), VALIDATED, null, List.of(
                content(3, third, "3.00", List.of("FRA"), List.of("EUROPE"), List.of("SKILLS"), null),
                content(2, second, "2.00", List.of("KEN"), List.of("AFRICA"), List.of("SKILLS"), null)), "GOVERNMENT", List.of(), List.of());
        assertThat(p.stretches()).containsExactly(new PledgeFacts.Stretch(p.contents().get(0), new Interval(VALIDATED, third)),
                new PledgeFacts.Stretch(p.contents().get(1), new Interval(third, null)));
    }

    @Test
    void distinctCountsMergeOverlappingAndTouchingIntervals() {
        List<Interval> union = Interval.union(List.of(new Interval(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1)),
                new Interval(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 3, 1)),
                new Interval(LocalDate.of(2024, 5, 1), null),
                new Interval(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 7, 1)),
                new Interval(LocalDate.of(2024, 8, 1), LocalDate.of(2024, 8, 1))));
        assertThat(union).containsExactly(new Interval(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 1)),
                new Interval(LocalDate.of(2024, 5, 1), null));
    }
}
