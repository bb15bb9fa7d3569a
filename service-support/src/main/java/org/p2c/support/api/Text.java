package org.p2c.support.api;

/**
 * The one rule for text a caller sends, in a body or a parameter: it may not contain the NUL character (U+0000).
 * PostgreSQL cannot store NUL in text, so such a value used to fail deep in a use case with a 500; it is refused up
 * front with a 400 naming the field or parameter ({@link PlatformValues} for bodies, {@link ParameterLimits} for query,
 * path and header parameters). It is refused rather than stripped: a silently changed value is stored as something
 * the caller never sent. Other characters, control characters included, are the field's own constraints' business.
 */
public final class Text {

    public static final String NUL_REFUSED = "must not contain the NUL character (U+0000)";

    private Text() {
    }

    public static boolean takes(String value) {
        return value == null || value.indexOf('\u0000') < 0;
    }
}
