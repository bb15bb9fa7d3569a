package org.p2c.pledge.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.support.reference.CountryFile;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a pledge is implemented, derived from the country catalogue (service-support's {@link CountryFile}): a
 * pledge's regions are the ITU regions it names, its primary region and the ITU regions of its countries, and it
 * focuses on LDCs, LLDCs or SIDS when any of its countries is one.
 */
@ApplicationScoped
public class Places {

    /** The facts of one country that pledges need. */
    public record Country(String alpha3, ItuRegion ituRegion, boolean ldc, boolean lldc, boolean sids) {
    }

    /** Regions (named, primary and the countries', sorted by name) and the UN group flags. */
    public record Derived(List<String> regions, boolean ldc, boolean lldc, boolean sids) {
    }

    private final String version;
    private final Map<String, Country> byAlpha3;

    public Places() {
        CountryFile<Country> catalogue = CountryFile.read(Country.class);
        this.version = catalogue.version();
        this.byAlpha3 = catalogue.countries().stream().collect(Collectors.toUnmodifiableMap(Country::alpha3, Function.identity()));
    }

    public String catalogueVersion() {
        return version;
    }

    public boolean isKnown(String alpha3) {
        return byAlpha3.containsKey(alpha3);
    }

    /**
     * What follows from the places of one content: countries must be known ({@link #isKnown}); the primary region may
     * be null (a draft, a GLOBAL pledge) and need not be a region of the countries.
     */
    public Derived derive(Collection<String> countries, Collection<ItuRegion> namedRegions, ItuRegion primaryRegion) {
        TreeSet<String> regions = new TreeSet<>();
        namedRegions.forEach(region -> regions.add(region.name()));
        if (primaryRegion != null) {
            regions.add(primaryRegion.name());
        }
        boolean ldc = false;
        boolean lldc = false;
        boolean sids = false;
        for (String code : countries) {
            Country country = byAlpha3.get(code);
            regions.add(country.ituRegion().name());
            ldc |= country.ldc();
            lldc |= country.lldc();
            sids |= country.sids();
        }
        return new Derived(List.copyOf(regions), ldc, lldc, sids);
    }
}
