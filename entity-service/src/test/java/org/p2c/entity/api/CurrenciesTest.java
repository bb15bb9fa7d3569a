package org.p2c.entity.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * {@code GET /api/v1/currencies}: the currencies of the reference-rate table, read here from the table's CSV itself
 * (not through the code that serves it), so the API can neither drop, add nor alter a currency or a rate.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class CurrenciesTest {

    private static final String TABLE = "/reference-rates/usd-reference-rates.v2026-11.csv";

    /** The table as its file states it: version, and per currency its rows (year, units per USD, source) in order. */
    record Table(String version, Map<String, List<Map<String, Object>>> rates) {
    }

    @Test
    void anyoneListsExactlyTheTablesCurrenciesWithTheirNamesAndRatesPerYear() throws IOException {
        Table table = readTable();

        JsonPath answer = given().get("/api/v1/currencies").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();

        List<String> codes = answer.getList("code");
        assertThat(codes).containsExactlyElementsOf(table.rates().keySet().stream().sorted().toList());
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            assertThat(answer.getString("[" + i + "].name")).as(code)
                    .isEqualTo(Currency.getInstance(code).getDisplayName(Locale.ENGLISH));
            assertThat(answer.getString("[" + i + "].rateTableVersion")).as(code).isEqualTo(table.version());
            assertThat(answer.<Map<String, Object>>getList("[" + i + "].usdRates")).as(code)
                    .isEqualTo(table.rates().get(code));
        }
    }

    @Test
    void oneCurrencyIsReadByItsCodeInAnyCase() throws IOException {
        Table table = readTable();

        JsonPath euro = given().get("/api/v1/currencies/eur").then().statusCode(200).extract().jsonPath();

        assertThat(euro.getString("code")).isEqualTo("EUR");
        assertThat(euro.getString("name")).isEqualTo("Euro");
        assertThat(euro.<Map<String, Object>>getList("usdRates")).isEqualTo(table.rates().get("EUR"));
        given().get("/api/v1/currencies/EUR").then().statusCode(200).body("code", is("EUR"));
    }

    @Test
    void aCurrencyTheTableDoesNotHoldIsA404Problem() {
        // MNT is an ISO 4217 currency the table has no rate for; XYZ is no currency at all.
        for (String code : List.of("MNT", "XYZ")) {
            given().get("/api/v1/currencies/{code}", code).then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", is(404))
                    .body("type", is("https://p2c.example/problems/not-found"))
                    .body("instance", is("/api/v1/currencies/" + code));
        }
    }

    private static Table readTable() throws IOException {
        String version = null;
        Map<String, List<Map<String, Object>>> rates = new LinkedHashMap<>();
        try (InputStream in = CurrenciesTest.class.getResourceAsStream(TABLE)) {
            assertThat(in).as(TABLE).isNotNull();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Pattern versionLine = Pattern.compile("^# .*version (\\S+):");
            boolean header = true;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher v = versionLine.matcher(line);
                if (version == null && v.find()) {
                    version = v.group(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split(",", 4);
                Map<String, Object> rate = new LinkedHashMap<>();
                rate.put("year", Integer.parseInt(cells[1]));
                rate.put("unitsPerUsd", cells[2]);
                rate.put("source", cells[3]);
                rates.computeIfAbsent(cells[0], c -> new ArrayList<>()).add(rate);
            }
        }
        rates.values().forEach(years -> years.sort((a, b) -> Integer.compare((int) a.get("year"), (int) b.get("year"))));
        assertThat(version).as("the table's version line").isNotNull();
        assertThat(rates).as("the table's currencies").isNotEmpty();
        return new Table(version, rates);
    }
}
