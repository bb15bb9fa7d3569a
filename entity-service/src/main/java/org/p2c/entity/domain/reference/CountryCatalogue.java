package org.p2c.entity.domain.reference;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.support.reference.CountryFile;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The versioned country reference data ({@code reference/countries.v1.json}), read once at start. Its invariants
 * (codes unique and valid, one ITU region each, UN list sizes) are checked by CountryCatalogueInvariantsTest.
 */
@ApplicationScoped
public class CountryCatalogue {

    private final String version;
    private final Map<String, Country> byAlpha3 = new LinkedHashMap<>();

    public CountryCatalogue() {
        CountryFile<Country> file = CountryFile.read(Country.class);
        this.version = file.version();
        file.countries().forEach(c -> byAlpha3.put(c.alpha3(), c));
    }

    public String version() {
        return version;
    }

    public Optional<Country> find(String alpha3) {
        return alpha3 == null ? Optional.empty() : Optional.ofNullable(byAlpha3.get(alpha3.toUpperCase()));
    }

    public boolean isKnown(String alpha3) {
        return alpha3 != null && byAlpha3.containsKey(alpha3);
    }

    public Collection<Country> all() {
        return byAlpha3.values();
    }

    public List<String> codesWhere(Predicate<Country> condition) {
        return byAlpha3.values().stream().filter(condition).map(Country::alpha3).toList();
    }
}
