package org.p2c.entity.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.p2c.entity.api.EntityApi.SECRETARIAT;
import static org.p2c.entity.api.EntityApi.as;
import static org.p2c.entity.api.EntityApi.uniqueName;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Inputs are read strictly: a query parameter an operation does not take is a 400 naming it (service-support's
 * UnknownQueryParameters), and codes people type are read in any case.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class StrictInputsTest {

    private static final String PERSON = person("strict-" + UUID.randomUUID(), "pledger");

    /** One real operation of each resource class, with a parameter it does not take, and what it does take. */
    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/entities                                      | contry   | it takes: country, ituRegion, ldc, lldc, page, q, sids, size, sort, stakeholderType, status",
            "/api/v1/entities/6f1c2a9e-8d5b-4a7e-9f3c-2b1d0e6a7c55 | fields   | it takes none",
            "/api/v1/countries                                     | region   | it takes: ituRegion, ldc, lldc, sids",
            "/api/v1/itu-regions                                   | lang     | it takes none",
            "/api/v1/me                                            | verbose  | it takes none",
            "/api/v1/me/entities                                   | status   | it takes none"})
    void anUnknownQueryParameterIsA400NamingIt(String path, String parameter, String takes) {
        as(PERSON).queryParam(parameter, "x").get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains(parameter))
                .body("violations[0].message", is("is not a parameter of this operation; " + takes));
    }

    @Test
    void aSingleValuedParameterGivenTwiceIsRefusedAndARepeatableOneIsNot() {
        as(null).get("/api/v1/entities?page=0&page=1").then().statusCode(400)
                .body("violations.field", contains("page"))
                .body("violations[0].message", is("is given 2 times; it takes one value"));
        as(null).get("/api/v1/entities?country=KHM&country=FRA").then().statusCode(200);
    }

    @Test
    void theProbesAndTheApiDocumentAreNotOperationsAndTakeAnyQuery() {
        as(null).get("/q/health/live?probe=1").then().statusCode(200);
        as(null).get("/q/openapi?format=json&probe=1").then().statusCode(200).body("openapi", startsWith("3."));
    }

    @Test
    void codesAndEnumValuesAreReadInAnyCase() {
        String focal = person("cased-" + UUID.randomUUID(), "pledger");
        String name = uniqueName("Lower-cased ministry");
        UUID id = EntityApi.register(focal, name, "khm", "government");
        EntityApi.verify(id);

        as(SECRETARIAT).get("/api/v1/entities/{id}", id).then().statusCode(200)
                .body("headquartersCountry", is("KHM")).body("stakeholderType", is("GOVERNMENT"));
        JsonPath upper = as(null).get("/api/v1/entities?q={q}&country=KHM&stakeholderType=GOVERNMENT&ituRegion=ASIA_PACIFIC", name)
                .then().statusCode(200).extract().jsonPath();
        JsonPath lower = as(null).get("/api/v1/entities?q={q}&country=khm&stakeholderType=government&ituRegion=asia_pacific", name)
                .then().statusCode(200).extract().jsonPath();
        assertThat(upper.getList("items.id")).containsExactly(id.toString());
        assertThat(lower.getList("items.id")).isEqualTo(upper.getList("items.id"));
        assertThat(as(null).get("/api/v1/countries?ituRegion=cis").then().statusCode(200).extract().jsonPath().getList("alpha3"))
                .isEqualTo(as(null).get("/api/v1/countries?ituRegion=CIS").then().extract().jsonPath().getList("alpha3"));
        as(null).get("/api/v1/entities?country=kh").then().statusCode(400)
                .body("violations.field", contains("country"))
                .body("violations[0].message", is("must be an ISO 3166-1 alpha-3 code"));
    }
}
