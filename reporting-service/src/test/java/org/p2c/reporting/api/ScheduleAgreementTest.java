package org.p2c.reporting.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.reporting.TestClock;
import org.p2c.reporting.events.ScheduleEvents;
import org.p2c.support.testing.EventContracts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.p2c.reporting.api.ReportWorld.as;
import static org.p2c.support.testing.TestTokens.person;

/**
 * The compliance list and the published reporting schedule give one answer: for every pledge of a fixture (validated
 * on various days and times, reported on various days, with a correction, two reports on one day and a draft), on the
 * days around each due date the schedule names (the day before the due-soon window, its first day, the due date, the
 * day after) and around each anchor, the list's state and due date are those the pledge's last
 * {@code p2c.report.schedule-changed.v1} implies — the one analytics derives its compliance figures from.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ScheduleAgreementTest {

    static final String SECRETARIAT = person("secretariat-officer", "secretariat");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    @ConfigProperty(name = "p2c.topics.reports")
    String reportsTopic;

    @Inject
    ObjectMapper json;

    KafkaCompanion kafka;

    @AfterEach
    void reset() {
        TestClock.reset();
        if (kafka != null) {
            kafka.close();
        }
    }

    /** A pledge of the fixture: when it was validated and when its reports were submitted (the last one corrects). */
    record Case(Instant validatedAt, List<Instant> submissions, boolean lastCorrects) {
    }

    @Test
    void theListAndThePublishedScheduleAgreeForEveryPledgeAroundItsDueDays() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        ConsumerTask<String, String> published = kafka.consumeStrings().fromTopics(reportsTopic);
        ReportWorld world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID entity = UUID.randomUUID();
        world.entity(entity, "member-" + run, null, "GOVERNMENT");
        String member = person("member-" + run, "pledger");
        ReportWorld.awaitEntities(entity);

        Map<UUID, Case> fixture = new LinkedHashMap<>();
        List<Case> cases = List.of(
                new Case(Instant.parse("2023-06-01T10:00:00Z"), List.of(), false),                       // never reported
                new Case(Instant.parse("2024-02-29T23:59:59Z"), List.of(), false),                       // leap day, last second
                new Case(Instant.parse("2024-03-01T00:00:00Z"), List.of(Instant.parse("2025-03-10T09:00:00Z")), false), // late
                new Case(Instant.parse("2024-01-15T08:00:00Z"), List.of(Instant.parse("2024-12-20T23:59:59Z"),
                        Instant.parse("2025-01-10T00:00:00Z")), true),                                   // corrected
                new Case(Instant.parse("2024-07-15T12:00:00Z"), List.of(Instant.parse("2025-06-20T10:00:00Z"),
                        Instant.parse("2025-06-20T18:00:00Z")), false),                                  // two on one day
                new Case(Instant.parse("2024-11-30T16:00:00Z"), List.of(Instant.parse("2024-11-30T17:00:00Z")), false)); // the day itself
        for (Case c : cases) {
            UUID pledge = world.pledge(UUID.randomUUID(), entity, "VALIDATED", 3, List.of("KHM"), c.validatedAt());
            fixture.put(pledge, c);
        }
        for (UUID pledge : fixture.keySet()) {
            ReportWorld.awaitPledge(pledge, 3);
        }
        UUID drafted = fixture.keySet().iterator().next();
        TestClock.set(Instant.parse("2024-08-01T00:00:00Z"));
        ReportWorld.draft(member, drafted, contentOn(LocalDate.parse("2024-08-01"))); // a draft moves nothing

        // The reports, submitted in time order with "now" at their submission.
        List<Map.Entry<UUID, Integer>> submissions = new ArrayList<>();
        fixture.forEach((pledge, c) -> {
            for (int k = 0; k < c.submissions().size(); k++) {
                submissions.add(Map.entry(pledge, k));
            }
        });
        submissions.sort((x, y) -> fixture.get(x.getKey()).submissions().get(x.getValue())
                .compareTo(fixture.get(y.getKey()).submissions().get(y.getValue())));
        Map<UUID, UUID> lastReport = new HashMap<>();
        for (var s : submissions) {
            Case c = fixture.get(s.getKey());
            Instant at = c.submissions().get(s.getValue());
            TestClock.set(at);
            Map<String, Object> body = new HashMap<>(Map.of("pledgeId", s.getKey(),
                    "content", contentOn(at.atZone(ZoneOffset.UTC).toLocalDate())));
            if (c.lastCorrects() && s.getValue() == c.submissions().size() - 1) {
                body.put("supersedes", lastReport.get(s.getKey()));
            }
            UUID report = UUID.fromString(as(member).body(body).post("/api/v1/reports").then().statusCode(201)
                    .extract().path("id"));
            as(member).post("/api/v1/reports/{id}/submission", report).then().statusCode(200);
            lastReport.put(s.getKey(), report);
        }

        // Each pledge's newest schedule, once it names the day of its last submission (or of its validation).
        Map<UUID, JsonNode> schedules = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            schedules.clear();
            schedules.putAll(newestSchedules(published.getRecords(), fixture.keySet()));
            fixture.forEach((pledge, c) -> {
                Instant last = c.submissions().isEmpty() ? c.validatedAt() : c.submissions().get(c.submissions().size() - 1);
                JsonNode anchors = schedules.containsKey(pledge) ? schedules.get(pledge).get("anchors") : null;
                assertThat(anchors).as("schedule of %s", pledge).isNotNull();
                assertThat(anchors.get(anchors.size() - 1).get("from").asText()).as("schedule of %s", pledge)
                        .isEqualTo(day(last).toString());
            });
        });
        published.stop();

        // The dates around every anchor and due day of every pledge.
        TreeSet<LocalDate> dates = new TreeSet<>();
        schedules.values().forEach(s -> s.get("anchors").forEach(a -> {
            LocalDate from = LocalDate.parse(a.get("from").asText());
            LocalDate due = LocalDate.parse(a.get("dueOn").asText());
            LocalDate soon = LocalDate.parse(a.get("dueSoonFrom").asText());
            dates.addAll(List.of(from.minusDays(1), from, soon.minusDays(1), soon, due, due.plusDays(1)));
        }));
        int compared = 0;
        for (LocalDate date : dates) {
            for (String time : List.of("T00:00:00Z", "T23:59:59Z")) {
                TestClock.set(Instant.parse(date + time));
                Map<String, Map<String, String>> listed = new HashMap<>();
                List<Map<String, String>> items = as(SECRETARIAT)
                        .get("/api/v1/reports/compliance?state=UP_TO_DATE&state=DUE&state=OVERDUE&entityId={e}&size=100", entity)
                        .then().statusCode(200).extract().path("items");
                items.forEach(i -> listed.put(i.get("pledgeId"), i));
                for (UUID pledge : fixture.keySet()) {
                    JsonNode inForce = inForceOn(schedules.get(pledge), date);
                    Map<String, String> standing = listed.get(pledge.toString());
                    if (inForce == null) {
                        assertThat(standing).as("%s on %s: not validated yet", pledge, date).isNull();
                        continue;
                    }
                    assertThat(standing).as("%s on %s", pledge, date).isNotNull();
                    assertThat(standing.get("dueDate")).as("due date of %s on %s", pledge, date)
                            .isEqualTo(inForce.get("dueOn").asText());
                    assertThat(standing.get("state")).as("state of %s on %s", pledge, date)
                            .isEqualTo(stateOn(inForce, date));
                    compared++;
                }
            }
        }
        assertThat(compared).as("standings compared").isGreaterThan(fixture.size() * 8);

        // The fixture's own days: the leap-day pledge owes its report on 2025-02-28; the late report restarts the year
        // from its day; the correction is a submission; two reports on one day are one anchor; a report on the
        // validation day moves nothing.
        List<UUID> pledges = new ArrayList<>(fixture.keySet());
        assertThat(anchors(schedules.get(pledges.get(1)))).containsExactly("2024-02-29>2025-02-28/2025-01-29");
        assertThat(anchors(schedules.get(pledges.get(2))))
                .containsExactly("2024-03-01>2025-03-01/2025-01-30", "2025-03-10>2026-03-10/2026-02-08");
        assertThat(anchors(schedules.get(pledges.get(3)))).containsExactly("2024-01-15>2025-01-15/2024-12-16",
                "2024-12-20>2025-12-20/2025-11-20", "2025-01-10>2026-01-10/2025-12-11");
        assertThat(anchors(schedules.get(pledges.get(4))))
                .containsExactly("2024-07-15>2025-07-15/2025-06-15", "2025-06-20>2026-06-20/2026-05-21");
        assertThat(anchors(schedules.get(pledges.get(5)))).containsExactly("2024-11-30>2025-11-30/2025-10-31");
        assertThat(anchors(schedules.get(drafted))).containsExactly("2023-06-01>2024-06-01/2024-05-02");
    }

    /** The newest version of the schedule of each of the pledges, each event checked against its contract. */
    private Map<UUID, JsonNode> newestSchedules(List<ConsumerRecord<String, String>> records, java.util.Set<UUID> pledges)
            throws Exception {
        Map<UUID, JsonNode> newest = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode event = json.readTree(r.value());
            if (!event.get("type").asText().equals(ScheduleEvents.SCHEDULE_CHANGED)) {
                continue;
            }
            UUID pledge = UUID.fromString(r.key());
            if (!pledges.contains(pledge)) {
                continue;
            }
            assertThat(EventContracts.violations(event, "reporting-schedule.v1.json")).as("contract of %s", event).isEmpty();
            JsonNode data = event.get("data");
            assertThat(data.get("pledgeId").asText()).isEqualTo(r.key());
            JsonNode known = newest.get(pledge);
            if (known == null || known.get("version").asLong() < data.get("version").asLong()) {
                newest.put(pledge, data);
            }
        }
        return newest;
    }

    /** What the event says of day D: the anchor with the latest {@code from} on or before D (null: none). */
    private static JsonNode inForceOn(JsonNode schedule, LocalDate day) {
        JsonNode inForce = null;
        for (JsonNode a : schedule.get("anchors")) {
            LocalDate from = LocalDate.parse(a.get("from").asText());
            if (!from.isAfter(day) && (inForce == null || from.isAfter(LocalDate.parse(inForce.get("from").asText())))) {
                inForce = a;
            }
        }
        return inForce;
    }

    /** The state the schema's description gives an anchor on day D. */
    private static String stateOn(JsonNode anchor, LocalDate day) {
        if (day.isAfter(LocalDate.parse(anchor.get("dueOn").asText()))) {
            return "OVERDUE";
        }
        return day.isBefore(LocalDate.parse(anchor.get("dueSoonFrom").asText())) ? "UP_TO_DATE" : "DUE";
    }

    private static List<String> anchors(JsonNode schedule) {
        List<String> out = new ArrayList<>();
        schedule.get("anchors").forEach(a -> out.add(a.get("from").asText() + ">" + a.get("dueOn").asText() + "/"
                + a.get("dueSoonFrom").asText()));
        return out;
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** A complete report as of its submission day (no amount: the rates table is not what this test is about). */
    private static Map<String, Object> contentOn(LocalDate day) {
        Map<String, Object> c = new HashMap<>(ReportWorld.content());
        c.remove("amountDisbursed");
        c.put("asOfDate", day.toString());
        c.put("periodStart", day.minusMonths(6).toString());
        c.put("periodEnd", day.toString());
        return c;
    }
}
