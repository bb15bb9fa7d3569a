package org.p2c.reporting.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ITU region of each country, from the versioned country catalogue shipped in service-support
 * ({@code reference/countries.v1.json}): a pledge's regions are the regions it names plus those of its countries,
 * so that "overdue pledges in ASIA_PACIFIC" also finds a pledge that only names Cambodia.
 */
public final class ItuRegions {

    private static final String RESOURCE = "/reference/countries.v1.json";
    private static final Map<String, String> BY_ALPHA3 = load();

    private ItuRegions() {
    }

    public static List<String> of(Collection<String> countries, Collection<String> namedRegions) {
        TreeSet<String> regions = new TreeSet<>(namedRegions);
        for (String country : countries) {
            String region = BY_ALPHA3.get(country);
            if (region != null) {
                regions.add(region);
            }
        }
        return List.copyOf(regions);
    }

    private static Map<String, String> load() {
        try (InputStream in = ItuRegions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path (service-support ships it)");
            }
            Map<String, String> regions = new HashMap<>();
            for (JsonNode country : new ObjectMapper().readTree(in).get("countries")) {
                regions.put(country.get("alpha3").asText(), country.get("ituRegion").asText());
            }
            return Map.copyOf(regions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
