package org.p2c.support.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The dates the platform takes, in bodies and parameters alike: years {@value #FIRST_YEAR} to {@value #LAST_YEAR}.
 * ISO 8601 also writes {@code +999999999-12-31} and {@code 0000-01-01}; such a date is no pledge's, report's or
 * figure's, PostgreSQL cannot store all of them, and date arithmetic on them overflows — so it is refused as a 400
 * naming the field, by {@link PlatformValues} for bodies and {@link QueryParameters} for query parameters (an
 * {@code Integer} query parameter marked {@link Year} is held to the same years).
 */
public final class Dates {

    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 9999;
    public static final LocalDate EARLIEST = LocalDate.of(FIRST_YEAR, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(LAST_YEAR, 12, 31);
    /** What a refusal says the value must be. */
    public static final String DATE_RANGE = "a date between " + EARLIEST + " and " + LATEST;
    public static final String YEAR_RANGE = "a year between " + FIRST_YEAR + " and " + LAST_YEAR;

    private static final Instant FIRST_INSTANT = EARLIEST.atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant END_INSTANT = LATEST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private Dates() {
    }

    /** A query parameter holding a year: refused (400) unless between {@value #FIRST_YEAR} and {@value #LAST_YEAR}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
    public @interface Year {
    }

    public static boolean takes(LocalDate date) {
        return takesYear(date.getYear());
    }

    public static boolean takes(YearMonth month) {
        return takesYear(month.getYear());
    }

    /** An instant (UTC) within the years. */
    public static boolean takes(Instant instant) {
        return !instant.isBefore(FIRST_INSTANT) && instant.isBefore(END_INSTANT);
    }

    public static boolean takesYear(long year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }
}
