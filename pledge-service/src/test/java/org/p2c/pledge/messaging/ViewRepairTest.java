package org.p2c.pledge.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.inbox.DeadLetters;
import org.p2c.support.inbox.Delivery;
import org.p2c.support.inbox.PoisonEvent;
import org.p2c.support.inbox.ProcessedEventsRetention;
import org.p2c.support.testing.Concurrently;
import org.p2c.support.testing.HeldTable;
import org.p2c.support.testing.Scrape;
import org.p2c.support.testing.TestEvents;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.p2c.support.testing.TestTokens.person;

/**
 * The admin's repair of pledge-service's view of the entities, on real Kafka and PostgreSQL: parked events redriven
 * through the inbox after a fix (once, and not again), the view rebuilt from the topic to what the events say, one
 * rebuild at a time under a lease that a crashed replica's successor takes over, and a processed-event log that
 * forgets only what the topic can no longer deliver again.
 *
 * <p>Its own application, database and topics (RESTRICTED_TO_CLASS): it counts what is parked and rebuilds the whole
 * view, which no other class may share.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = ViewRepairTest.ShortLease.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(OidcWiremockTestResource.class)
class ViewRepairTest {

    /** A lease of 2 s, renewed every 0.7 s: a test sees renewals and expiries without waiting long. */
    public static class ShortLease implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("p2c.rebuild.lease", "2S");
        }

        @Override
        public void stop() {
        }
    }

    static final String ADMIN = person("platform-admin", "admin");
    static final String SECRETARIAT = person("secretariat-officer", "secretariat");
    static final String REBUILD = "/api/v1/pledges/view-repair/rebuild";
    static final String DEAD_LETTERS = "/api/v1/pledges/view-repair/dead-letters";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String topic;

    @Inject
    DataSource dataSource;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ProcessedEventsRetention retention;

    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    // --- dead letters --------------------------------------------------------------------------------------------

    @Test
    void aParkedEventIsAppliedOnceByTheRedriveAfterTheFixAndNotAgain() throws Exception {
        // Poison the live inbox parks, and that stays poison: data without the fields its contract requires.
        UUID broken = UUID.randomUUID();
        UUID brokenEvent = UUID.randomUUID();
        send(broken, event(brokenEvent, broken, "{\"id\":\"%s\",\"version\":1}".formatted(broken)));
        // An event the consumer could not apply before a fix of its own, parked by its inbox then (as DeadLetters
        // writes it: the original bytes and headers, the place it came from, the reason); the consumer reads it now.
        UUID fixed = UUID.randomUUID();
        UUID fixedEvent = UUID.randomUUID();
        deadLetters.park(delivery(fixed, 1841, event(fixedEvent, fixed, snapshot(fixed, 1, "Ministry of the fix"))),
                new PoisonEvent("the consumer could not read it before its fix"));
        // An event applied live whose copy was parked too (a second delivery parked by mistake): not applied twice.
        UUID live = UUID.randomUUID();
        UUID liveEvent = UUID.randomUUID();
        byte[] liveBytes = event(liveEvent, live, snapshot(live, 1, "Ministry applied live"));
        send(live, liveBytes);
        await("the live event applied").atMost(PATIENCE).until(() -> timesProcessed(liveEvent) == 1);
        deadLetters.park(delivery(live, 1842, liveBytes), new PoisonEvent("parked by mistake"));

        given().auth().oauth2(SECRETARIAT).get(DEAD_LETTERS).then().statusCode(403);
        await("all three listed").atMost(PATIENCE).until(() -> parkedIds().containsAll(List.of(brokenEvent, fixedEvent, liveEvent)));
        JsonPath listed = given().auth().oauth2(ADMIN).get(DEAD_LETTERS).then().statusCode(200).extract().jsonPath();
        assertThat(listed.getString("find { it.id == '" + fixedEvent + "' }.reason")).isEqualTo("the consumer could not read it before its fix");
        assertThat(listed.getString("find { it.id == '" + fixedEvent + "' }.topic")).isEqualTo(topic);
        assertThat(listed.getLong("find { it.id == '" + fixedEvent + "' }.offset")).isEqualTo(1841);
        assertThat(listed.getString("find { it.id == '" + brokenEvent + "' }.reason")).contains("is required by entity-snapshot.v1.json");
        assertThat(listed.getString("find { it.id == '" + brokenEvent + "' }.type")).isEqualTo("p2c.entity.updated.v1");
        // What an operator sees: three records of this service waiting on the dead-letter topic.
        await("the dead-letter depth").atMost(PATIENCE).until(() -> deadLetterDepth() == 3);

        given().auth().oauth2(SECRETARIAT).post(DEAD_LETTERS + "/redrive").then().statusCode(403);
        given().auth().oauth2(ADMIN).post(DEAD_LETTERS + "/redrive").then().statusCode(200)
                .body("applied", is(1)).body("alreadyApplied", is(1)).body("notHandled", is(0)).body("parkedAgain", is(1));
        assertThat(viewOf(fixed)).startsWith("1|Ministry of the fix|");
        assertThat(timesProcessed(fixedEvent)).isEqualTo(1);
        assertThat(viewOf(broken)).as("still poison: not in the view").isNull();
        assertThat(parkedIds()).as("left parked: the poison, parked again").containsExactly(brokenEvent);
        await("the dead-letter depth after the redrive").atMost(PATIENCE).until(() -> deadLetterDepth() == 1);

        // Again: nothing new applies; the poison is parked once more, for the next fix.
        given().auth().oauth2(ADMIN).post(DEAD_LETTERS + "/redrive").then().statusCode(200)
                .body("applied", is(0)).body("alreadyApplied", is(0)).body("parkedAgain", is(1));
        assertThat(timesProcessed(fixedEvent)).isEqualTo(1);
        assertThat(parkedIds()).containsExactly(brokenEvent);
        await("the dead-letter depth after the second redrive").atMost(PATIENCE).until(() -> deadLetterDepth() == 1);
    }

    private double deadLetterDepth() {
        return Scrape.now().value("p2c_inbox_dlq_depth", "topic", topic);
    }

    // --- rebuild -------------------------------------------------------------------------------------------------

    @Test
    void aRebuildFromTheTopicGivesTheSameViewWhateverHappenedToIt() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        for (int version = 1; version <= 3; version++) {
            send(a, event(UUID.randomUUID(), a, snapshot(a, version, "Ministry A" + version)));
        }
        send(b, event(UUID.randomUUID(), b, snapshot(b, 1, "Ministry B")));
        send(c, event(UUID.randomUUID(), c, snapshot(c, 1, "Ministry C")));
        send(c, event(UUID.randomUUID(), c, snapshot(c, 2, "Ministry C, renamed")));
        List<UUID> ours = List.of(a, b, c);
        await("the events applied").atMost(PATIENCE).until(() -> viewOf(a) != null && viewOf(a).startsWith("3|")
                && viewOf(b) != null && viewOf(c) != null && viewOf(c).startsWith("2|"));
        Map<UUID, String> before = viewOf(ours);

        // Whatever a bug or a hand did to the view: a name changed, members lost, an entity gone, one made up.
        UUID madeUp = UUID.randomUUID();
        execute("update known_entity set name = 'Tampered' where id = '" + a + "'");
        execute("delete from known_member where entity_id = '" + b + "'");
        execute("delete from known_entity where id = '" + c + "'");
        execute("insert into known_entity (id, version, name, stakeholder_type, headquarters_country, status, updated_at)"
                + " values ('" + madeUp + "', 7, 'Nowhere on the topic', 'GOVERNMENT', 'KHM', 'VERIFIED', now())");
        assertThat(viewOf(ours)).isNotEqualTo(before);

        given().auth().oauth2(SECRETARIAT).post(REBUILD).then().statusCode(403);
        String status = given().auth().oauth2(ADMIN).post(REBUILD).then().statusCode(202)
                .body("state", is("RUNNING")).extract().header("Location");
        assertThat(status).contains(REBUILD + "/");
        JsonPath done = awaitDone(status);
        assertThat(done.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(done.getLong("eventsReplayed")).isGreaterThanOrEqualTo(6);
        assertThat(done.getString("finishedAt")).isNotNull();

        assertThat(viewOf(ours)).isEqualTo(before);
        assertThat(viewOf(madeUp)).as("an entity no event brings back").isNull();
    }

    @Test
    void ofTwoRebuildsRequestedAtOnceOneRunsAndTheOtherIsToldWhichRuns() throws Exception {
        String started;
        try (HeldTable held = HeldTable.lock(dataSource, "known_entity")) {
            // The table held: a rebuild that starts stays RUNNING until the test lets it go on.
            HttpRequest post = Concurrently.request(REBUILD, ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build();
            List<Concurrently.Answer> answers = Concurrently.send(2, post);
            assertThat(answers).extracting(Concurrently.Answer::status).containsExactlyInAnyOrder(202, 409);
            Concurrently.Answer accepted = answers.stream().filter(x -> x.status() == 202).findFirst().orElseThrow();
            Concurrently.Answer refused = answers.stream().filter(x -> x.status() == 409).findFirst().orElseThrow();
            started = JsonPath.from(accepted.body()).getString("id");
            assertThat(refused.isProblem(409)).isTrue();
            assertThat(JsonPath.from(refused.body()).getString("detail")).contains(REBUILD + "/" + started);

            // It renews its lease while it runs, so that a request seconds later is still told.
            Instant expiry = leaseExpiry();
            await("the lease renewed").atMost(PATIENCE).until(() -> leaseExpiry().isAfter(expiry));
            given().auth().oauth2(ADMIN).post(REBUILD).then().statusCode(409);
            given().auth().oauth2(ADMIN).get(REBUILD + "/" + started).then().statusCode(200).body("state", is("RUNNING"));
            given().get("/q/health/ready").then()
                    .body("checks.find { it.name == 'View rebuild' }.status", is("UP"))
                    .body("checks.find { it.name == 'View rebuild' }.data.rebuilding", is(true))
                    .body("checks.find { it.name == 'View rebuild' }.data.rebuild", is(started));
        }
        assertThat(awaitDone(REBUILD + "/" + started).getString("state")).isEqualTo("SUCCEEDED");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'View rebuild' }.data.rebuilding", is(false));
    }

    @Test
    void theLeaseOfAReplicaThatDiedIsTakenOverOnceExpired() throws Exception {
        UUID dead = UUID.randomUUID();
        execute("insert into rebuild_run (id, state, owner, started_at) values ('" + dead + "', 'RUNNING', "
                + "'4242@pledge-service-7c9f (killed)', now() - interval '1 minute')");
        execute("insert into lease (name, holder, owner, expires_at) values ('view-rebuild', '" + dead + "', "
                + "'4242@pledge-service-7c9f (killed)', now() - interval '1 second')");
        given().auth().oauth2(ADMIN).get(REBUILD + "/" + dead).then().statusCode(200)
                .body("state", is("FAILED"));

        String status = given().auth().oauth2(ADMIN).post(REBUILD).then().statusCode(202).extract().header("Location");
        assertThat(status).doesNotContain(dead.toString());
        assertThat(awaitDone(status).getString("state")).isEqualTo("SUCCEEDED");
        JsonPath orphan = given().auth().oauth2(ADMIN).get(REBUILD + "/" + dead).then().statusCode(200).extract().jsonPath();
        assertThat(orphan.getString("state")).isEqualTo("FAILED");
        assertThat(orphan.getString("failure")).contains("lease");
        assertThat(orphan.getString("finishedAt")).isNotNull();

        given().auth().oauth2(ADMIN).get(REBUILD + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    // --- readiness -----------------------------------------------------------------------------------------------

    @Test
    void readinessSaysTheConsumerJoinedItsGroup() {
        await("ready").atMost(PATIENCE).until(() -> given().get("/q/health/ready").then().log().ifStatusCodeMatches(is(503))
                .extract().statusCode() == 200);
        given().get("/q/health/ready").then()
                .body("checks.name", hasItems("Inbox consumers joined their groups", "View rebuild"))
                .body("checks.find { it.name == 'Inbox consumers joined their groups' }.data.entities",
                        is(topic + ": 3 partition(s) assigned"));
    }

    // --- processed-event log -------------------------------------------------------------------------------------

    @Test
    void theProcessedLogForgetsOnlyWhatTheTopicCanNoLongerDeliverAgain() throws Exception {
        // The topics keep their history (retention.ms -1): entries are kept 30 days (keep-when-unlimited).
        UUID old = processedAgo(topic, Duration.ofDays(31));
        UUID recent = processedAgo(topic, Duration.ofDays(29));
        UUID ofAnotherTopic = processedAgo("p2c.not-consumed-here.v1", Duration.ofDays(400));
        assertThat(retention.cleanUp()).isGreaterThanOrEqualTo(1);
        assertThat(timesProcessed(old)).isZero();
        assertThat(timesProcessed(recent)).isEqualTo(1);
        assertThat(timesProcessed(ofAnotherTopic)).as("not this consumer's topic: left alone").isEqualTo(1);

        // A topic that deletes its records after a day, in segments of an hour: kept a day, an hour and a day's margin.
        alterTopic(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(1).toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis())));
        try {
            UUID gone = processedAgo(topic, Duration.ofHours(49).plusMinutes(5));
            UUID stillDeliverable = processedAgo(topic, Duration.ofHours(48));
            retention.cleanUp();
            assertThat(timesProcessed(gone)).isZero();
            assertThat(timesProcessed(stillDeliverable)).isEqualTo(1);
            assertThat(timesProcessed(recent)).as("29 days: older than the topic keeps anything").isZero();
        } finally {
            alterTopic(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private JsonPath awaitDone(String status) {
        await("rebuild " + status).atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                !"RUNNING".equals(given().auth().oauth2(ADMIN).get(status).then().statusCode(200).extract().path("state")));
        return given().auth().oauth2(ADMIN).get(status).then().statusCode(200).extract().jsonPath();
    }

    private List<UUID> parkedIds() {
        List<String> ids = given().auth().oauth2(ADMIN).get(DEAD_LETTERS).then().statusCode(200).extract().path("id");
        return ids.stream().map(UUID::fromString).toList();
    }

    private byte[] event(UUID eventId, UUID entity, String data) {
        return TestEvents.cloudEvent(eventId, "urn:p2c:entity-service", "p2c.entity.updated.v1", entity, data)
                .getBytes(StandardCharsets.UTF_8);
    }

    private void send(UUID key, byte[] value) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key.toString(), value);
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    private Delivery delivery(UUID key, long offset, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        return new Delivery(topic, 0, offset, key.toString().getBytes(StandardCharsets.UTF_8), value, headers);
    }

    private static String snapshot(UUID id, long version, String name) {
        return """
                {"id":"%s","version":%d,"name":"%s","acronym":null,"stakeholderType":"GOVERNMENT",
                 "headquartersCountry":"KHM","ituRegion":"ASIA_PACIFIC","status":"VERIFIED",
                 "registeredAt":"2024-07-01T08:00:00Z","verifiedAt":"2024-07-02T08:00:00Z",
                 "updatedAt":"2024-07-0%dT08:00:00Z","members":[{"subject":"focal-%s","role":"FOCAL_POINT"}],
                 "partnerClients":["partner-%s-%d"]}""".formatted(id, version, name, version, id, id, version);
    }

    /** Everything the view holds of an entity, or null: version, name, type, country, status, members, clients. */
    private String viewOf(UUID id) throws SQLException {
        return viewOf(List.of(id)).get(id);
    }

    private Map<UUID, String> viewOf(Collection<UUID> ids) throws SQLException {
        Map<UUID, String> view = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     select e.id, e.version || '|' || e.name || '|' || e.stakeholder_type || '|' || e.headquarters_country
                            || '|' || e.status || '|' || e.updated_at || '|' || coalesce(e.verified_at::text, '-')
                            || '|' || coalesce((select string_agg(m.subject || ':' || m.role, ',' order by m.subject)
                                                  from known_member m where m.entity_id = e.id), '')
                            || '|' || coalesce((select string_agg(p.client_id, ',' order by p.client_id)
                                                  from known_partner_client p where p.entity_id = e.id), '')
                       from known_entity e where e.id = any(?)""")) {
            q.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    view.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        }
        return view;
    }

    private int timesProcessed(UUID eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from processed_event where event_id = ?")) {
            q.setObject(1, eventId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private UUID processedAgo(String ofTopic, Duration ago) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "insert into processed_event (event_id, topic, processed_at) values (?, ?, ?)")) {
            q.setObject(1, id);
            q.setString(2, ofTopic);
            q.setTimestamp(3, Timestamp.from(Instant.now().minus(ago)));
            q.executeUpdate();
        }
        return id;
    }

    private Instant leaseExpiry() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select expires_at from lease where name = 'view-rebuild'")) {
            return rs.next() ? rs.getTimestamp(1).toInstant() : Instant.EPOCH;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void alterTopic(Map<String, String> settings) throws Exception {
        List<AlterConfigOp> ops = new ArrayList<>();
        settings.forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }
}
