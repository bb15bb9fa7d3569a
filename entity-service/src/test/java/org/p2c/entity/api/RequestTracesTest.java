package org.p2c.entity.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.problem.ProblemMappers;
import org.p2c.support.testing.CapturedLog;
import org.p2c.support.testing.FailingRow;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.p2c.entity.api.EntityApi.as;
import static org.p2c.entity.api.EntityApi.profile;
import static org.p2c.entity.api.EntityApi.uniqueName;
import static org.p2c.support.testing.TestTokens.person;

/**
 * A request's W3C trace goes on past the request: into the record of the event it committed (the outbox keeps the
 * trace, the relay publishes in it), and onto the 500 of an incident, whose trace id is the one its log line names.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class RequestTracesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String topic;

    @Inject
    DataSource dataSource;

    final String registrant = person("traced-" + UUID.randomUUID(), "pledger");

    @Test
    void theRecordOfAnEventCarriesTheTraceOfTheRequestThatMadeIt() {
        String trace = randomHex(32);
        String requestSpan = randomHex(16);
        UUID entity = UUID.fromString(as(registrant).header("traceparent", "00-" + trace + "-" + requestSpan + "-01")
                .body(profile(uniqueName("Traced ministry"), "KHM", "GOVERNMENT")).post("/api/v1/entities")
                .then().statusCode(201).extract().path("id"));

        ConsumerRecord<String, String> record = recordOf(entity);
        List<String> traceparents = new ArrayList<>();
        for (Header header : record.headers().headers("traceparent")) {
            traceparents.add(new String(header.value(), StandardCharsets.UTF_8));
        }
        // The relay's send is a span of the request's trace: its own span id, the request's trace id.
        assertThat(traceparents).singleElement().asString()
                .matches("00-" + trace + "-[0-9a-f]{16}-01")
                .doesNotContain(requestSpan);
    }

    @Test
    void anIncidentAnswersTheTraceIdThatItsLogLineNames() throws Exception {
        String trace = randomHex(32);
        ExtractableResponse<Response> answer;
        try (CapturedLog log = CapturedLog.of(ProblemMappers.class);
             FailingRow failing = FailingRow.onInsert(dataSource, "pledger_entity", 1)) {
            answer = as(registrant).header("traceparent", "00-" + trace + "-" + randomHex(16) + "-01")
                    .body(profile(uniqueName("Unlucky ministry"), "KHM", "GOVERNMENT")).post("/api/v1/entities")
                    .then().statusCode(500).contentType("application/problem+json").extract();

            String incident = answer.<String>path("detail").replaceFirst(".*quote incident ", "");
            assertThat(answer.<String>path("traceId")).isEqualTo(trace);
            assertThat(log.lines()).filteredOn(line -> line.message().startsWith("incident " + incident))
                    .singleElement()
                    .satisfies(line -> assertThat(line.mdc()).containsEntry("traceId", trace));
        }
        // Beside the incident id, only the trace id: nothing internal.
        assertThat(answer.jsonPath().getMap("")).containsOnlyKeys("type", "title", "status", "detail", "instance",
                "traceId");
    }

    /** The record of {@code entity}'s registration, read from the topic with a plain consumer. */
    private ConsumerRecord<String, String> recordOf(UUID entity) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await("the registration of " + entity + " on " + topic).atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (entity.toString().equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static String randomHex(int digits) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < digits) {
            hex.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
        }
        return hex.substring(0, digits);
    }
}
