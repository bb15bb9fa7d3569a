package org.p2c.support.inbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A record retried longer than the threshold is a stalled consumer, until it passes; the check says where, not what. */
class InboxStallsTest {

    static final String TOPIC = "p2c.entities.v1";
    final Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
            "mp.messaging.incoming.entities.kafka-configuration", "p2c-inbox",
            "mp.messaging.incoming.entities.topic", TOPIC), "test", 100)).build();
    final MovingClock clock = new MovingClock();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final InboxStalls stalls = new InboxStalls(registry, config, Duration.ofSeconds(60), clock);
    final Delivery record = new Delivery(TOPIC, 2, 1841, new byte[0], "{\"secret\":\"payload\"}".getBytes(), new RecordHeaders());

    @Test
    void downOnlyOnceTheSameRecordWasRetriedLongerThanTheThresholdAndUpWhenItPasses() {
        Instant first = clock.instant();
        stalls.failed("entities", record, "p2c.entity.updated.v1", 1, new IllegalStateException("lock timeout"));
        clock.advance(Duration.ofSeconds(59));
        stalls.failed("entities", record, "p2c.entity.updated.v1", 7, new IllegalStateException("lock timeout"));
        assertThat(stalls.report().getStatus()).as("retried for 59 s").isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(retryingSeconds()).isEqualTo(59);

        clock.advance(Duration.ofSeconds(2));
        HealthCheckResponse stalled = stalls.report();
        assertThat(stalled.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(stalled.getData().orElseThrow())
                .containsEntry("entities.stalled", true)
                .containsEntry("entities.topic", TOPIC)
                .containsEntry("entities.partition", 2L)
                .containsEntry("entities.offset", 1841L)
                .containsEntry("entities.type", "p2c.entity.updated.v1")
                .containsEntry("entities.since", first.toString())
                .containsEntry("entities.tries", 7L)
                .containsEntry("entities.lastFailure", "IllegalStateException: lock timeout");
        assertThat(stalled.getData().orElseThrow().values()).noneMatch(v -> v.toString().contains("payload"));

        stalls.passed("entities");
        assertThat(stalls.report().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(stalls.report().getData().orElseThrow()).doesNotContainKey("entities.topic");
        assertThat(retryingSeconds()).isZero();
    }

    @Test
    void theLastFailureIsItsClassAndTheFirstLineOfItsRootCauseOnly() {
        SQLException postgres = new SQLException("ERROR: duplicate key value violates unique constraint \"known_entity_pkey\"\n"
                + "  Detail: Key (id)=(5f0c8e3a-7d1b-4c2e-9a4f-1b2c3d4e5f60) already exists.");
        assertThat(InboxStalls.describe(new IllegalStateException("could not execute statement", postgres)))
                .isEqualTo("IllegalStateException (SQLException): ERROR: duplicate key value violates unique constraint"
                        + " \"known_entity_pkey\"");
        assertThat(InboxStalls.describe(new IllegalStateException("x".repeat(500)))).hasSize(200);
    }

    private double retryingSeconds() {
        return registry.get(InboxStalls.RETRYING).tag("topic", TOPIC).gauge().value();
    }

    static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T04:57:40Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
