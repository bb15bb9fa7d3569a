package org.p2c.pledge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference files the service derives from, read here by the tests themselves (not through the service's
 * readers), so that an expectation never comes from the code path it checks: the country catalogue and the USD
 * reference-rate table, both shipped by service-support.
 */
public final class ReferenceFiles {

    /** What pledges need of one country of {@code reference/countries.v1.json}. */
    public record Country(String alpha3, String ituRegion, boolean ldc, boolean lldc, boolean sids) {
    }

    /** One row of the rate table: national currency units per US dollar in a year, and where it comes from. */
    public record Rate(BigDecimal unitsPerUsd, String source) {
    }

    public static final String TABLE_VERSION = "2026-11";

    /** By alpha-3 code, in code order. */
    public static final Map<String, Country> COUNTRIES = countries("/reference/countries.v1.json");

    /** By currency, then by year, in order. */
    public static final Map<String, TreeMap<Integer, Rate>> RATES =
            rates("/reference-rates/usd-reference-rates.v" + TABLE_VERSION + ".csv");

    /** The P2C target codes of the catalogue's first version (pledge-service's V4 migration). */
    public static final List<String> TARGETS = List.of("ACC-INTERNET-USE", "ACC-SCHOOLS", "ACC-AFFORDABILITY",
            "ACC-CYBERSECURITY", "ADO-DIGITAL-SKILLS-MINIMUM", "ADO-GENDER-PARITY", "VAL-DIGITAL-FINANCIAL-SERVICES",
            "ACL-UNCONNECTED-MSMES-HALVED");

    private ReferenceFiles() {
    }

    private static Map<String, Country> countries(String resource) {
        try (InputStream in = open(resource)) {
            Map<String, Country> countries = new TreeMap<>();
            for (JsonNode c : new ObjectMapper().readTree(in).path("countries")) {
                Country country = new Country(c.path("alpha3").asText(), c.path("ituRegion").asText(),
                        c.path("ldc").asBoolean(), c.path("lldc").asBoolean(), c.path("sids").asBoolean());
                if (countries.put(country.alpha3(), country) != null) {
                    throw new IllegalStateException(resource + " has " + country.alpha3() + " twice");
                }
            }
            return countries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, TreeMap<Integer, Rate>> rates(String resource) {
        Map<String, TreeMap<Integer, Rate>> rates = new TreeMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            lines.lines().filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("currency,"))
                    .forEach(line -> {
                        String[] cells = line.split(",", 4);
                        rates.computeIfAbsent(cells[0], c -> new TreeMap<>())
                                .put(Integer.valueOf(cells[1]), new Rate(new BigDecimal(cells[2]), cells[3]));
                    });
            return rates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = ReferenceFiles.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the test class path");
        }
        return in;
    }
}
