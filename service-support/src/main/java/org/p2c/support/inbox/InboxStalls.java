package org.p2c.support.inbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.p2c.support.metrics.Metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records the inbox is retrying now, one per channel at most (a channel takes its records one at a time), and
 * whether one has held its channel longer than {@code p2c.inbox.stalled-after} (60 s): the health check "Inbox
 * consumers not stalled" ({@link Check}), DOWN while one has, naming where it is, its type, since when, how many tries and the last
 * failure (its class and the first line of its root cause's message: no payload, no SQL parameters), UP again once it
 * passed; and the gauge {@value #RETRYING} per topic, the seconds its channel has retried its record (0 when none).
 *
 * <p>The check is in the health group {@value #GROUP} ({@code /q/health/group/consumers}), not in readiness: a
 * stall's cause is nearly always shared by every replica (the database, a lock on a view table, an event every
 * replica fails on alike), readiness DOWN would take all of them out of rotation at once while their HTTP answers
 * still work, and it would not unblock the consumer (its partitions stay with it). docs/events.md, Observability.
 */
@ApplicationScoped
@Startup
public class InboxStalls {

    public static final String GROUP = "consumers";
    public static final String RETRYING = "p2c.inbox.retrying";
    private static final int MAX_FAILURE = 200;

    /** A record that failed at least once and has not passed yet. */
    record Stall(String topic, int partition, long offset, String type, Instant since, int tries, String lastFailure) {
    }

    private final Map<String, Stall> byChannel = new ConcurrentHashMap<>();
    private final Duration stalledAfter;
    private final Clock clock;

    @Inject
    public InboxStalls(MeterRegistry registry, Config config,
                       @ConfigProperty(name = "p2c.inbox.stalled-after", defaultValue = "60S") Duration stalledAfter) {
        this(registry, config, stalledAfter, Clock.systemUTC());
    }

    InboxStalls(MeterRegistry registry, Config config, Duration stalledAfter, Clock clock) {
        this.stalledAfter = stalledAfter;
        this.clock = clock;
        InboxChannels.configured(config).stream().map(InboxChannels.Channel::topic).distinct().forEach(topic ->
                Gauge.builder(RETRYING, this, stalls -> stalls.retryingSeconds(topic))
                        .tag(Metrics.TOPIC, topic).baseUnit("seconds")
                        .description("How long the inbox has been retrying the record that holds this topic's channel")
                        .register(registry));
    }

    /** A try at the record that holds {@code channel} failed; {@code tries} so far. */
    void failed(String channel, Delivery record, String type, int tries, Throwable failure) {
        byChannel.compute(channel, (c, before) -> new Stall(record.topic(), record.partition(), record.offset(), type,
                before != null && before.offset() == record.offset() && before.partition() == record.partition()
                        ? before.since() : clock.instant(),
                tries, describe(failure)));
    }

    /** The record of {@code channel} passed (applied, skipped or parked): nothing holds it now. */
    void passed(String channel) {
        byChannel.remove(channel);
    }

    /** The health check of the group {@value #GROUP}: what {@link InboxStalls} says. */
    @HealthGroup(GROUP)
    @ApplicationScoped
    public static class Check implements HealthCheck {

        private final InboxStalls stalls;

        public Check(InboxStalls stalls) {
            this.stalls = stalls;
        }

        @Override
        public HealthCheckResponse call() {
            return stalls.report();
        }
    }

    HealthCheckResponse report() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Inbox consumers not stalled")
                .withData("stalledAfter", stalledAfter.toString());
        boolean stalled = false;
        Instant now = clock.instant();
        for (var retrying : new TreeMap<>(byChannel).entrySet()) {
            String channel = retrying.getKey();
            Stall stall = retrying.getValue();
            boolean over = Duration.between(stall.since(), now).compareTo(stalledAfter) > 0;
            stalled |= over;
            response.withData(channel + ".stalled", over)
                    .withData(channel + ".topic", stall.topic())
                    .withData(channel + ".partition", stall.partition())
                    .withData(channel + ".offset", stall.offset())
                    .withData(channel + ".type", stall.type())
                    .withData(channel + ".since", stall.since().toString())
                    .withData(channel + ".tries", stall.tries())
                    .withData(channel + ".lastFailure", stall.lastFailure());
        }
        return response.status(!stalled).build();
    }

    private double retryingSeconds(String topic) {
        Instant now = clock.instant();
        return byChannel.values().stream().filter(s -> s.topic().equals(topic))
                .mapToDouble(s -> Duration.between(s.since(), now).toMillis() / 1000.0).max().orElse(0);
    }

    /** The failure's class and the first line of what its root cause says (PostgreSQL's details come after it). */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("").strip();
        String text = Metrics.reason(failure) + (root == failure ? "" : " (" + Metrics.reason(root) + ")")
                + (message.isEmpty() ? "" : ": " + message);
        return text.length() <= MAX_FAILURE ? text : text.substring(0, MAX_FAILURE);
    }
}
