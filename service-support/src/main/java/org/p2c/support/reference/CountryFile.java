package org.p2c.support.reference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one country catalogue of the platform ({@code reference/countries.v1.json}, in this module), read into whatever
 * record a service needs of each country: its fields are matched by name and the others ignored, so entity-service
 * can serve the whole entry while pledge- and analytics-service keep a code, a region and the UN group flags.
 */
public record CountryFile<C>(String version, List<C> countries) {

    public static final String RESOURCE = "/reference/countries.v1.json";

    public static <C> CountryFile<C> read(Class<C> country) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try (InputStream in = CountryFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            var tree = json.readTree(in);
            List<C> countries = json.readerForListOf(country).readValue(tree.path("countries"));
            return new CountryFile<>(tree.path("version").asText(), List.copyOf(countries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
