package org.p2c.analytics.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.Refusals;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.support.testing.Refusals.assertRefused;

/**
 * Dates out of the platform's years in any date or month parameter, and a NUL in any parameter, are 400 problems
 * naming the parameter (they used to be 500s); a too-long URI or headers are problems too.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class BadInputsTest {

    static final List<String> DATES_OUT_OF_RANGE = Refusals.DATES_OUT_OF_RANGE;

    @ParameterizedTest
    @FieldSource("DATES_OUT_OF_RANGE")
    void aDateOutOfThePlatformsYearsIsRefusedNamingTheParameter(String date) {
        Response overview = given().queryParam("asOf", date).get("/api/v1/analytics/overview");
        assertRefused(overview, 400, "asOf");
        assertThat(overview.jsonPath().getString("violations[0].message"))
                .isEqualTo("must be a date between 1900-01-01 and 9999-12-31 (YYYY-MM-DD)");
        assertRefused(given().queryParam("asOf", date).get("/api/v1/analytics/regions/AFRICA"), 400, "asOf");
        assertRefused(given().queryParam("compareTo", date).get("/api/v1/analytics/comparison"), 400, "compareTo");
        assertRefused(given().queryParam("asOf", date).get("/api/v1/analytics/time-series"), 400, "asOf");
    }

    @Test
    void aMonthOutOfThePlatformsYearsIsRefusedNamingIt() {
        for (String month : List.of("+999999999-12", "0000-01", "-0001-06", "1899-12")) {
            assertRefused(given().queryParam("from", month).get("/api/v1/analytics/time-series"), 400, "from");
        }
    }

    @Test
    void aNulInAParameterIsRefusedNamingIt() {
        assertRefused(given().get("/api/v1/analytics/countries/{country}", "KH\u0000"), 400, "country");
        assertRefused(given().get("/api/v1/analytics/regions/{region}", "AFRICA\u0000"), 400, "region");
        assertRefused(given().queryParam("asOf", "2024-07-07\u0000").get("/api/v1/analytics/overview"), 400, "asOf");
    }

    @Test
    void aTooLongUriOrTooLargeHeadersAreProblems() {
        Refusals.assertRequestSizeLimitsAreProblems("/api/v1/analytics/overview");
    }
}
