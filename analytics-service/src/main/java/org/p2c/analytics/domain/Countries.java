package org.p2c.analytics.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/** The ISO alpha-3 codes of the country catalogue shipped in service-support: a country brief exists for each. */
@ApplicationScoped
public class Countries {

    private static final String RESOURCE = "/reference/countries.v1.json";

    private final Set<String> known = new HashSet<>();

    public Countries() {
        try (InputStream in = Countries.class.getResourceAsStream(RESOURCE)) {
            for (JsonNode country : new ObjectMapper().readTree(in).path("countries")) {
                known.add(country.path("alpha3").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public boolean isKnown(String alpha3) {
        return alpha3 != null && known.contains(alpha3);
    }
}
