package org.p2c.support.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.p2c.support.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitingAndDayRangeTest {

    private static final Instant SINCE = Instant.parse("2024-07-08T09:30:00.123456Z");

    @Property
    void theDurationAndTheSecondsSayTheSameWholeSecondsSinceTheStart(@ForAll @LongRange(min = 0, max = 400L * 365 * 86400) long seconds,
                                                                    @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant now = SINCE.plusSeconds(seconds).plusNanos(nanos);
        Waiting waiting = Waiting.of(SINCE, now);
        assertThat(waiting.since()).isEqualTo(SINCE);
        assertThat(waiting.seconds()).isEqualTo(Duration.between(SINCE, now).getSeconds());
        assertThat(Duration.parse(waiting.duration()).getSeconds()).isEqualTo(waiting.seconds());
        assertThat(Duration.parse(waiting.duration()).getNano()).isZero();
    }

    @Test
    void aClockBehindTheStoredTimeWaitsNothingRatherThanANegativeTime() {
        Waiting waiting = Waiting.of(SINCE, SINCE.minusSeconds(3));
        assertThat(waiting.seconds()).isZero();
        assertThat(waiting.duration()).isEqualTo("PT0S");
    }

    @Property
    void aDayRangeHoldsEveryInstantOfItsDaysInUtcAndNoOther(@ForAll @IntRange(min = 0, max = 3000) int fromDay,
                                                            @ForAll @IntRange(min = 0, max = 40) int length,
                                                            @ForAll @LongRange(min = -3 * 86400, max = 50 * 86400) long offset) {
        LocalDate from = LocalDate.of(2020, 1, 1).plusDays(fromDay);
        LocalDate to = from.plusDays(length);
        DayRange range = DayRange.of(from, to, "submittedFrom", "submittedTo");
        Instant instant = from.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(offset);
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        assertThat(range.contains(instant)).isEqualTo(!day.isBefore(from) && !day.isAfter(to));
    }

    @Test
    void anOpenEndHoldsEverythingOnThatSideAndAStartAfterTheEndNamesTheStart() {
        assertThat(DayRange.of(null, null, "from", "to").contains(Instant.EPOCH)).isTrue();
        assertThat(DayRange.of(LocalDate.of(2024, 1, 1), null, "from", "to").contains(Instant.parse("2999-01-01T00:00:00Z"))).isTrue();
        assertThatThrownBy(() -> DayRange.of(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 1), "submittedFrom", "submittedTo"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("submittedTo");
    }
}
