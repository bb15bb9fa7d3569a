package org.p2c.support.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;
import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UnknownQueryParametersTest {

    /** Resource methods as the services write them, and the other ways JAX-RS and Quarkus REST declare parameters. */
    static class Pledges {

        @QueryParam("debug")
        boolean debug;

        public void explore(@QueryParam("q") String q, @QueryParam("country") List<String> countries,
                            @QueryParam("page") Integer page, @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                            String body) {
        }

        public void byRestQuery(@RestQuery String asOf, @RestQuery("format") String output, @RestQuery Set<Integer> sdg) {
        }

        public void byBean(@BeanParam Paging paging, @QueryParam("sort") String sort) {
        }

        public void byRecordBean(@BeanParam Window window) {
        }

        public void none() {
        }

        public void everything(@RestQuery Map<String, String> all) {
        }
    }

    static class Cursor {
        @RestQuery
        String after;
    }

    static class Paging extends Cursor {
        @QueryParam("page")
        Integer page;
        @BeanParam
        Sizes sizes;
        private String tag;

        @QueryParam("tag")
        public void setTag(String tag) {
            this.tag = tag;
        }
    }

    static class Sizes {
        @QueryParam("size")
        Integer size;
    }

    record Window(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("at") String[] at) {
    }

    private static UnknownQueryParameters.Declared declared(String method) {
        return UnknownQueryParameters.Declared.by(Pledges.class, method(method));
    }

    private static Method method(String name) {
        return Arrays.stream(Pledges.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anOperationTakesItsQueryParametersAndTheResourceClassFieldsNotItsPathHeaderOrBody() {
        UnknownQueryParameters.Declared explore = declared("explore");

        assertThat(explore.single()).containsExactlyInAnyOrder("q", "page", "debug");
        assertThat(explore.repeatable()).containsExactly("country");
        assertThat(explore.takes()).isEqualTo("it takes: country, debug, page, q");
    }

    @Test
    void restQueryWithoutANameIsNamedAfterTheJavaParameter() {
        UnknownQueryParameters.Declared names = declared("byRestQuery");

        assertThat(names.single()).containsExactlyInAnyOrder("asOf", "format", "debug");
        assertThat(names.repeatable()).containsExactly("sdg");
    }

    @Test
    void beanParametersAreWalkedWithTheirSuperclassesSettersAndNestedBeans() {
        assertThat(declared("byBean").single())
                .containsExactlyInAnyOrder("sort", "page", "size", "after", "tag", "debug");
        assertThat(declared("byRecordBean").single()).containsExactlyInAnyOrder("from", "to", "debug");
        assertThat(declared("byRecordBean").repeatable()).containsExactly("at");
    }

    @Test
    void anUnknownNameIsRefusedWithTheNamesTheOperationTakes() {
        List<Problem.Violation> refusals = declared("explore").refusals(query("contry", "KHM", "q", "schools"));

        assertThat(refusals).containsExactly(new Problem.Violation("contry",
                "is not a parameter of this operation; it takes: country, debug, page, q"));
    }

    @Test
    void aNameDiffersInCaseFromTheDeclaredOneIsUnknown() {
        assertThat(declared("explore").refusals(query("Country", "KHM"))).extracting(Problem.Violation::field)
                .containsExactly("Country");
    }

    @Test
    void anOperationWithoutQueryParametersRefusesEveryName() {
        UnknownQueryParameters.Declared none = UnknownQueryParameters.Declared.by(Object.class, method("none"));

        assertThat(none.refusals(query("page", "1"))).containsExactly(
                new Problem.Violation("page", "is not a parameter of this operation; it takes none"));
        assertThat(none.refusals(Map.of())).isEmpty();
    }

    @Test
    void aRepeatableParameterMayBeRepeatedAndASingleOneMayNot() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("country", List.of("KHM", "LAO"));
        query.put("page", List.of("1", "2"));
        query.put("q", List.of("schools"));
        query.put("contry", List.of("KHM", "LAO"));

        assertThat(declared("explore").refusals(query)).containsExactly(
                new Problem.Violation("contry", "is not a parameter of this operation; it takes: country, debug, page, q"),
                new Problem.Violation("page", "is given 2 times; it takes one value"));
    }

    @Test
    void aMapOfEveryParameterTakesAnyName() {
        assertThat(declared("everything").refusals(query("anything", "1", "else", "2"))).isEmpty();
    }

    @Test
    void anEmptyNameIsIgnoredLikeATrailingAmpersand() {
        assertThat(declared("explore").refusals(query("", "x"))).isEmpty();
    }

    @Test
    void theFilterAnswersOneUnknownParameterAsA400NamingIt() {
        UnknownQueryParameters filter = new UnknownQueryParameters();

        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> filter.refuseUndeclared(uri(query("contry", "KHM")), resource("explore")));

        Problem problem = refused.toProblem("/api/v1/pledges");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(Problem.type("validation"));
        assertThat(problem.detail()).isEqualTo("contry: is not a parameter of this operation; it takes: country, debug, page, q");
        assertThat(problem.violations()).extracting(Problem.Violation::field).containsExactly("contry");
    }

    @Test
    void theFilterNamesEveryRefusedParameterInOneProblem() {
        UnknownQueryParameters filter = new UnknownQueryParameters();

        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> filter.refuseUndeclared(uri(query("pag", "1", "contry", "KHM")), resource("explore")));

        Problem problem = refused.toProblem("/api/v1/pledges");
        assertThat(problem.detail()).isEqualTo("2 query parameters are invalid");
        assertThat(problem.violations()).extracting(Problem.Violation::field).containsExactly("contry", "pag");
    }

    @Test
    void theFilterLetsDeclaredParametersThrough() {
        UnknownQueryParameters filter = new UnknownQueryParameters();

        assertThatCode(() -> filter.refuseUndeclared(uri(query("country", "KHM", "page", "0")), resource("explore")))
                .doesNotThrowAnyException();
    }

    /** Name, value, name, value… in order. */
    static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return query;
    }

    private static ResourceInfo resource(String method) {
        return new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return method(method);
            }

            @Override
            public Class<?> getResourceClass() {
                return Pledges.class;
            }
        };
    }

    /** A request's URI that answers only its query parameters, which is all the filter reads. */
    private static UriInfo uri(Map<String, List<String>> query) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        query.forEach(parameters::addAll);
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[]{UriInfo.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("getQueryParameters")) {
                        return parameters;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
