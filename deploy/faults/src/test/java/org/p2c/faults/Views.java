package org.p2c.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.p2c.local.Platform;
import org.p2c.local.Topology;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the suite counts, read-only: each service's own tables (the suite is a harness, not a client of the API) and
 * analytics' answer for a country, plus the dead-letter topics' sizes.
 */
final class Views {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Platform.Running platform;

    Views(Platform.Running platform) {
        this.platform = platform;
    }

    /** One look at everything, for one scenario's pledges (those of its country). */
    record Snapshot(Set<UUID> validatedAtSource, Set<UUID> inReporting, Set<UUID> inAnalytics, long analyticsCount,
                    Map<String, Long> outboxes, long parked) {

        boolean converged(long expectedParked) {
            return inReporting.equals(validatedAtSource) && inAnalytics.equals(validatedAtSource)
                    && analyticsCount == validatedAtSource.size()
                    && outboxes.values().stream().allMatch(n -> n == 0) && parked == expectedParked;
        }

        /** Acknowledged pledges missing from the producer or from any consumer's view. */
        long lost(Set<UUID> acknowledged) {
            return acknowledged.stream()
                    .filter(id -> !validatedAtSource.contains(id) || !inReporting.contains(id) || !inAnalytics.contains(id))
                    .count();
        }

        /**
         * Applied more than once: the views are keyed by the pledge, so a second application shows in what is counted
         * from them, analytics' figure for the country above the pledges it holds.
         */
        long duplicated() {
            return Math.max(0, analyticsCount - inAnalytics.size());
        }
    }

    Snapshot look(String country) throws Exception {
        Set<UUID> source = ids("pledge", "select id from pledge where status = 'VALIDATED' and ? = any(countries)", country);
        Set<UUID> reporting = ids("reporting", "select id from known_pledge where status = 'VALIDATED' and ? = any(countries)", country);
        Set<UUID> analytics = ids("analytics", """
                select id from a_pledge where status = 'VALIDATED'
                   and jsonb_path_exists(contents, '$[*].countries[*] ? (@ == $c)', jsonb_build_object('c', ?::text))""",
                country);
        Map<String, Long> outboxes = new java.util.TreeMap<>();
        for (String db : List.of("entity", "pledge", "reporting")) {
            outboxes.put(db, count(db, "select count(*) from outbox_event"));
        }
        return new Snapshot(source, reporting, analytics, countryBrief(country), outboxes, parked());
    }

    private Set<UUID> ids(String db, String sql, String country) throws SQLException {
        try (Connection c = connect(db); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, country);
            Set<UUID> ids = new HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    long count(String db, String sql) throws SQLException {
        try (Connection c = connect(db); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private Connection connect(String db) throws SQLException {
        Connection c = DriverManager.getConnection(platform.jdbcUrl(db), "postgres", "");
        c.setReadOnly(true);
        return c;
    }

    /** analytics-service's country brief: how many validated pledges it counts for the country today. */
    private long countryBrief(String country) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create(platform.serviceUrl("analytics-service") + "/api/v1/analytics/countries/" + country))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("analytics answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("pledges").asLong();
    }

    /** Records on all dead-letter topics (they are never trimmed: unlimited retention). */
    long parked() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = Topology.TOPICS.stream().map(Topology::dlqOf)
                    .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(10)).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
