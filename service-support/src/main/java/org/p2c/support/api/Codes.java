package org.p2c.support.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Locale;

/**
 * Codes people type, read in any case where their standard has one spelling: ISO 3166-1 alpha-3 country codes and
 * ISO 4217 currency codes are upper case by definition, so {@code khm} and {@code eur} can only mean KHM and EUR.
 * Request bodies normalise them in their records; query parameters are marked {@link Country} and read by
 * {@link QueryParameters}. Enum values are read in any case too, by {@link QueryParameters} and
 * {@link CaseInsensitiveEnums}; answers always spell codes and enum values in upper case.
 */
public final class Codes {

    private Codes() {
    }

    /** A query parameter holding ISO 3166-1 alpha-3 codes: read in upper case, refused (400) if not three letters. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
    public @interface Country {
    }

    /** The code in upper case; null stays null so that a required code is still reported missing. */
    public static String upperCase(String code) {
        return code == null ? null : code.toUpperCase(Locale.ROOT);
    }

    /** Each code in upper case; null entries stay, so that bean validation still names them. */
    public static List<String> upperCase(List<String> codes) {
        return codes == null ? null : codes.stream().map(Codes::upperCase).toList();
    }
}
