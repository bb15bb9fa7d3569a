package org.p2c.e2e;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.p2c.local.testing.MailInbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.p2c.e2e.Api.AMINA;
import static org.p2c.e2e.Api.SECRETARIAT;
import static org.p2c.e2e.Api.anonymous;
import static org.p2c.e2e.Api.as;
import static org.p2c.e2e.Api.retryingWhileCatchingUp;

/**
 * The mails of the journey, read from the real mail server, addresses from the real realm (notification-service's
 * service account): the pledger receives "validated" with a link that opens the public pledge through the gateway, a
 * returned pledge's mail carries the Secretariat's comment, and every mail arrives once, also after its events are
 * delivered again (the same records put on the topic once more).
 */
@ExtendWith(E2ePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailJourneyTest {

    private static final String AMINA_ADDRESS = "amina.pledger@example.org";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String entityName = "Kampot Schools Online (mails " + suffix + ")";
    private final String validatedTitle = "Broadband for Kep's schools (mails " + suffix + ")";
    private final String returnedTitle = "Teachers' tablets in Kampot (mails " + suffix + ")";
    private MailInbox inbox;

    private String amina;
    private String secretariat;
    private String entityId;
    private String validatedId;
    private String returnedId;

    @BeforeAll
    void signIn() {
        inbox = new MailInbox(E2ePlatform.platform().mailApiUrl());
        amina = Api.signIn(AMINA);
        secretariat = Api.signIn(SECRETARIAT);
    }

    @Test
    @Order(1)
    void the_focal_point_is_mailed_when_the_entity_is_verified() {
        entityId = as(amina).body(Api.entity(entityName, "KHM", "Amina Pledger", AMINA_ADDRESS))
                .post("/api/v1/entities").then().statusCode(201).extract().path("id");
        as(secretariat).body(Map.of("reason", "Registration documents checked"))
                .post("/api/v1/entities/{id}/verification", entityId).then().statusCode(200);

        MailInbox.Mail mail = theOneMail(entityName);
        assertThat(mail.subject()).isEqualTo("Your entity " + entityName + " is verified");
        assertThat(mail.from()).isEqualTo("P2C Secretariat <no-reply@p2c.local>");
    }

    @Test
    @Order(2)
    void the_pledger_receives_validated_with_a_link_that_opens_the_public_pledge() {
        validatedId = submitted(validatedTitle);
        long validatedAt = System.nanoTime();
        as(secretariat).body(Map.of("comment", "Meets the Coalition's criteria"))
                .post("/api/v1/pledges/{id}/validation", validatedId).then().statusCode(200);

        MailInbox.Mail mail = theOneMail(validatedTitle);
        System.out.printf("A validation reached the inbox %.2f s after the Secretariat's answer%n",
                (System.nanoTime() - validatedAt) / 1e9);
        assertThat(mail.subject()).isEqualTo("Your pledge \"" + validatedTitle + "\" is validated");
        String link = mail.links().stream().filter(l -> l.contains("/api/v1/pledges/" + validatedId)).findFirst()
                .orElseThrow(() -> new AssertionError("no link to the pledge in " + mail.links()));
        assertThat(link).startsWith(E2ePlatform.gateway().replace("127.0.0.1", "localhost"));
        String path = link.substring(link.indexOf("/api/v1/"));
        anonymous().get(path).then().statusCode(200).body("title", org.hamcrest.Matchers.equalTo(validatedTitle));
        assertThat(mail.header("List-Unsubscribe")).hasSize(1);
    }

    @Test
    @Order(3)
    void a_returned_pledges_mail_carries_the_secretariats_comment() {
        returnedId = submitted(returnedTitle);
        String comment = "Please name the schools and the number of tablets (" + suffix + ")";
        as(secretariat).body(Map.of("comment", comment)).post("/api/v1/pledges/{id}/return", returnedId).then()
                .statusCode(200);

        MailInbox.Mail mail = theOneMail(returnedTitle);
        assertThat(mail.subject()).isEqualTo("Your pledge \"" + returnedTitle + "\" was returned for revision");
        assertThat(mail.text()).contains(comment);
    }

    @Test
    @Order(4)
    void nothing_is_mailed_twice_when_the_events_are_delivered_again() {
        int redelivered = redeliver("p2c.pledges.v1", List.of(validatedId, returnedId))
                + redeliver("p2c.entities.v1", List.of(entityId));
        assertThat(redelivered).as("records put on the topics again").isGreaterThanOrEqualTo(5);

        // Long enough for the consumer to take them in and the relay to run many times over.
        for (String title : List.of(entityName, validatedTitle, returnedTitle)) {
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20))
                    .until(() -> mailsAbout(title).size() == 1);
        }
    }

    private String submitted(String title) {
        String id = retryingWhileCatchingUp(() -> as(amina).body(Api.draft(entityId, title)).post("/api/v1/pledges"))
                .then().statusCode(201).extract().path("id");
        as(amina).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(200);
        return id;
    }

    private MailInbox.Mail theOneMail(String about) {
        List<MailInbox.Mail> mails = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> mailsAbout(about), m -> !m.isEmpty());
        assertThat(mails).as("mails about %s", about).hasSize(1);
        return mails.get(0);
    }

    private List<MailInbox.Mail> mailsAbout(String about) {
        return inbox.messagesTo(AMINA_ADDRESS).stream().filter(m -> m.subject().contains(about)).toList();
    }

    /** Puts every record of these aggregates on their topic once more, bytes, key and headers as they were. */
    private int redeliver(String topic, List<String> aggregates) {
        String bootstrap = E2ePlatform.platform().kafkaBootstrapServers();
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && aggregates.contains(new String(r.key(), StandardCharsets.UTF_8))) {
                        found.add(r);
                    }
                }
            }
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<byte[], byte[]> r : found) {
                producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers()));
            }
            producer.flush();
        }
        return found.size();
    }
}
