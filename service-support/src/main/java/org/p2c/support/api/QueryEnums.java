package org.p2c.support.api;

import org.p2c.support.problem.ProblemException;

import java.util.Arrays;
import java.util.List;

/**
 * Enum-valued query parameters, read by hand: JAX-RS would answer an unknown value with a bare 404, where the API
 * promises a 400 problem naming the parameter and its allowed values.
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
                throw ProblemException.invalidField(400, parameter,
                        "must be one of " + Arrays.toString(type.getEnumConstants()));
            }
        }).toList();
    }
}
