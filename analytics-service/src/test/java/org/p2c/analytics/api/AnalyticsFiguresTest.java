package org.p2c.analytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.p2c.analytics.service.Replay;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.rebuild.RebuildRun;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.p2c.support.testing.TestTokens.person;

/**
 * The figures of docs/domain.md, end to end: a deterministic world of entities, pledges and reports reaches analytics
 * as events (shuffled across topics and versions, some twice), and every endpoint must answer what a plain
 * computation over the same world gives, at dates before and after validations, withdrawals, revisions and reports.
 * A revised pledge counts with the content it had on the date asked.
 *
 * <p>Its own application, database and topics (RESTRICTED_TO_CLASS): the expected figures are exact, so no other
 * class's events may be in the projections, and Quarkus would otherwise share one application among the classes
 * that declare the same test resources.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(OidcWiremockTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsFiguresTest {

    static final Fixture WORLD = new Fixture(20240707L, 120, 400);
    static final Expected EXPECTED = new Expected(WORLD);
    static final String SECRETARIAT = person("secretariat-officer", "secretariat");
    static final String ADMIN = person("platform-admin", "admin");
    static final String[] REGIONS = Fixture.REGIONS;
    static boolean published;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;
    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;
    @ConfigProperty(name = "p2c.topics.reports")
    String reportsTopic;

    @Inject
    EntityManager em;

    @Inject
    Replay replay;

    final ObjectMapper json = new ObjectMapper();
    KafkaCompanion kafka;

    @BeforeEach
    void worldHasArrived() throws InterruptedException {
        kafka = new KafkaCompanion(bootstrap);
        if (!published) {
            published = true; // once, even if it fails: the other tests then fail fast
            List<Fixture.Event> deliveries = WORLD.deliveries();
            Deliveries.publish(kafka, topics(), deliveries);
            Deliveries.awaitProcessed(em, deliveries.stream().map(Fixture.Event::id).distinct().count());
        }
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    Map<String, String> topics() {
        return Map.of("entities", entitiesTopic, "pledges", pledgesTopic, "reports", reportsTopic);
    }

    /** Quiet days, and the days around withdrawals and validations, when the figures move. */
    static List<LocalDate> dates() {
        List<LocalDate> dates = new ArrayList<>(List.of(LocalDate.of(2021, 12, 31), LocalDate.of(2022, 6, 30),
                LocalDate.of(2023, 3, 15), LocalDate.of(2024, 7, 7), LocalDate.of(2025, 6, 30), LocalDate.of(2026, 12, 31)));
        List<LocalDate> withdrawals = WORLD.withdrawalDays();
        for (int i = 0; i < withdrawals.size(); i += Math.max(1, withdrawals.size() / 3)) {
            dates.add(withdrawals.get(i).minusDays(1));
            dates.add(withdrawals.get(i));
        }
        WORLD.pledges.stream().filter(p -> p.validatedAt() != null).limit(2)
                .forEach(p -> dates.add(Expected.day(p.validatedAt())));
        // The day before and the day of revisions: those of the pledges revised around the check dates, and some others.
        WORLD.revised.forEach(p -> p.revisions().stream().skip(1).forEach(r -> {
            dates.add(Expected.day(r.validatedAt()).minusDays(1));
            dates.add(Expected.day(r.validatedAt()));
        }));
        List<LocalDate> revisions = WORLD.revisionDays();
        for (int i = 0; i < revisions.size(); i += Math.max(1, revisions.size() / 4)) {
            dates.add(revisions.get(i).minusDays(1));
            dates.add(revisions.get(i));
        }
        return dates.stream().distinct().sorted().toList();
    }

    /** The pledge whose revision, validated between the two compared dates, moves it from Asia-Pacific to Africa and Europe. */
    static Fixture.Pledge movedByItsRevision() {
        return WORLD.revised.get(0);
    }

    static LocalDate movedOn() {
        return Expected.day(Instant.parse(Fixture.REVISED_BETWEEN_THE_COMPARED_DATES));
    }

    JsonNode get(String path) {
        return get(path, null);
    }

    JsonNode get(String path, String token) {
        var spec = token == null ? given() : given().auth().oauth2(token);
        String body = spec.accept("application/json").get(path).then().statusCode(200).extract().asString();
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(0)
    void theWorldHasWhatTheFiguresMustGetRight() {
        Expected.Headline mid = EXPECTED.headline(LocalDate.of(2024, 7, 7), null);
        assertThat(mid.pledges()).isGreaterThan(100);
        assertThat(mid.reported()).isGreaterThan(20).isLessThan(mid.pledges());
        assertThat(mid.entitiesByType()).hasSizeGreaterThan(4);
        assertThat(EXPECTED.headline(LocalDate.of(2021, 12, 31), null).pledges()).isZero();
        // Withdrawals move the figures on their day, and some pledges were validated after 7 July 2024.
        assertThat(dates()).as("a date on which a withdrawal lowers the count, and the day before")
                .anyMatch(d -> EXPECTED.headline(d.minusDays(1), null).pledges() > EXPECTED.headline(d, null).pledges()
                        && dates().contains(d.minusDays(1)));
        assertThat(EXPECTED.headline(LocalDate.of(2026, 12, 31), null).pledges()).isGreaterThan(mid.pledges());
        assertThat(EXPECTED.country("KHM", LocalDate.of(2024, 7, 7)).completion()).hasSizeGreaterThan(1);
        assertThat(WORLD.reports.stream().filter(r -> r.supersededAt() != null)).isNotEmpty();
    }

    @Test
    @Order(0)
    void theWorldHasRevisionsAroundTheCheckDates() {
        assertThat(WORLD.revisionDays()).as("random pledges revised too").hasSizeGreaterThan(WORLD.revised.size() + 20);
        // The revised pledges change what the figures read, so a figure that kept one content for every date is wrong.
        for (Fixture.Pledge p : WORLD.revised) {
            for (int i = 1; i < p.revisions().size(); i++) {
                Fixture.Content before = p.revisions().get(i - 1).content();
                Fixture.Content after = p.revisions().get(i).content();
                assertThat(after.usd()).isNotEqualTo(before.usd());
                assertThat(after.countries()).isNotEqualTo(before.countries());
                assertThat(after.pillars()).isNotEqualTo(before.pillars());
                assertThat(after.targets()).isNotEqualTo(before.targets());
            }
        }
        assertThat(dates()).contains(LocalDate.of(2023, 3, 15), LocalDate.of(2024, 7, 7), LocalDate.of(2024, 7, 8),
                LocalDate.of(2025, 6, 30), LocalDate.of(2024, 1, 10));
        // Nothing but the revision moves the pledges on the day the comparison looks at.
        LocalDate day = movedOn();
        assertThat(WORLD.pledges.stream().filter(p -> p != movedByItsRevision()).filter(p -> day.equals(dayOf(p.validatedAt()))
                || day.equals(dayOf(p.withdrawnAt())) || p.revisions().stream().anyMatch(r -> day.equals(dayOf(r.validatedAt()))))
                .map(Fixture.Pledge::id)).as("pledges that move on " + day).isEmpty();
        assertThat(Expected.contentOn(movedByItsRevision(), day.minusDays(1)).regions()).containsExactly("ASIA_PACIFIC");
        assertThat(Expected.contentOn(movedByItsRevision(), day).regions()).containsExactly("AFRICA", "EUROPE");
        assertThat(WORLD.pledges).filteredOn(p -> p.entityId().equals(movedByItsRevision().entityId())).hasSize(1);
    }

    private static LocalDate dayOf(Instant i) {
        return i == null ? null : Expected.day(i);
    }

    @Test
    @Order(1)
    void overviewMatchesTheWorldAtEveryDate() {
        SoftAssertions soft = new SoftAssertions();
        for (LocalDate d : dates()) {
            assertFigures(soft, "overview " + d, get("/api/v1/analytics/overview?asOf=" + d), EXPECTED.headline(d, null));
        }
        soft.assertAll();
    }

    @Test
    @Order(2)
    void regionFiguresCountThePledgesImplementedThere() {
        SoftAssertions soft = new SoftAssertions();
        for (LocalDate d : dates()) {
            for (String region : REGIONS) {
                assertFigures(soft, region + " " + d, get("/api/v1/analytics/regions/" + region + "?asOf=" + d),
                        EXPECTED.headline(d, region));
            }
        }
        soft.assertAll();
    }

    @Test
    @Order(3)
    void countryBriefsCountThePledgesTargetingTheCountry() {
        SoftAssertions soft = new SoftAssertions();
        for (LocalDate d : dates()) {
            for (String country : List.of("KHM", "LAO", "FJI", "KEN", "FRA", "EGY", "KGZ", "SEN", "USA")) {
                JsonNode a = get("/api/v1/analytics/countries/" + country + "?asOf=" + d);
                Expected.Brief e = EXPECTED.country(country, d);
                String as = country + " " + d + " ";
                soft.assertThat(a.path("pledges").asLong()).as(as + "pledges").isEqualTo(e.pledges());
                soft.assertThat(a.path("estimatedValueUsd").asText()).as(as + "value").isEqualTo(e.usd().toPlainString());
                soft.assertThat(a.path("entities").asLong()).as(as + "entities").isEqualTo(e.entities());
                soft.assertThat(a.path("pledgerCountries").asLong()).as(as + "countries").isEqualTo(e.pledgerCountries());
                soft.assertThat(a.path("reportedPledges").asLong()).as(as + "reported").isEqualTo(e.reported());
                soft.assertThat(a.path("reportedSharePercent").decimalValue())
                        .as(as + "reported share").isEqualByComparingTo(Expected.percent(e.reported(), e.pledges()));
                soft.assertThat(nonZero(a.path("pledgesByStakeholderType"))).as(as + "by type").isEqualTo(e.pledgesByType());
                soft.assertThat(nonZero(a.path("reportedPledgesByStakeholderType"))).as(as + "reported by type")
                        .isEqualTo(e.reportedByType());
                soft.assertThat(nonZero(a.path("completionStatus"))).as(as + "completion").isEqualTo(e.completion());
                JsonNode ends = a.path("endDates");
                soft.assertThat(ends.path("endedBeforeAsOf").asLong()).as(as + "ended").isEqualTo(e.ended());
                soft.assertThat(ends.path("endedBeforeAsOfWithReports").asLong()).as(as + "ended with reports")
                        .isEqualTo(e.endedWithReports());
                soft.assertThat(ends.path("endingInYear").asLong()).as(as + "ending this year").isEqualTo(e.endingThisYear());
                soft.assertThat(nonZero(ends.path("endingLaterByYear"))).as(as + "later").isEqualTo(e.laterByYear());
                soft.assertThat(ends.path("withoutEndDate").asLong()).as(as + "no end").isEqualTo(e.noEndDate());
                soft.assertThat(nonZero(a.path("targets"))).as(as + "targets").isEqualTo(e.targets());
                soft.assertThat(nonZero(a.path("challengeCategories"))).as(as + "challenges").isEqualTo(e.challenges());
                soft.assertThat(nonZero(a.path("solutionCategories"))).as(as + "solutions").isEqualTo(e.solutions());
                soft.assertThat(isMostCommonFirst(a.path("targets"))).as(as + "targets most common first").isTrue();
                soft.assertThat(isMostCommonFirst(a.path("challengeCategories"))).as(as + "challenges most common first").isTrue();
            }
        }
        soft.assertAll();
    }

    @Test
    @Order(4)
    void comparisonShowsTheHeadlineFiguresAtTwoDates() {
        SoftAssertions soft = new SoftAssertions();
        LocalDate first = LocalDate.of(2024, 6, 1);
        LocalDate second = LocalDate.of(2024, 7, 6);
        for (String region : new String[]{null, "ASIA_PACIFIC"}) {
            JsonNode a = get("/api/v1/analytics/comparison?compareTo=" + first + "&asOf=" + second
                    + (region == null ? "" : "&region=" + region));
            Expected.Headline e1 = EXPECTED.headline(first, region);
            Expected.Headline e2 = EXPECTED.headline(second, region);
            assertFigures(soft, "first " + region, a.path("first"), e1);
            assertFigures(soft, "second " + region, a.path("second"), e2);
            soft.assertThat(a.path("change").path("pledges").asLong()).isEqualTo(e2.pledges() - e1.pledges());
            soft.assertThat(a.path("change").path("entities").asLong()).isEqualTo(e2.entities() - e1.entities());
            soft.assertThat(new BigDecimal(a.path("change").path("estimatedValueUsd").asText()))
                    .isEqualByComparingTo(e2.usd().subtract(e1.usd()));
        }
        soft.assertAll();
    }

    @Test
    @Order(4)
    void comparisonShowsWhatARevisionChanged() {
        Fixture.Content before = movedByItsRevision().revisions().get(0).content();
        Fixture.Content after = movedByItsRevision().revisions().get(1).content();
        LocalDate day = movedOn();
        String path = "/api/v1/analytics/comparison?compareTo=" + day.minusDays(1) + "&asOf=" + day;
        JsonNode world = get(path);
        assertThat(world.path("change").path("pledges").asLong()).isZero();
        assertThat(new BigDecimal(world.path("change").path("estimatedValueUsd").asText()))
                .isEqualByComparingTo(after.usd().subtract(before.usd()));
        JsonNode asia = get(path + "&region=ASIA_PACIFIC");
        assertThat(asia.path("change").path("pledges").asLong()).isEqualTo(-1);
        assertThat(asia.path("change").path("entities").asLong()).isEqualTo(-1);
        assertThat(new BigDecimal(asia.path("change").path("estimatedValueUsd").asText())).isEqualByComparingTo(before.usd().negate());
        JsonNode africa = get(path + "&region=AFRICA");
        assertThat(africa.path("change").path("pledges").asLong()).isEqualTo(1);
        assertThat(africa.path("change").path("entities").asLong()).isEqualTo(1);
        assertThat(new BigDecimal(africa.path("change").path("estimatedValueUsd").asText())).isEqualByComparingTo(after.usd());
    }

    @Test
    @Order(4)
    void comparisonAroundEveryRevisionMatchesTheWorld() {
        SoftAssertions soft = new SoftAssertions();
        List<String> scopes = new ArrayList<>(List.of(REGIONS));
        scopes.add(null);
        for (Fixture.Pledge p : WORLD.revised) {
            for (Fixture.Revision r : p.revisions()) {
                LocalDate first = Expected.day(r.validatedAt()).minusDays(1);
                for (LocalDate second : List.of(first.plusDays(1), first.plusDays(40))) {
                    for (String region : scopes) {
                        JsonNode a = get("/api/v1/analytics/comparison?compareTo=" + first + "&asOf=" + second
                                + (region == null ? "" : "&region=" + region));
                        Expected.Headline e1 = EXPECTED.headline(first, region);
                        Expected.Headline e2 = EXPECTED.headline(second, region);
                        String as = first + " vs " + second + " " + region;
                        assertFigures(soft, as + " first", a.path("first"), e1);
                        assertFigures(soft, as + " second", a.path("second"), e2);
                        soft.assertThat(a.path("change").path("pledges").asLong()).as(as + " change").isEqualTo(e2.pledges() - e1.pledges());
                        soft.assertThat(new BigDecimal(a.path("change").path("estimatedValueUsd").asText())).as(as + " value change")
                                .isEqualByComparingTo(e2.usd().subtract(e1.usd()));
                    }
                }
            }
        }
        soft.assertAll();
    }

    @Test
    @Order(5)
    void monthlySeriesGivesPledgesAndValueAtEachMonthEnd() {
        LocalDate asOf = LocalDate.of(2026, 2, 15);
        JsonNode a = get("/api/v1/analytics/time-series?from=2021-11&asOf=" + asOf);
        List<String> months = new ArrayList<>();
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode point : a.path("months")) {
            YearMonth m = YearMonth.parse(point.path("month").asText());
            months.add(m.toString());
            LocalDate end = m.atEndOfMonth().isAfter(asOf) ? asOf : m.atEndOfMonth();
            Expected.Headline e = EXPECTED.headline(end, null);
            soft.assertThat(point.path("pledges").asLong()).as("pledges at " + end).isEqualTo(e.pledges());
            soft.assertThat(point.path("valueUsd").asText()).as("value at " + end).isEqualTo(e.usd().toPlainString());
        }
        soft.assertAll();
        assertThat(months).hasSize(52).startsWith("2021-11").endsWith("2026-02");

        JsonNode asia = get("/api/v1/analytics/time-series?from=2024-06&asOf=2024-07-07&region=ASIA_PACIFIC");
        assertThat(asia.path("months").get(1).path("pledges").asLong())
                .isEqualTo(EXPECTED.headline(LocalDate.of(2024, 7, 7), "ASIA_PACIFIC").pledges());
    }

    @Test
    @Order(5)
    void regionSeriesFollowThePledgesThatRevisionsMoveInAndOut() {
        SoftAssertions soft = new SoftAssertions();
        LocalDate asOf = LocalDate.of(2026, 6, 15);
        for (String region : REGIONS) {
            JsonNode a = get("/api/v1/analytics/time-series?from=2022-01&asOf=" + asOf + "&region=" + region);
            Expected.Headline previous = EXPECTED.headline(LocalDate.of(2021, 12, 31), region);
            for (JsonNode point : a.path("months")) {
                YearMonth m = YearMonth.parse(point.path("month").asText());
                LocalDate end = m.atEndOfMonth().isAfter(asOf) ? asOf : m.atEndOfMonth();
                Expected.Headline e = EXPECTED.headline(end, region);
                String as = region + " " + m;
                soft.assertThat(point.path("pledges").asLong()).as(as + " pledges").isEqualTo(e.pledges());
                soft.assertThat(point.path("valueUsd").asText()).as(as + " value").isEqualTo(e.usd().toPlainString());
                soft.assertThat(point.path("pledgesChange").asLong()).as(as + " change").isEqualTo(e.pledges() - previous.pledges());
                soft.assertThat(point.path("valueUsdChange").asText()).as(as + " value change")
                        .isEqualTo(e.usd().subtract(previous.usd()).toPlainString());
                previous = e;
            }
            soft.assertThat(a.path("months").size()).as(region + " months").isEqualTo(54);
        }
        soft.assertAll();
    }

    @Test
    @Order(6)
    void reportingComplianceIsForTheSecretariatAndFollowsTheYearlyRule() {
        given().get("/api/v1/analytics/compliance").then().statusCode(401);
        given().auth().oauth2(person("amina", "pledger")).get("/api/v1/analytics/compliance").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        SoftAssertions soft = new SoftAssertions();
        // Besides the usual dates, the days around the due dates the published schedules name (a sample of them).
        List<LocalDate> dueDays = WORLD.dueDays();
        List<LocalDate> checked = new ArrayList<>(dates());
        for (int i = 0; i < dueDays.size(); i += Math.max(1, dueDays.size() / 40)) {
            checked.add(dueDays.get(i));
        }
        for (LocalDate d : checked.stream().distinct().sorted().toList()) {
            JsonNode a = get("/api/v1/analytics/compliance?asOf=" + d, SECRETARIAT);
            Map<String, Map<String, Long>> byType = EXPECTED.compliance(d, false);
            Map<String, Map<String, Long>> byRegion = EXPECTED.compliance(d, true);
            soft.assertThat(standings(a.path("byStakeholderType"))).as("by stakeholder type " + d).isEqualTo(byType);
            soft.assertThat(standings(a.path("byRegion"))).as("by region " + d).isEqualTo(byRegion);
            soft.assertThat(a.path("overdue").asLong()).as("overdue " + d)
                    .isEqualTo(byType.getOrDefault("OVERDUE", Map.of()).values().stream().mapToLong(Long::longValue).sum());
            soft.assertThat(a.path("due").asLong()).as("due " + d)
                    .isEqualTo(byType.getOrDefault("DUE", Map.of()).values().stream().mapToLong(Long::longValue).sum());
        }
        soft.assertAll();
        assertThat(EXPECTED.compliance(LocalDate.of(2025, 6, 30), false)).as("the fixture has overdue and due pledges")
                .containsKeys("OVERDUE", "DUE");
    }

    @Test
    @Order(7)
    void everyAnswerIsAlsoCsv() {
        LocalDate d = LocalDate.of(2024, 7, 7);
        Expected.Headline e = EXPECTED.headline(d, null);
        Map<String, String> overview = csv(given().accept("text/csv").get("/api/v1/analytics/overview?asOf=" + d));
        assertThat(overview).containsEntry("pledges", String.valueOf(e.pledges()))
                .containsEntry("estimatedValueUsd", e.usd().toPlainString())
                .containsEntry("entitiesByStakeholderType.GOVERNMENT.count",
                        String.valueOf(e.entitiesByType().getOrDefault("GOVERNMENT", 0L)))
                .containsEntry("reportingEntities", String.valueOf(e.reportingEntities()))
                .containsEntry("asOf", d.toString());
        Expected.Brief khm = EXPECTED.country("KHM", d);
        Map<String, String> brief = csv(given().get("/api/v1/analytics/countries/KHM?format=csv&asOf=" + d));
        assertThat(brief).containsEntry("reportedPledges", String.valueOf(khm.reported()))
                .containsEntry("endDates.endedBeforeAsOf", String.valueOf(khm.ended()));
        Map<String, String> compliance = csv(given().auth().oauth2(SECRETARIAT)
                .get("/api/v1/analytics/compliance?format=csv&asOf=" + d));
        assertThat(compliance).containsKey("byRegion.AFRICA.overdue");
        Map<String, String> series = csv(given().get("/api/v1/analytics/time-series?format=csv&from=2024-01&asOf=" + d));
        assertThat(series).containsEntry("months.2024-07.pledges", String.valueOf(e.pledges()));
    }

    @Test
    @Order(8)
    void badInputIsAProblemNamingTheParameter() {
        problem("/api/v1/analytics/overview?asOf=2024-13-01", "asOf");
        problem("/api/v1/analytics/overview?asOf=yesterday", "asOf");
        problem("/api/v1/analytics/overview?format=xml", "format");
        problem("/api/v1/analytics/regions/ATLANTIS", "region");
        problem("/api/v1/analytics/countries/ZZZ", "country");
        problem("/api/v1/analytics/comparison", "compareTo");
        problem("/api/v1/analytics/comparison?compareTo=2024-02-30", "compareTo");
        problem("/api/v1/analytics/comparison?compareTo=2024-01-01&region=MARS", "region");
        problem("/api/v1/analytics/time-series?from=2024-13", "from");
        problem("/api/v1/analytics/time-series?from=2024-08&asOf=2024-07-07", "from");
    }

    @Test
    @Order(9)
    void everyAnswerSaysHowFreshItIs() {
        JsonNode a = get("/api/v1/analytics/overview");
        assertThat(a.path("asOf").asText()).isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(a.path("freshness").path("lastEventAppliedAt").asText()).isNotEmpty();
        assertThat(Instant.parse(a.path("freshness").path("lastChangeAt").asText())).isAfter(Instant.parse("2022-01-01T00:00:00Z"));
    }

    @Test
    @Order(90)
    void redeliveredAndStaleEventsChangeNothing() throws Exception {
        Map<String, String> before = answers();
        List<Fixture.Event> again = new ArrayList<>(WORLD.history);
        // Older versions once more, as new events (a producer's replay): the newest version stays.
        // A pledge's events and its reporting schedule's share the key (the pledge id): versions count per type of data.
        java.util.function.Function<Fixture.Event, String> versioned = e -> e.type().startsWith("p2c.report.schedule")
                + " " + e.key();
        Map<String, Long> newest = new HashMap<>();
        WORLD.history.forEach(e -> newest.merge(versioned.apply(e), e.data().getLong("version"), Math::max));
        WORLD.history.stream().filter(e -> e.data().getLong("version") < newest.get(versioned.apply(e)))
                .forEach(e -> again.add(new Fixture.Event(e.aggregate(), e.key(), WORLD.uuid(), e.type(), e.data())));
        long expected = Deliveries.processed(em) + (again.size() - WORLD.history.size());
        Deliveries.publish(kafka, topics(), again);
        Deliveries.awaitProcessed(em, expected);
        Thread.sleep(1000); // the duplicates, which leave no trace, have had their turn too
        assertThat(answers()).isEqualTo(before);
    }

    @Test
    @Order(95)
    void rebuildFromTheTopicsGivesIdenticalAnswers() throws Exception {
        Map<String, String> before = answers();
        given().auth().oauth2(SECRETARIAT).post("/api/v1/analytics/rebuild").then().statusCode(403);
        String status = given().auth().oauth2(ADMIN).post("/api/v1/analytics/rebuild").then().statusCode(202)
                .body("state", is("RUNNING")).extract().header("Location");
        assertThat(status).contains("/api/v1/analytics/rebuild/");
        awaitSucceeded(status);
        given().auth().oauth2(ADMIN).get(status).then().statusCode(200)
                .body("eventsReplayed", is(greaterThanOrEqual(WORLD.history.size())))
                .body("finishedAt", is(notNullValue()));
        assertThat(answers()).isEqualTo(before);
        overviewMatchesTheWorldAtEveryDate();
        countryBriefsCountThePledgesTargetingTheCountry();
        comparisonShowsWhatARevisionChanged();
    }

    @Test
    @Order(96)
    void projectionTablesOfAnOlderVersionAreRebuiltFromTheTopics() {
        Map<String, String> before = answers();
        assertThat(replay.rebuildIfRequired()).as("current tables: nothing to do").isEmpty();
        // What a migration of the projections' tables leaves (V3: country scopes missing, rebuild_required set).
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from daily_total where scope like 'COUNTRY:%'").executeUpdate();
            em.createNativeQuery("delete from monthly_total where scope like 'COUNTRY:%'").executeUpdate();
            em.createNativeQuery("update projection_state set rebuild_required = true").executeUpdate();
        });
        assertThat(answers()).isNotEqualTo(before);
        RebuildRun run = replay.rebuildIfRequired().orElseThrow();
        awaitSucceeded("/api/v1/analytics/rebuild/" + run.id());
        given().auth().oauth2(ADMIN).get("/api/v1/analytics/rebuild/" + run.id()).then()
                .body("eventsReplayed", is(greaterThanOrEqual(WORLD.history.size())));
        assertThat(answers()).isEqualTo(before);
        assertThat(replay.rebuildIfRequired()).as("once").isEmpty();
    }

    /** Rebuilds run in the background: their status resource says when one is done. */
    private static void awaitSucceeded(String status) {
        await("rebuild " + status).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                !"RUNNING".equals(given().auth().oauth2(ADMIN).get(status).then().statusCode(200).extract().path("state")));
        given().auth().oauth2(ADMIN).get(status).then().body("state", is("SUCCEEDED"));
    }

    @Test
    @Order(99)
    void aChangeIsVisibleWithinSeconds() throws Exception {
        // A pledge validated in 2031: no figure the other tests read moves.
        UUID entity = UUID.randomUUID();
        UUID pledge = UUID.randomUUID();
        LocalDate later = LocalDate.of(2031, 12, 31);
        long before = get("/api/v1/analytics/overview?asOf=" + later).path("pledges").asLong();
        Fixture.Event entityEvent = new Fixture.Event("entities", entity, UUID.randomUUID(), "p2c.entity.verified.v1",
                new JsonObject().put("id", entity.toString()).put("version", 1).put("name", "Late").put("stakeholderType", "OTHER")
                        .put("headquartersCountry", "PER").put("status", "VERIFIED").put("registeredAt", "2031-01-01T00:00:00Z")
                        .put("updatedAt", "2031-01-01T00:00:00Z").put("members", new JsonArray()).put("partnerClients", new JsonArray()));
        JsonObject pledgeData = WORLD.history.stream().filter(e -> e.type().equals("p2c.pledge.validated.v1")).findFirst()
                .orElseThrow().data().copy().put("id", pledge.toString()).put("pledgerEntityId", entity.toString())
                .put("validatedAt", "2031-03-01T10:00:00Z").put("updatedAt", "2031-03-01T10:00:00Z");
        long start = System.nanoTime();
        Deliveries.publish(kafka, topics(), List.of(entityEvent,
                new Fixture.Event("pledges", pledge, UUID.randomUUID(), "p2c.pledge.validated.v1", pledgeData)));
        long now = before;
        while (now == before && System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
            Thread.sleep(20);
            now = get("/api/v1/analytics/overview?asOf=" + later).path("pledges").asLong();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[freshness] a validated pledge was counted %.2f s after its event was published%n", seconds);
        assertThat(now).isEqualTo(before + 1);
        assertThat(seconds).as("seconds until visible").isLessThan(5.0);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static org.hamcrest.Matcher<Integer> greaterThanOrEqual(int n) {
        return org.hamcrest.Matchers.greaterThanOrEqualTo(n);
    }

    void assertFigures(SoftAssertions soft, String as, JsonNode a, Expected.Headline e) {
        soft.assertThat(a.path("pledges").asLong()).as(as + " pledges").isEqualTo(e.pledges());
        soft.assertThat(a.path("estimatedValueUsd").asText()).as(as + " value").isEqualTo(e.usd().toPlainString());
        soft.assertThat(a.path("entities").asLong()).as(as + " entities").isEqualTo(e.entities());
        soft.assertThat(a.path("pledgerCountries").asLong()).as(as + " countries of pledge-makers").isEqualTo(e.pledgerCountries());
        soft.assertThat(a.path("reportedPledges").asLong()).as(as + " reported").isEqualTo(e.reported());
        soft.assertThat(a.path("reportingEntities").asLong()).as(as + " reporting entities").isEqualTo(e.reportingEntities());
        soft.assertThat(a.path("goal").path("percent").decimalValue()).as(as + " goal")
                .isEqualByComparingTo(e.usd().multiply(BigDecimal.valueOf(100))
                        .divide(new BigDecimal("100000000000"), 2, java.math.RoundingMode.HALF_UP));
        Map<String, Long> byType = new TreeMap<>();
        for (JsonNode share : a.path("entitiesByStakeholderType")) {
            long n = share.path("count").asLong();
            soft.assertThat(share.path("sharePercent").decimalValue()).as(as + " share " + share.path("stakeholderType"))
                    .isEqualByComparingTo(Expected.percent(n, e.entities()));
            if (n != 0) {
                byType.put(share.path("stakeholderType").asText(), n);
            }
        }
        soft.assertThat(byType).as(as + " entities by stakeholder type").isEqualTo(e.entitiesByType());
        e.breakdowns().forEach((name, categories) -> {
            Map<String, String> actual = new TreeMap<>();
            for (JsonNode c : a.path(name)) {
                actual.put(c.path("key").asText(), c.path("pledges").asLong() + " / " + c.path("valueUsd").asText() + " / "
                        + c.path("reportedPledges").asLong());
            }
            Map<String, String> expected = new TreeMap<>();
            categories.forEach((k, c) -> expected.put(k, c.pledges() + " / " + c.usd().setScale(2) + " / " + c.reported()));
            soft.assertThat(actual).as(as + " " + name).isEqualTo(expected);
        });
    }

    /** key → count of a list of {key, count}, without zeros. */
    private static Map<String, Long> nonZero(JsonNode list) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode item : list) {
            if (item.path("count").asLong() != 0) {
                out.put(item.path("key").asText(), item.path("count").asLong());
            }
        }
        return out;
    }

    private static boolean isMostCommonFirst(JsonNode list) {
        long previous = Long.MAX_VALUE;
        for (JsonNode item : list) {
            if (item.path("count").asLong() > previous) {
                return false;
            }
            previous = item.path("count").asLong();
        }
        return true;
    }

    private static Map<String, Map<String, Long>> standings(JsonNode list) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (JsonNode s : list) {
            for (String[] state : new String[][]{{"UP_TO_DATE", "upToDate"}, {"DUE", "due"}, {"OVERDUE", "overdue"}}) {
                long n = s.path(state[1]).asLong();
                if (n != 0) {
                    out.computeIfAbsent(state[0], k -> new TreeMap<>()).put(s.path("key").asText(), n);
                }
            }
        }
        return out;
    }

    private static Map<String, String> csv(io.restassured.response.Response response) {
        response.then().statusCode(200).contentType(startsWith("text/csv"));
        Map<String, String> rows = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(response.asString(),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).containsExactly("figure", "value");
            for (CSVRecord row : parser) {
                // As people read them: a plain number, never 7E+1.
                assertThat(row.get("value")).as(row.get("figure")).doesNotContainPattern("^-?[0-9.]+E[+-]?[0-9]+$");
                rows.put(row.get("figure"), row.get("value"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return rows;
    }

    private static void problem(String path, String field) {
        given().get(path).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations[0].field", is(field));
    }

    /** Every public answer at a few dates, without its freshness (which moves with every event). */
    private Map<String, String> answers() {
        Map<String, String> out = new TreeMap<>();
        List<String> paths = new ArrayList<>();
        for (LocalDate d : List.of(LocalDate.of(2023, 3, 15), movedOn().minusDays(1), movedOn(), LocalDate.of(2024, 7, 7),
                LocalDate.of(2025, 6, 30), LocalDate.of(2026, 12, 31))) {
            paths.add("/api/v1/analytics/overview?asOf=" + d);
            for (String r : REGIONS) {
                paths.add("/api/v1/analytics/regions/" + r + "?asOf=" + d);
            }
            for (String c : List.of("KHM", "KEN", "FRA", "EGY")) {
                paths.add("/api/v1/analytics/countries/" + c + "?asOf=" + d);
            }
            paths.add("/api/v1/analytics/comparison?compareTo=2022-06-30&asOf=" + d);
            paths.add("/api/v1/analytics/time-series?asOf=" + d);
            paths.add("/api/v1/analytics/compliance?asOf=" + d);
        }
        for (String path : paths) {
            JsonNode a = get(path, path.contains("compliance") ? SECRETARIAT : null);
            stripFreshness(a);
            out.put(path, a.toString());
        }
        return out;
    }

    private static void stripFreshness(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("freshness");
            o.forEach(AnalyticsFiguresTest::stripFreshness);
        }
    }
}
