package org.p2c.support.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a query parameter the operation does not declare, with a 400 naming it and the parameters the operation
 * takes. JAX-RS ignores an undeclared parameter, so {@code GET /api/v1/pledges?contry=KHM} answered every pledge as if
 * no filter had been asked for; a misspelt filter must not look like an empty one. A single-valued parameter given
 * twice is refused as well: JAX-RS would read the first value and drop the other without a word.
 *
 * <p>The names come from the matched resource method, read once per method: its {@code @QueryParam}/{@code @RestQuery}
 * parameters, those inside its {@code @BeanParam} classes, and the resource class's own annotated fields. Every
 * service gets this by depending on service-support. Only resource methods are filtered: the probes, the OpenAPI
 * document and Swagger UI under {@code /q/} are not JAX-RS resources and never pass here, and a path that matches no
 * resource stays a 404.
 */
public class UnknownQueryParameters {

    private final Map<Method, Declared> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseUndeclared(UriInfo uri, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Declared names = declared.computeIfAbsent(method, m -> Declared.by(resource.getResourceClass(), m));
        List<Problem.Violation> violations = names.refusals(uri.getQueryParameters());
        if (violations.size() == 1) {
            throw ProblemException.invalidField(400, violations.get(0).field(), violations.get(0).message());
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    violations.size() + " query parameters are invalid", violations);
        }
    }

    /** The refusal of a query parameter {@code name} that the operation does not take; {@code takes} says what it does. */
    public static Problem.Violation notTaken(String name, String takes) {
        return new Problem.Violation(name, "is not a parameter of this operation; " + takes);
    }

    /** "it takes: a, b, c" in alphabetical order, or "it takes none", for the query parameters of an operation. */
    public static String takes(Collection<String> names) {
        Set<String> all = new TreeSet<>(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
        all.addAll(names);
        return all.isEmpty() ? "it takes none" : "it takes: " + String.join(", ", all);
    }

    /**
     * The query parameters one operation takes: those that take one value, those that take several (a collection or an
     * array, given by repeating the parameter), and whether it takes any name at all (a map of every parameter).
     */
    record Declared(Set<String> single, Set<String> repeatable, boolean anyName) {

        static Declared by(Class<?> resourceClass, Method method) {
            Names names = new Names();
            for (Parameter parameter : method.getParameters()) {
                names.add(parameter, parameter.getName(), parameter.getType());
            }
            if (resourceClass != null) {
                names.addMembersOf(resourceClass);
            }
            return new Declared(Set.copyOf(names.single), Set.copyOf(names.repeatable), names.anyName);
        }

        /** Each undeclared name, and each single-valued one given more than once, with why; sorted by name. */
        List<Problem.Violation> refusals(Map<String, List<String>> query) {
            if (anyName) {
                return List.of();
            }
            List<Problem.Violation> refusals = new ArrayList<>();
            for (Map.Entry<String, List<String>> given : query.entrySet()) {
                String name = given.getKey();
                if (name == null || name.isEmpty() || repeatable.contains(name)) {
                    continue;
                }
                int times = given.getValue() == null ? 1 : given.getValue().size();
                if (!single.contains(name)) {
                    refusals.add(notTaken(name, takes()));
                } else if (times > 1) {
                    refusals.add(new Problem.Violation(name, "is given " + times + " times; it takes one value"));
                }
            }
            refusals.sort(Comparator.comparing(Problem.Violation::field));
            return refusals;
        }

        /** "it takes: a, b, c" in alphabetical order, or "it takes none". */
        String takes() {
            Set<String> all = new HashSet<>(single);
            all.addAll(repeatable);
            return UnknownQueryParameters.takes(all);
        }
    }

    /** Collects the names while walking a method's parameters, its bean parameters and its resource class. */
    private static final class Names {

        private final Set<String> single = new HashSet<>();
        private final Set<String> repeatable = new HashSet<>();
        private final Set<Class<?>> walked = new HashSet<>();
        private boolean anyName;

        /** A method parameter, a field or a setter: a query parameter, a bean of them, or neither. */
        void add(AnnotatedElement element, String javaName, Class<?> type) {
            String name = queryName(element, javaName);
            if (name == null) {
                if (element.isAnnotationPresent(BeanParam.class)) {
                    addMembersOf(type);
                }
            } else if (Map.class.isAssignableFrom(type)) {
                anyName = true;
            } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
                repeatable.add(name);
            } else {
                single.add(name);
            }
        }

        /** The annotated fields and setters of a bean parameter or a resource class, its superclasses' included. */
        void addMembersOf(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class && walked.add(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    add(field, field.getName(), field.getType());
                }
                for (Method setter : c.getDeclaredMethods()) {
                    if (setter.getParameterCount() == 1) {
                        // @RestQuery does not apply to methods: a setter names its parameter in @QueryParam.
                        add(setter, setter.getName(), setter.getParameterTypes()[0]);
                    }
                }
            }
        }

        private static String queryName(AnnotatedElement element, String javaName) {
            QueryParam query = element.getAnnotation(QueryParam.class);
            if (query != null) {
                return query.value();
            }
            RestQuery rest = element.getAnnotation(RestQuery.class);
            if (rest != null) {
                return rest.value().isEmpty() ? javaName : rest.value();
            }
            return null;
        }
    }
}
