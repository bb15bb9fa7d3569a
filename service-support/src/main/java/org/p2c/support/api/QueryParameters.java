package org.p2c.support.api;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.RestQuery;
import org.p2c.support.problem.InvalidParameter;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads typed query parameters so that an unreadable value is a 400 naming the parameter. JAX-RS answers a query
 * parameter it cannot convert with a bare 404, as if the resource did not exist; a caller who wrote {@code page=x}
 * or {@code ituRegion=MARS} deserves to be told which parameter is wrong and what it takes. Enum values are read in
 * any case ({@code asia_pacific} is ASIA_PACIFIC), and a String parameter marked {@link Codes.Country} is read in
 * upper case and must be three letters. Dates and months are held to the platform's years ({@link Dates}), and so is
 * an Integer parameter marked {@link Dates.Year}. A parameter the operation does not declare is refused by
 * {@link UnknownQueryParameters}.
 */
@Provider
public class QueryParameters implements ParamConverterProvider {

    private record Reading(Function<String, ?> parse, String expected) {
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryName(annotations);
        if (name == null) {
            return null;
        }
        Reading reading;
        if (rawType == Integer.class && marked(annotations, Dates.Year.class)) {
            reading = new Reading(QueryParameters::year, Dates.YEAR_RANGE);
        } else if (rawType == Integer.class) {
            reading = new Reading(Integer::valueOf, "a whole number");
        } else if (rawType == Long.class) {
            reading = new Reading(Long::valueOf, "a whole number");
        } else if (rawType == BigDecimal.class) {
            reading = new Reading(BigDecimal::new, "a decimal number");
        } else if (rawType == UUID.class) {
            reading = new Reading(UUID::fromString, "a UUID");
        } else if (rawType == LocalDate.class) {
            reading = new Reading(QueryParameters::date, Dates.DATE_RANGE + " (YYYY-MM-DD)");
        } else if (rawType == YearMonth.class) {
            reading = new Reading(QueryParameters::month, "a month between " + YearMonth.from(Dates.EARLIEST) + " and "
                    + YearMonth.from(Dates.LATEST) + " (YYYY-MM)");
        } else if (rawType == Boolean.class) {
            reading = new Reading(QueryParameters::bool, "true or false");
        } else if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            reading = new Reading(v -> constant(type, v), oneOf(type));
        } else if (rawType == String.class && marked(annotations, Codes.Country.class)) {
            reading = new Reading(QueryParameters::country, "an ISO 3166-1 alpha-3 code");
        } else {
            return null;
        }
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return rawType.cast(reading.parse().apply(value.trim()));
                } catch (RuntimeException unreadable) {
                    throw new InvalidParameter(name, "must be " + reading.expected());
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
            }
        };
    }

    /**
     * An enum value read as a query parameter is, for parameters JAX-RS cannot type (a path segment that must answer
     * 400, not 404): in any case, else a 400 naming the parameter.
     */
    public static <E extends Enum<E>> E read(Class<E> type, String value, String parameter) {
        try {
            return constant(type, value == null ? "" : value.trim());
        } catch (IllegalArgumentException unknown) {
            throw new InvalidParameter(parameter, "must be " + oneOf(type));
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(value);
    }

    /** A date, month or year outside the platform's years is as unreadable as a malformed one. */
    private static LocalDate date(String value) {
        LocalDate date = LocalDate.parse(value);
        if (!Dates.takes(date)) {
            throw new IllegalArgumentException(value);
        }
        return date;
    }

    private static YearMonth month(String value) {
        YearMonth month = YearMonth.parse(value);
        if (!Dates.takes(month)) {
            throw new IllegalArgumentException(value);
        }
        return month;
    }

    private static Integer year(String value) {
        int year = Integer.parseInt(value);
        if (!Dates.takesYear(year)) {
            throw new IllegalArgumentException(value);
        }
        return year;
    }

    private static String country(String value) {
        String code = Codes.upperCase(value);
        if (!code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException(value);
        }
        return code;
    }

    /** "one of A, B, C": what an enum-valued parameter takes. */
    static String oneOf(Class<?> type) {
        return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static boolean marked(Annotation[] annotations, Class<? extends Annotation> marker) {
        return annotations != null && Arrays.stream(annotations).anyMatch(marker::isInstance);
    }

    private static String queryName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof RestQuery q && !q.value().isEmpty()) {
                return q.value();
            }
        }
        return null;
    }
}
