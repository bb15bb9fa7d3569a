package org.p2c.pledge.bench;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not part of the test suite (surefire only runs *Test classes): loads a million validated pledges into the
 * service's database and prints the latency of explorer queries and the time of the full open-data export.
 * Run: {@code ./mvnw -B -pl pledge-service -am test -Dtest=ExplorerBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (add {@code -Dp2c.bench.pledges=N} for another size). It prints figures and asserts nothing about time.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class ExplorerBenchmark {

    private static final int PLEDGES = Integer.getInteger("p2c.bench.pledges", 1_000_000);
    private static final int RUNS = 200;

    @Inject
    EntityManager em;

    @Test
    void explorerLatencyWithAMillionPledges() throws Exception {
        long loadStart = System.nanoTime();
        load();
        System.out.printf("%n[bench] loaded %,d validated pledges in %.1f s%n", PLEDGES, (System.nanoTime() - loadStart) / 1e9);

        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("first page, newest first", "/api/v1/pledges");
        queries.put("full text 'rural schools'", "/api/v1/pledges?q=rural+schools");
        queries.put("country=KHM", "/api/v1/pledges?country=KHM");
        queries.put("region=AFRICA & pillar=SKILLS", "/api/v1/pledges?region=AFRICA&pillar=SKILLS");
        queries.put("ldc=true & type=FINANCIAL", "/api/v1/pledges?ldc=true&type=FINANCIAL");
        queries.put("target & sdg & endYear", "/api/v1/pledges?target=ACC-SCHOOLS&sdg=4&endYear=2027");
        queries.put("value 1M-5M USD, by value", "/api/v1/pledges?minUsd=1000000&maxUsd=5000000&sort=valueUsd,desc");
        queries.put("stakeholderType=PRIVATE_SECTOR", "/api/v1/pledges?stakeholderType=PRIVATE_SECTOR");
        queries.put("page 500 of country=KEN", "/api/v1/pledges?country=KEN&page=500&size=20");
        queries.put("by reference", "/api/v1/pledges/P2C-2025-00042");

        System.out.printf("[bench] %-34s %9s %9s %9s %9s %12s%n", "explorer query", "cold", "median", "p95", "p99", "totalItems");
        for (var query : queries.entrySet()) {
            // The first call also counts the matches (totals are then remembered for a few seconds).
            long coldStart = System.nanoTime();
            RestAssured.given().urlEncodingEnabled(false).get(query.getValue()).then().statusCode(200);
            double cold = (System.nanoTime() - coldStart) / 1e6;
            for (int i = 0; i < 20; i++) {
                RestAssured.given().urlEncodingEnabled(false).get(query.getValue()).then().statusCode(200);
            }
            List<Long> nanos = new ArrayList<>(RUNS);
            String total = "";
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                var response = RestAssured.given().urlEncodingEnabled(false).get(query.getValue());
                nanos.add(System.nanoTime() - start);
                response.then().statusCode(200);
                total = String.valueOf(response.path("totalItems") == null ? "-" : response.path("totalItems"));
            }
            nanos.sort(null);
            System.out.printf("[bench] %-34s %7.1fms %7.1fms %7.1fms %7.1fms %12s%n", query.getKey(), cold, ms(nanos, 0.50),
                    ms(nanos, 0.95), ms(nanos, 0.99), total);
        }

        // The export read as a stream by a client that keeps nothing, while a sampler notes the heap's peak.
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        long[] peak = {before};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], runtime.totalMemory() - runtime.freeMemory());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        HttpClient http = HttpClient.newHttpClient();
        long exportStart = System.nanoTime();
        HttpResponse<InputStream> export = http.send(HttpRequest.newBuilder(
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/open-data/pledges.csv")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (InputStream csv = export.body()) {
            bytes = csv.transferTo(OutputStream.nullOutputStream());
        }
        sampler.interrupt();
        System.out.printf("[bench] open data CSV (HTTP %d): %,d bytes in %.1f s; heap before %d MB, peak during %d MB (max %d MB)%n%n",
                export.statusCode(), bytes, (System.nanoTime() - exportStart) / 1e9, before >> 20, peak[0] >> 20,
                runtime.maxMemory() >> 20);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    /** Varied pledges made in SQL (a REST call each would measure the loader, not the explorer). */
    private void load() {
        QuarkusTransaction.requiringNew().timeout(1800).run(() -> {
            em.createNativeQuery("""
                    insert into known_entity (id, version, name, stakeholder_type, headquarters_country, status, updated_at)
                    select ('00000000-0000-0000-0000-' || lpad(to_hex(g), 12, '0'))::uuid, 1, 'Bench entity ' || g,
                           (array['GOVERNMENT','PRIVATE_SECTOR','UN_AGENCY','INTERNATIONAL_OR_REGIONAL_ORGANIZATION',
                                  'CIVIL_SOCIETY_ACADEMIA_RESEARCH','YOUTH_MEDIA_ENTERTAINMENT','OTHER'])[1 + g % 7],
                           (array['KHM','KEN','FRA','GBR','FJI','BRA','IND'])[1 + g % 7], 'VERIFIED', now()
                    from generate_series(1, 5000) g on conflict do nothing""").executeUpdate();
            em.createNativeQuery("""
                    insert into pledge (id, version, reference, pledger_entity_id, status, title, description, expected_impact,
                        types, pillars, is_global, countries, regions, named_regions, primary_region, ldc, lldc, sids,
                        beneficiary_groups, sdgs, targets, value_amount, value_currency, value_date, value_usd,
                        value_units_per_usd, value_rate_source, start_date, end_date, created_at, created_by,
                        submitted_at, validated_at, updated_at)
                    select gen_random_uuid(), 1, 'P2C-' || (2016 + g % 11) || '-' || lpad((g / 11)::text, 5, '0'),
                        ('00000000-0000-0000-0000-' || lpad(to_hex(1 + g % 5000), 12, '0'))::uuid, 'VALIDATED',
                        (array['Connect rural schools','Digital skills for women','Affordable broadband plan',
                               'Cybersecurity capacity','Local content fund','Fibre backbone'])[1 + g % 6] || ' ' || g,
                        (array['Fibre and satellite links for rural schools','Training for girls and women',
                               'A national broadband plan with affordable entry prices','Incident response teams',
                               'Apps in local languages','Backbone to unserved districts'])[1 + g % 6],
                        'Measured yearly',
                        case when g % 3 = 0 then array['FINANCIAL','PROGRAMMATIC'] else array['POLICY'] end,
                        case g % 6 when 0 then array['INFRASTRUCTURE','SKILLS'] when 1 then array['SKILLS','INCLUSION']
                            when 2 then array['AFFORDABILITY','INFRASTRUCTURE'] when 3 then array['CYBERSECURITY','SKILLS']
                            when 4 then array['LOCAL_CONTENT_AND_SERVICES','APPS_AND_SERVICES']
                            else array['INFRASTRUCTURE','INNOVATIVE_FINANCING'] end,
                        false,
                        case g % 8 when 0 then array['KHM','LAO'] when 1 then array['KEN','UGA'] when 2 then array['FJI','TON']
                            when 3 then array['BRA','PER'] when 4 then array['IND','NPL'] when 5 then array['FRA','SEN']
                            when 6 then array['EGY','JOR'] else array['KAZ','KGZ'] end,
                        case g % 8 when 0 then array['ASIA_PACIFIC'] when 1 then array['AFRICA'] when 2 then array['ASIA_PACIFIC']
                            when 3 then array['AMERICAS'] when 4 then array['ASIA_PACIFIC'] when 5 then array['AFRICA','EUROPE']
                            when 6 then array['AFRICA','ARAB_STATES'] else array['CIS'] end,
                        array[]::text[],
                        (array['ASIA_PACIFIC','AFRICA','ASIA_PACIFIC','AMERICAS','ASIA_PACIFIC','EUROPE','ARAB_STATES','CIS'])[1 + g % 8],
                        g % 8 in (0, 1, 4, 5), g % 8 in (0, 1, 4, 7), g % 8 = 2,
                        array['STUDENTS'], array[4, 9], array['ACC-SCHOOLS','ACC-INTERNET-USE'],
                        case when g % 3 = 0 then (g % 1000) * 10000.00 end, case when g % 3 = 0 then 'USD' end,
                        case when g % 3 = 0 then date '2024-06-30' end, case when g % 3 = 0 then (g % 1000) * 10000.00 end,
                        case when g % 3 = 0 then 1 end, case when g % 3 = 0 then 'identity' end,
                        date '2022-01-01', date '2024-12-31' + (g % 6) * 365, now(), 'bench', now(),
                        timestamptz '2022-01-01' + (g || ' minutes')::interval, now()
                    from generate_series(1, :n) g""").setParameter("n", PLEDGES).executeUpdate();
        });
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("analyze pledge").executeUpdate());
    }
}
