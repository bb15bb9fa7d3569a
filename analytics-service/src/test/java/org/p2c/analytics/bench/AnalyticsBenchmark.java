package org.p2c.analytics.bench;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.p2c.analytics.domain.Deltas;
import org.p2c.analytics.domain.Dim;
import org.p2c.analytics.domain.Interval;
import org.p2c.analytics.domain.PledgeFacts;
import org.p2c.analytics.domain.ReportFacts;
import org.p2c.analytics.domain.ScheduleAnchor;
import org.p2c.analytics.domain.TestSchedules;
import org.p2c.analytics.domain.ValidatedContent;
import org.p2c.analytics.service.AnalyticsProjection;
import org.p2c.local.testing.RealInfrastructure;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.p2c.support.testing.TestTokens.person;

/**
 * Not part of the test suite (surefire only runs *Test classes): loads a million pledges (5,000 entities, about
 * 450,000 reports) into the projections and prints the latency of every endpoint, then the time to apply one
 * pledge event on top of them. Run:
 * {@code ./mvnw -B -pl analytics-service -am install -Dtest=AnalyticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dp2c.bench.pledges=N} for another size). It prints figures and asserts nothing about time.
 *
 * <p>The projections are loaded in bulk (COPY), not through Kafka: a million events one by one would measure the
 * loader. Their per-day changes come from the projection's own code ({@link PledgeFacts#contribution}, the union of
 * counting intervals), summed per day, so the tables look exactly as the events would have left them.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class AnalyticsBenchmark {

    private static final int PLEDGES = Integer.getInteger("p2c.bench.pledges", 1_000_000);
    private static final int ENTITIES = 5_000;
    private static final int RUNS = 100;
    private static final String[] TYPES = {"GOVERNMENT", "PRIVATE_SECTOR", "UN_AGENCY",
            "INTERNATIONAL_OR_REGIONAL_ORGANIZATION", "CIVIL_SOCIETY_ACADEMIA_RESEARCH", "YOUTH_MEDIA_ENTERTAINMENT", "OTHER"};
    private static final String[] HQS = {"KHM", "KEN", "FRA", "GBR", "FJI", "BRA", "IND", "USA", "JPN", "SEN", "EGY", "CHE"};
    private static final String[][] COUNTRIES = {{"KHM", "LAO"}, {"KEN", "UGA"}, {"FJI", "TON"}, {"BRA", "PER"},
            {"IND", "NPL"}, {"FRA", "SEN"}, {"EGY", "JOR"}, {"KAZ", "KGZ"}};
    private static final String[][] REGIONS = {{"ASIA_PACIFIC"}, {"AFRICA"}, {"ASIA_PACIFIC"}, {"AMERICAS"},
            {"ASIA_PACIFIC"}, {"AFRICA", "EUROPE"}, {"ARAB_STATES"}, {"CIS"}};
    private static final String[][] PILLARS = {{"INFRASTRUCTURE", "SKILLS"}, {"SKILLS", "INCLUSION"},
            {"AFFORDABILITY", "INFRASTRUCTURE"}, {"CYBERSECURITY", "SKILLS"}, {"APPS_AND_SERVICES", "LOCAL_CONTENT_AND_SERVICES"},
            {"INFRASTRUCTURE", "INNOVATIVE_FINANCING"}};
    private static final String[][] FOCUS = {{"ACCESS", "ADOPTION"}, {"ADOPTION"}, {"ACCESS"}, {"ACCESS", "ADOPTION"},
            {"ADOPTION", "VALUE_CREATION"}, {"ACCELERATE", "ACCESS"}};
    private static final String[] COMPLETION = {"NOT_STARTED", "PLANNING_PHASE", "IN_PROGRESS", "COMPLETED", "DISCONTINUED"};

    @Inject
    AgroalDataSource db;

    @Inject
    AnalyticsProjection projection;

    @Test
    void everyEndpointWithAMillionPledges() throws Exception {
        long loadStart = System.nanoTime();
        load();
        System.out.printf("%n[bench] loaded %,d pledges of %,d entities into the projections in %.1f s%n", PLEDGES, ENTITIES,
                (System.nanoTime() - loadStart) / 1e9);

        String secretariat = person("secretariat-officer", "secretariat");
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("overview", "/api/v1/analytics/overview?asOf=2024-07-07");
        queries.put("overview, CSV", "/api/v1/analytics/overview?asOf=2024-07-07&format=csv");
        queries.put("region ASIA_PACIFIC", "/api/v1/analytics/regions/ASIA_PACIFIC?asOf=2024-07-07");
        queries.put("country KHM (125k pledges)", "/api/v1/analytics/countries/KHM?asOf=2024-07-07");
        queries.put("country SEN (125k pledges)", "/api/v1/analytics/countries/SEN?asOf=2025-12-31");
        queries.put("country USA (none)", "/api/v1/analytics/countries/USA?asOf=2024-07-07");
        queries.put("comparison", "/api/v1/analytics/comparison?compareTo=2024-06-01&asOf=2024-07-06");
        queries.put("time series, 5 years", "/api/v1/analytics/time-series?asOf=2025-12-31");
        queries.put("compliance (Secretariat)", "/api/v1/analytics/compliance?asOf=2024-07-07");

        System.out.printf("[bench] %-28s %9s %9s %9s  %s%n", "endpoint", "median", "p95", "p99", "answer");
        for (var query : queries.entrySet()) {
            var spec = query.getKey().contains("Secretariat") ? RestAssured.given().auth().oauth2(secretariat) : RestAssured.given();
            for (int i = 0; i < 2; i++) {
                spec.get(query.getValue()).then().statusCode(200);
            }
            int runs = RUNS;
            List<Long> nanos = new ArrayList<>(runs);
            String sample = "";
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                var response = spec.get(query.getValue());
                nanos.add(System.nanoTime() - start);
                response.then().statusCode(200);
                sample = summary(response.asString());
            }
            nanos.sort(null);
            System.out.printf("[bench] %-28s %7.1fms %7.1fms %7.1fms  %s%n", query.getKey(), ms(nanos, 0.50), ms(nanos, 0.95),
                    ms(nanos, 0.99), sample);
        }

        // One pledge event applied on top of a million: its entity has about 200 pledges to recount.
        List<Long> nanos = new ArrayList<>();
        Random rnd = new Random(7);
        for (int i = 0; i < 300; i++) {
            JsonObject data = new JsonObject().put("id", UUID.randomUUID().toString()).put("version", 1)
                    .put("pledgerEntityId", entityId(1 + rnd.nextInt(ENTITIES)).toString()).put("status", "VALIDATED")
                    .put("types", new JsonArray(List.of("FINANCIAL"))).put("pillars", new JsonArray(List.of("SKILLS")))
                    .put("focusAreas", new JsonArray(List.of("ADOPTION"))).put("countries", new JsonArray(List.of("KHM")))
                    .put("regions", new JsonArray(List.of("ASIA_PACIFIC"))).put("ldc", true).put("sdgs", new JsonArray(List.of(4)))
                    .put("targets", new JsonArray(List.of("ACC-SCHOOLS")))
                    .put("financialValue", new JsonObject().put("usd", "1000000.00"))
                    .put("validatedAt", "2024-0" + (1 + rnd.nextInt(9)) + "-15T10:00:00Z").put("updatedAt", "2024-07-01T00:00:00Z");
            long start = System.nanoTime();
            QuarkusTransaction.requiringNew().run(() -> projection.apply(topic("pledges"), "p2c.pledge.validated.v1", data));
            nanos.add(System.nanoTime() - start);
        }
        nanos.sort(null);
        System.out.printf("[bench] %-28s %7.1fms %7.1fms %7.1fms%n%n", "apply one pledge event", ms(nanos, 0.50),
                ms(nanos, 0.95), ms(nanos, 0.99));
    }

    private static String topic(String aggregate) {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("p2c.topics." + aggregate, String.class);
    }

    private static String summary(String body) {
        int at = body.indexOf("\"pledges\"");
        return at < 0 ? body.substring(0, Math.min(60, body.length())).replace('\n', ' ')
                : body.substring(at, Math.min(body.length(), at + 60));
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private static UUID entityId(int g) {
        return UUID.fromString("00000000-0000-0000-0000-" + String.format("%012x", g));
    }

    private record Key(String scope, String dim, String key, LocalDate day) {
    }

    private void load() throws Exception {
        Map<Key, Object[]> totals = new HashMap<>();
        Map<Integer, Map<String, List<Interval>>> counted = new HashMap<>();
        Map<Integer, Map<String, List<Interval>>> reported = new HashMap<>();
        Random rnd = new Random(20240707);
        LocalDate first = LocalDate.of(2021, 1, 1);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder entities = new StringBuilder();
            for (int g = 1; g <= ENTITIES; g++) {
                entities.append(entityId(g)).append("\t1\t").append(TYPES[g % 7]).append('\t').append(HQS[g % HQS.length]).append('\n');
            }
            copy.copyIn("copy a_entity (id, version, stakeholder_type, headquarters_country) from stdin",
                    new StringReader(entities.toString()));
            StringBuilder pledges = new StringBuilder();
            StringBuilder reports = new StringBuilder();
            StringBuilder schedules = new StringBuilder();
            for (int g = 1; g <= PLEDGES; g++) {
                int entity = 1 + rnd.nextInt(ENTITIES);
                int place = g % 8;
                int pillar = g % 6;
                LocalDate validated = first.plusDays(rnd.nextInt(1800));
                LocalDate withdrawn = rnd.nextInt(20) == 0 ? validated.plusDays(1 + rnd.nextInt(700)) : null;
                BigDecimal usd = g % 3 == 0 ? BigDecimal.valueOf(rnd.nextInt(100_000_000), 2) : null;
                List<String> unGroups = place == 0 || place == 1 ? List.of("LDC", "LLDC") : place == 2 ? List.of("SIDS") : List.of();
                List<ReportFacts> pledgeReports = new ArrayList<>();
                if (rnd.nextInt(10) < 3) {
                    LocalDate r = validated;
                    for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                        r = r.plusDays(1 + rnd.nextInt(400));
                        ReportFacts report = new ReportFacts(UUID.randomUUID().toString(), r.atTime(12, 0).toInstant(ZoneOffset.UTC),
                                null, COMPLETION[rnd.nextInt(5)], List.of("ADMINISTRATIVE", "FINANCIAL"), List.of("PARTNERSHIPS"));
                        pledgeReports.add(report);
                        reports.append(report.id()).append("\t1\t").append(pledgeId(g)).append("\tSUBMITTED\t")
                                .append(r).append(" 12:00:00+00\t\\N\t").append(report.completionStatus())
                                .append("\t{ADMINISTRATIVE,FINANCIAL}\t{PARTNERSHIPS}\n");
                    }
                }
                pledgeReports.sort(java.util.Comparator.comparing(ReportFacts::id));
                ValidatedContent content = new ValidatedContent(1, 1, validated, usd, List.of(COUNTRIES[place]),
                        List.of(REGIONS[place]), g % 3 == 0 ? List.of("FINANCIAL", "PROGRAMMATIC") : List.of("POLICY"),
                        List.of(PILLARS[pillar]), List.of(FOCUS[pillar]), unGroups, List.of(4, 9),
                        g % 2 == 0 ? List.of("ACC-INTERNET-USE", "ACC-SCHOOLS") : List.of("ADO-DIGITAL-SKILLS-MINIMUM"),
                        LocalDate.of(2024, 1, 1).plusDays(g % 2500));
                List<ValidatedContent> contents = new ArrayList<>(List.of(content));
                if (g % 10 == 0 && withdrawn == null) {
                    // A tenth revised once: another value and end date, in the next place, from a later day.
                    int next = (place + 1) % 8;
                    contents.add(new ValidatedContent(2, 2, validated.plusDays(1 + rnd.nextInt(500)),
                            usd == null ? null : usd.add(BigDecimal.TEN), List.of(COUNTRIES[next]), List.of(REGIONS[next]),
                            content.types(), content.pillars(), content.focusAreas(), content.unGroups(), content.sdgs(),
                            content.targets(), content.endDate().plusYears(1)));
                }
                // The schedule reporting-service would publish: yearly from the validation and each report.
                List<ScheduleAnchor> schedule = TestSchedules.yearly(validated,
                        pledgeReports.stream().map(ReportFacts::submittedDay).toList());
                PledgeFacts p = new PledgeFacts(pledgeId(g), entityId(entity), validated, withdrawn, contents,
                        TYPES[entity % 7], pledgeReports, schedule);
                for (var cell : p.contribution().cells().entrySet()) {
                    Deltas.Cell k = cell.getKey();
                    Object[] sum = totals.computeIfAbsent(new Key(k.scope(), k.dim(), k.key(), k.day()),
                            x -> new Object[]{0L, BigDecimal.ZERO, 0L});
                    sum[0] = (Long) sum[0] + cell.getValue().count();
                    sum[1] = ((BigDecimal) sum[1]).add(cell.getValue().usd());
                    sum[2] = (Long) sum[2] + cell.getValue().reported();
                }
                p.countedIn().forEach((scope, days) -> counted.computeIfAbsent(entity, e -> new HashMap<>())
                        .computeIfAbsent(scope, s -> new ArrayList<>()).addAll(days));
                p.reportedIn().forEach((scope, days) -> reported.computeIfAbsent(entity, e -> new HashMap<>())
                        .computeIfAbsent(scope, s -> new ArrayList<>()).addAll(days));
                pledges.append(pledgeId(g)).append('\t').append(contents.size()).append('\t').append(entityId(entity)).append('\t')
                        .append(withdrawn == null ? "VALIDATED" : "WITHDRAWN").append('\t').append(validated).append('\t')
                        .append(withdrawn == null ? "\\N" : withdrawn).append('\t')
                        .append(copyText(ValidatedContent.toJson(contents))).append('\t').append(TYPES[entity % 7]).append('\t')
                        .append(copyText(ReportFacts.toJson(pledgeReports))).append('\t')
                        .append(copyText(ScheduleAnchor.toJson(schedule))).append('\n');
                schedules.append(pledgeId(g)).append('\t').append(schedule.size()).append('\t')
                        .append(copyText(ScheduleAnchor.toJson(schedule))).append('\n');
                if (g % 50_000 == 0 || g == PLEDGES) {
                    copy.copyIn("""
                            copy a_pledge (id, version, entity_id, status, validated_day, withdrawn_day, contents,
                                stakeholder_type, reports, schedule) from stdin""",
                            new StringReader(pledges.toString()));
                    copy.copyIn("""
                            copy a_report (id, version, pledge_id, status, submitted_at, superseded_at, completion_status,
                                challenge_categories, solution_categories) from stdin""", new StringReader(reports.toString()));
                    copy.copyIn("copy a_schedule (pledge_id, version, anchors) from stdin",
                            new StringReader(schedules.toString()));
                    pledges.setLength(0);
                    reports.setLength(0);
                    schedules.setLength(0);
                }
            }
            // Distinct entities, reporting entities and countries of pledge-makers: the union of counting intervals.
            StringBuilder spans = new StringBuilder();
            Map<String, Map<String, List<Interval>>> countries = new HashMap<>();
            for (var e : counted.entrySet()) {
                String hq = HQS[e.getKey() % HQS.length];
                e.getValue().forEach((scope, list) -> {
                    for (Interval i : Interval.union(list)) {
                        span(spans, totals, Dim.ENTITY, entityId(e.getKey()).toString(), scope, TYPES[e.getKey() % 7], i);
                        countries.computeIfAbsent(hq, h -> new HashMap<>()).computeIfAbsent(scope, s -> new ArrayList<>()).add(i);
                    }
                });
            }
            for (var e : reported.entrySet()) {
                e.getValue().forEach((scope, list) -> Interval.union(list).forEach(i ->
                        span(spans, totals, Dim.REPORTING_ENTITY, entityId(e.getKey()).toString(), scope, TYPES[e.getKey() % 7], i)));
            }
            countries.forEach((hq, byScope) -> byScope.forEach((scope, list) -> Interval.union(list).forEach(i ->
                    span(spans, totals, Dim.PLEDGER_COUNTRY, hq, scope, Dim.NO_KEY, i))));
            copy.copyIn("copy a_span (kind, unit, scope, label, from_day, to_day) from stdin", new StringReader(spans.toString()));
            StringBuilder rows = new StringBuilder();
            totals.forEach((k, v) -> rows.append(k.scope()).append('\t').append(k.dim()).append('\t').append(k.key()).append('\t')
                    .append(k.day()).append('\t').append(v[0]).append('\t').append(((BigDecimal) v[1]).toPlainString()).append('\t')
                    .append(v[2]).append('\n'));
            copy.copyIn("copy daily_total (scope, dim, key, day, d_count, d_usd, d_reported) from stdin", new StringReader(rows.toString()));
            try (var s = c.createStatement()) {
                s.execute("""
                        insert into monthly_total (scope, dim, key, month, d_count, d_usd, d_reported)
                        select scope, dim, key, date_trunc('month', day)::date, sum(d_count), sum(d_usd), sum(d_reported)
                          from daily_total group by scope, dim, key, date_trunc('month', day)::date""");
                s.execute("update projection_state set last_event_at = now(), last_change_at = now()");
                s.execute("analyze");
            }
            System.out.printf("[bench] daily_total rows: %,d%n", totals.size());
        }
    }

    private static void span(StringBuilder out, Map<Key, Object[]> totals, String kind, String unit, String scope, String label,
                             Interval i) {
        out.append(kind).append('\t').append(unit).append('\t').append(scope).append('\t').append(label).append('\t')
                .append(i.from()).append('\t').append(i.to() == null ? "\\N" : i.to()).append('\n');
        add(totals, new Key(scope, kind, label, i.from()), 1);
        if (i.to() != null) {
            add(totals, new Key(scope, kind, label, i.to()), -1);
        }
    }

    private static void add(Map<Key, Object[]> totals, Key key, long n) {
        Object[] sum = totals.computeIfAbsent(key, x -> new Object[]{0L, BigDecimal.ZERO, 0L});
        sum[0] = (Long) sum[0] + n;
    }

    private static UUID pledgeId(int g) {
        return UUID.fromString("10000000-0000-0000-0000-" + String.format("%012x", g));
    }

    /** A value in COPY's text format: backslashes doubled (none of the JSON here holds a tab or a newline). */
    private static String copyText(String value) {
        return value.replace("\\", "\\\\");
    }
}
