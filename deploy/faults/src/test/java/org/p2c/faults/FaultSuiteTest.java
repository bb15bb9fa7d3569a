package org.p2c.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.p2c.local.Platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform under one fault at a time while writers push acknowledged writes (validated pledges, see
 * {@link PledgeWriters}); after each, every acknowledged pledge is in pledge-service, reporting-service's and
 * analytics-service's views exactly once, the outboxes are empty and the dead-letter topics hold only the poison
 * injected. Each scenario writes pledges for a country of its own, so its counts are its own. The table of all
 * scenarios is printed at the end (README.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int WRITERS = 2;
    /** Consumers of p2c.pledges.v1: a poison record there is parked once by each. */
    private static final int PLEDGE_CONSUMERS = 2;

    private TokenIssuer issuer;
    private Platform.Running platform;
    private Views views;
    private String pledger;
    private String secretariat;
    private String entityId;
    /** Poison records parked so far, all scenarios together: the dead-letter topics must hold exactly these. */
    private long poisonParked;
    private final List<Row> table = new ArrayList<>();

    record Row(String scenario, int acknowledged, long lost, long duplicated, long parked, double recoverySeconds) {
    }

    @BeforeAll
    void startPlatform() throws Exception {
        Path root = Path.of(System.getProperty("p2c.root", "../..")).toAbsolutePath().normalize();
        Path state = Path.of(System.getProperty("p2c.faults.state", "target/fault-platform"));
        issuer = TokenIssuer.start();
        long t0 = System.nanoTime();
        // No gateway (it would need Keycloak): the writers call pledge-service directly, with tokens it accepts.
        platform = Platform.start(Platform.Options.forTests(root, state).withIssuer(issuer.issuer()).withKafkaProcess()
                .withServices("entity-service", "pledge-service", "reporting-service", "analytics-service"));
        System.out.printf("Fault platform up in %.1f s, logs in %s%n", (System.nanoTime() - t0) / 1e9, platform.logs());
        views = new Views(platform);
        pledger = issuer.person("fault-pledger", "pledger");
        secretariat = issuer.person("fault-secretariat", "secretariat");
        entityId = registerVerifiedEntity();
        // pledge-service learns the entity from p2c.entities.v1: until then a draft is 503.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> post("pledge-service",
                "/api/v1/pledges", pledger, writers("KHM", 0).draft("first draft")) == 201);
    }

    @AfterAll
    void stopPlatform() {
        printTable();
        if (platform != null) {
            platform.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    @Order(1)
    void theBrokerFrozenForThirtySecondsMidBurstLosesNothing() throws Exception {
        // One writer: thirty seconds of two already make a backlog of ~4000 events per consumer to work off.
        PledgeWriters writers = writers("KHM", 1);
        awaitAcknowledged(writers, 5);
        platform.freeze("kafka");
        int beforeFreeze = writers.ackedCount();
        // Writes go on being acknowledged while the broker answers nothing: they wait in the outbox.
        await().pollDelay(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(60))
                .until(() -> writers.ackedCount() >= beforeFreeze + 3);
        platform.thaw("kafka");
        Instant faultEnded = Instant.now();
        awaitAcknowledged(writers, writers.ackedCount() + 3);
        writers.close();
        converge("1 broker frozen 30 s", "KHM", writers, faultEnded);
    }

    @Test
    @Order(2)
    void aProducerKilledWithAFullOutboxPublishesEverythingAfterItsRestart() throws Exception {
        PledgeWriters writers = writers("LAO", WRITERS);
        awaitAcknowledged(writers, 3);
        // With the broker frozen the relay cannot empty the outbox: the kill finds it full.
        platform.freeze("kafka");
        await().atMost(Duration.ofSeconds(60)).until(() -> views.count("pledge", "select count(*) from outbox_event") >= 5);
        platform.kill("pledge-service");
        platform.thaw("kafka");
        platform.restart("pledge-service");
        Instant faultEnded = Instant.now();
        awaitAcknowledged(writers, writers.ackedCount() + 3);
        writers.close();
        converge("2 kill -9 pledge-service (outbox full)", "LAO", writers, faultEnded);
    }

    @Test
    @Order(3)
    void aConsumerKilledMidBurstAppliesEveryEventOnceAfterItsRestart() throws Exception {
        PledgeWriters writers = writers("NPL", WRITERS);
        awaitAcknowledged(writers, 5);
        platform.kill("analytics-service");
        awaitAcknowledged(writers, writers.ackedCount() + 5);
        platform.restart("analytics-service");
        Instant faultEnded = Instant.now();
        writers.close();
        converge("3 kill -9 analytics-service", "NPL", writers, faultEnded);
    }

    @Test
    @Order(4)
    void postgresqlRestartedWhileConsumersWorkOffABacklogLosesNothing() throws Exception {
        // The consumers stand still while the writers build a backlog, then work it off as PostgreSQL goes away.
        platform.freeze("reporting-service");
        platform.freeze("analytics-service");
        PledgeWriters writers = writers("BGD", WRITERS);
        awaitAcknowledged(writers, 10);
        writers.close();
        platform.thaw("reporting-service");
        platform.thaw("analytics-service");
        platform.stopPostgresImmediately();
        // Down until the consumers have noticed (their readiness checks the datasource).
        await().atMost(Duration.ofSeconds(60)).until(() -> !ready("reporting-service") && !ready("analytics-service"));
        platform.restart("postgresql");
        Instant faultEnded = Instant.now();
        converge("4 PostgreSQL stop -m immediate + start", "BGD", writers, faultEnded);
    }

    @Test
    @Order(5)
    void poisonIsParkedAndUnknownTypesSkippedWhileTheWritesFlow() throws Exception {
        PledgeWriters writers = writers("MMR", WRITERS);
        awaitAcknowledged(writers, 3);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            String topic = "p2c.pledges.v1";
            // Not JSON at all.
            send(producer, topic, new byte[]{(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, (byte) 0xc3});
            // A CloudEvent of a type the consumers handle, its data without the schema's required fields.
            send(producer, topic, cloudEvent("p2c.pledge.validated.v1", Map.of("version", 1)));
            // A type added to the contract later: skipped, not parked.
            send(producer, topic, cloudEvent("p2c.pledge.something-new.v1", Map.of("version", 1)));
            producer.flush();
        }
        poisonParked += 2L * PLEDGE_CONSUMERS;
        Instant faultEnded = Instant.now();
        awaitAcknowledged(writers, writers.ackedCount() + 3);
        writers.close();
        converge("5 poison x2 + unknown type x1", "MMR", writers, faultEnded);
    }

    private void converge(String scenario, String country, PledgeWriters writers, Instant faultEnded) throws Exception {
        long parkedBefore = table.stream().mapToLong(Row::parked).sum();
        boolean converged = true;
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> views.look(country).converged(poisonParked));
        } catch (ConditionTimeoutException e) {
            converged = false;
        }
        double recovery = Duration.between(faultEnded, Instant.now()).toMillis() / 1000.0;
        Views.Snapshot s = views.look(country);
        Row row = new Row(scenario, writers.ackedCount(), s.lost(writers.acknowledged()), s.duplicated(),
                s.parked() - parkedBefore, recovery);
        table.add(row);
        printTable();
        String state = scenario + ": " + row + ", outboxes " + s.outboxes() + ", validated at source "
                + s.validatedAtSource().size() + ", in reporting " + s.inReporting().size() + ", in analytics "
                + s.inAnalytics().size() + " (counted " + s.analyticsCount() + "); logs in " + platform.logs();
        assertThat(writers.ackedCount()).as("acknowledged writes in " + scenario).isPositive();
        assertThat(row.lost()).as("lost: " + state).isZero();
        assertThat(row.duplicated()).as("duplicated: " + state).isZero();
        assertThat(s.parked()).as("parked (all scenarios): " + state).isEqualTo(poisonParked);
        assertThat(converged).as("converged within 2 min: " + state).isTrue();
    }

    private PledgeWriters writers(String country, int count) {
        return PledgeWriters.start(count, platform.serviceUrl("pledge-service"), pledger, secretariat, entityId, country);
    }

    private static void awaitAcknowledged(PledgeWriters writers, int atLeast) {
        await().atMost(Duration.ofSeconds(90)).until(() -> writers.ackedCount() >= atLeast);
    }

    private String registerVerifiedEntity() throws Exception {
        HttpResponse<String> registered = send("entity-service", "/api/v1/entities", pledger, Map.of(
                "name", "Fault suite ministry",
                "stakeholderType", "GOVERNMENT",
                "headquartersCountry", "KHM",
                "website", "https://faults.example.org/",
                "description", "Registered by the fault suite.",
                "focalPoint", Map.of("name", "Fault Pledger", "email", "fault-pledger@example.org")));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = JSON.readTree(registered.body()).get("id").asText();
        HttpResponse<String> verified = send("entity-service", "/api/v1/entities/" + id + "/verification", secretariat,
                Map.of("reason", "Checked by the fault suite"));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        return id;
    }

    private int post(String service, String path, String token, Object body) throws Exception {
        return send(service, path, token, body).statusCode();
    }

    private HttpResponse<String> send(String service, String path, String token, Object body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.serviceUrl(service) + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean ready(String service) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(platform.serviceUrl(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception notAnswering) {
            return false;
        }
    }

    private static byte[] cloudEvent(String type, Map<String, Object> data) throws Exception {
        UUID subject = UUID.randomUUID();
        return JSON.writeValueAsBytes(Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(),
                "source", "pledge-service", "type", type, "subject", subject.toString(), "time", Instant.now().toString(),
                "datacontenttype", "application/json", "data", data));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) throws Exception {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), value);
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    private void printTable() {
        StringBuilder out = new StringBuilder("\nFault suite\n");
        out.append(String.format("%-42s | %12s | %4s | %10s | %6s | %17s%n",
                "scenario", "acknowledged", "lost", "duplicated", "parked", "recovery seconds"));
        for (Row r : table) {
            out.append(String.format("%-42s | %12d | %4d | %10d | %6d | %17.1f%n",
                    r.scenario(), r.acknowledged(), r.lost(), r.duplicated(), r.parked(), r.recoverySeconds()));
        }
        System.out.print(out);
        try {
            Path file = Path.of(System.getProperty("p2c.faults.state", "target/fault-platform")).resolveSibling("fault-suite.txt");
            Files.writeString(file, out.toString());
        } catch (Exception e) {
            System.err.println("could not write the table: " + e.getMessage());
        }
    }
}
