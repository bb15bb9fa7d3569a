package org.p2c.support.testing;

import io.restassured.response.Response;

import java.util.List;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refusal of bad input looks like in every service: a 4xx {@code application/problem+json} that says its
 * status, names the field or parameter at fault and shows nothing internal; and the inputs that used to be 500s.
 */
public final class Refusals {

    /** Text with the NUL character PostgreSQL cannot store. */
    public static final String WITH_NUL = "Rural\u0000schools";
    /** Well-formed ISO 8601 dates outside the platform's years 1900–9999. */
    public static final List<String> DATES_OUT_OF_RANGE = List.of("+999999999-12-31", "0000-01-01", "-0001-01-01",
            "1899-12-31", "+10000-01-01");
    /** Instants outside those years. */
    public static final List<String> INSTANTS_OUT_OF_RANGE = List.of("+999999999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z");
    /** Sort expressions no list takes. */
    public static final List<String> MALFORMED_SORTS = List.of(",", ",desc", "title,,", " , ", "title,asc,desc", ",,");

    /** What a problem must not show: an exception's or error's class, or a Java package. */
    static final Pattern INTERNALS = Pattern.compile(
            "[A-Z][A-Za-z0-9]*(Exception|Error)\\b|\\b(java|javax|jakarta|org|io|com)\\.[a-z0-9]+\\.[A-Za-z]");

    private Refusals() {
    }

    /** The answer refuses with {@code status} as a problem naming {@code field} among its violations. */
    public static void assertRefused(Response answer, int status, String field) {
        assertProblem(answer, status);
        List<String> fields = answer.jsonPath().getList("violations.field");
        assertThat(fields).as("the fields the problem names, in " + answer.asString()).contains(field);
    }

    /** The answer is a problem with {@code status}, showing no exception class or Java package. */
    public static void assertProblem(Response answer, int status) {
        assertThat(answer.statusCode()).as("the status of " + answer.asString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(answer.asString()).as("the problem").doesNotContainPattern(INTERNALS);
    }

    /** A request URI or headers over service-support's RequestLimits get a 414 or 431 problem, not Vert.x' bare one. */
    public static void assertRequestSizeLimitsAreProblems(String path) {
        Response uri = given().get(path + "?" + "q=" + "x".repeat(9000));
        assertProblem(uri, 414);
        assertThat(uri.jsonPath().getString("detail")).isEqualTo("The request URI may have at most 8192 characters");
        Response headers = given().header("X-Padding", "x".repeat(21_000)).get(path);
        assertProblem(headers, 431);
        assertThat(headers.jsonPath().getString("detail"))
                .isEqualTo("The request headers may have at most 20480 characters in all");
    }
}
