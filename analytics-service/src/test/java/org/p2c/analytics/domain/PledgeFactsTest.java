package org.p2c.analytics.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What one pledge adds to the figures, day by day: summed up to a date it must say what the pledge is on that date. */
class PledgeFactsTest {

    static final LocalDate VALIDATED = LocalDate.of(2023, 3, 10);

    static PledgeFacts pledge(LocalDate withdrawn, List<LocalDate> reports) {
        return new PledgeFacts(UUID.randomUUID(), UUID.randomUUID(), VALIDATED, withdrawn, new BigDecimal("1000.00"),
                List.of("ASIA_PACIFIC"), List.of("FINANCIAL"), List.of("SKILLS"), List.of("ADOPTION"), List.of("LDC"),
                List.of(4), "GOVERNMENT", reports);
    }

    /** key → value of a dimension in a scope as of the end of {@code day}. */
    static Map<String, Long> asOf(Deltas d, String scope, String dim, LocalDate day) {
        Map<String, Long> out = new TreeMap<>();
        d.cells().forEach((cell, change) -> {
            if (cell.scope().equals(scope) && cell.dim().equals(dim) && !cell.day().isAfter(day)) {
                out.merge(cell.key(), change.count(), Long::sum);
            }
        });
        out.values().removeIf(v -> v == 0);
        return out;
    }

    @Test
    void countsFromTheValidationDayUntilTheDayBeforeItsWithdrawal() {
        Deltas d = pledge(LocalDate.of(2024, 1, 5), List.of()).contribution(Period.ofYears(1), Period.ofDays(30));
        assertThat(asOf(d, Dim.WORLD, Dim.ALL, VALIDATED.minusDays(1))).isEmpty();
        assertThat(asOf(d, Dim.WORLD, Dim.ALL, VALIDATED)).containsEntry(Dim.NO_KEY, 1L);
        assertThat(asOf(d, "ASIA_PACIFIC", Dim.PILLAR, LocalDate.of(2024, 1, 4))).containsEntry("SKILLS", 1L);
        assertThat(asOf(d, Dim.WORLD, Dim.ALL, LocalDate.of(2024, 1, 5))).isEmpty();
        assertThat(asOf(d, Dim.WORLD, Dim.COMPLIANCE, LocalDate.of(2024, 1, 5))).isEmpty();
    }

    @Test
    void aReportIsDueAYearAfterValidationThenAYearAfterTheLastReport() {
        LocalDate report = LocalDate.of(2024, 3, 1);
        Deltas d = pledge(null, List.of(report)).contribution(Period.ofYears(1), Period.ofDays(30));
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
