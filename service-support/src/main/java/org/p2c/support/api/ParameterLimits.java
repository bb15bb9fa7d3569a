package org.p2c.support.api;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.p2c.support.problem.InvalidParameter;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much a caller may put in a request's parameters, whatever the operation: a query parameter given at most
 * {@value #MAX_VALUES} times, and every value of a query, path or declared header parameter at most
 * {@value #MAX_LENGTH} characters, none with a NUL character ({@link Text}). More is a 400 naming the parameter, before the resource reads any of it, so no
 * search, filter or key makes a service hold or compare an arbitrary amount of text. The API documents state these
 * limits from the same constants ({@link org.p2c.support.openapi.StandardLimits}).
 */
public class ParameterLimits {

    public static final int MAX_LENGTH = 255;
    public static final int MAX_VALUES = 100;

    private final Map<Method, List<String>> declaredHeaders = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        request.getUriInfo().getQueryParameters().forEach((name, values) -> {
            if (values.size() > MAX_VALUES) {
                throw new InvalidParameter(name, "may be given at most " + MAX_VALUES + " times");
            }
            values.forEach(value -> check(name, value));
        });
        request.getUriInfo().getPathParameters().forEach((name, values) -> values.forEach(value -> check(name, value)));
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null) {
            // Only headers an operation reads: a bearer token, say, is longer and is the security layer's business.
            for (String header : declaredHeaders.computeIfAbsent(method, ParameterLimits::headersOf)) {
                List<String> values = request.getHeaders().get(header);
                if (values != null) {
                    values.forEach(value -> check(header, value));
                }
            }
        }
    }

    private static void check(String name, String value) {
        if (value != null && value.length() > MAX_LENGTH) {
            throw tooLong(name);
        }
        if (!Text.takes(value)) {
            throw new InvalidParameter(name, Text.NUL_REFUSED);
        }
    }

    /** The refusal of a value of {@code name} longer than {@value #MAX_LENGTH} characters. */
    public static InvalidParameter tooLong(String name) {
        return new InvalidParameter(name, "must have at most " + MAX_LENGTH + " characters");
    }

    private static List<String> headersOf(Method method) {
        List<String> names = new ArrayList<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if (a instanceof HeaderParam header) {
                    names.add(header.value());
                }
            }
        }
        return List.copyOf(names);
    }
}
