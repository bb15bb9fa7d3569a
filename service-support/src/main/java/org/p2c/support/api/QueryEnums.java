package org.p2c.support.api;

import org.p2c.support.problem.ProblemException;

import java.util.List;

/**
 * Enum-valued query parameters read by hand, for resources that take them as strings (several values of one
 * parameter); an unknown value is a 400 naming the parameter, worded as {@link QueryParameters} words it.
 */
public final class QueryEnums {

    private QueryEnums() {
    }

    public static <E extends Enum<E>> List<E> parse(List<String> values, Class<E> type, String parameter) {
        if (values == null) {
            return List.of();
        }
        return values.stream().map(v -> {
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException unknown) {
                throw ProblemException.invalidField(400, parameter, "must be " + QueryParameters.oneOf(type));
            }
        }).toList();
    }
}
