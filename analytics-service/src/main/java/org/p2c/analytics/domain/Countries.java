package org.p2c.analytics.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.support.reference.CountryFile;

import java.util.Set;
import java.util.stream.Collectors;

/** The ISO alpha-3 codes of the country catalogue shipped in service-support: a country brief exists for each. */
@ApplicationScoped
public class Countries {

    private record Code(String alpha3) {
    }

    private final Set<String> known = CountryFile.read(Code.class).countries().stream().map(Code::alpha3)
            .collect(Collectors.toUnmodifiableSet());

    public boolean isKnown(String alpha3) {
        return alpha3 != null && known.contains(alpha3);
    }
}
