package org.p2c.support.inbox;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How long the processed-event log keeps the entries of a topic, from the topic's own retention. */
class ProcessedEventsRetentionTest {

    static final Duration MARGIN = Duration.ofDays(1);
    static final Duration WHEN_UNLIMITED = Duration.ofDays(30);

    @Test
    void aTopicThatKeepsItsHistoryKeepsTheEntriesForTheConfiguredTime() {
        assertThat(ProcessedEventsRetention.keep(new ProcessedEventsRetention.TopicRetention(-1, Duration.ofDays(7).toMillis()),
                MARGIN, WHEN_UNLIMITED)).isEqualTo(WHEN_UNLIMITED);
    }

    @Test
    void aTopicThatDeletesAfterAWeekKeepsThemAWeekPlusASegmentPlusTheMargin() {
        assertThat(ProcessedEventsRetention.keep(new ProcessedEventsRetention.TopicRetention(Duration.ofDays(7).toMillis(),
                Duration.ofDays(7).toMillis()), MARGIN, WHEN_UNLIMITED)).isEqualTo(Duration.ofDays(15));
    }

    /** Never an entry forgotten while its record may still be on the topic: up to retention + one segment after. */
    @Property
    void anEntryIsKeptAtLeastAsLongAsItsRecordCanStayOnTheTopic(
            @ForAll @LongRange(min = 0, max = 3_650L * 86_400_000) long retentionMs,
            @ForAll @LongRange(min = 1, max = 365L * 86_400_000) long segmentMs) {
        Duration keep = ProcessedEventsRetention.keep(new ProcessedEventsRetention.TopicRetention(retentionMs, segmentMs),
                MARGIN, WHEN_UNLIMITED);
        assertThat(keep).isGreaterThanOrEqualTo(Duration.ofMillis(retentionMs + segmentMs).plus(MARGIN));
    }
}
