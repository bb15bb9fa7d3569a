package org.p2c.entity.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.p2c.local.testing.RealInfrastructure;
import org.p2c.support.testing.Refusals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.entity.api.EntityApi.as;
import static org.p2c.entity.api.EntityApi.profile;
import static org.p2c.entity.api.EntityApi.uniqueName;
import static org.p2c.support.testing.Refusals.assertRefused;
import static org.p2c.support.testing.TestTokens.person;

/**
 * Inputs that used to be 500s — a NUL in a text or a parameter (PostgreSQL refuses it), a malformed sort, a page far
 * beyond any list — are 400 problems naming the field or parameter; a too-long URI or headers are problems too.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class BadInputsTest {

    static final List<String> MALFORMED_SORTS = Refusals.MALFORMED_SORTS;
    private static final String PERSON = person("bad-inputs-" + UUID.randomUUID(), "pledger");

    @Test
    void aNulInAQueryOrPathParameterIsRefusedNamingIt() {
        assertRefused(as(null).queryParam("q", "\u0000").get("/api/v1/entities"), 400, "q");
        assertRefused(as(null).queryParam("q", "Ministry\u0000of").get("/api/v1/entities"), 400, "q");
        assertRefused(as(null).get("/api/v1/countries/{alpha3}", "KH\u0000"), 400, "alpha3");
    }

    @Test
    void aNulInABodysTextIsRefusedNamingTheField() {
        Map<String, Object> entity = new HashMap<>(profile(uniqueName("Nul"), "KHM", "GOVERNMENT"));
        entity.put("name", Refusals.WITH_NUL);
        Response answer = as(PERSON).body(entity).post("/api/v1/entities");
        assertRefused(answer, 400, "name");
        assertThat(answer.jsonPath().getString("violations[0].message")).isEqualTo("must not contain the NUL character (U+0000)");

        entity = new HashMap<>(profile(uniqueName("Nul"), "KHM", "GOVERNMENT"));
        entity.put("focalPoint", Map.of("name", "Focal\u0000Point", "email", "focal@example.org"));
        assertRefused(as(PERSON).body(entity).post("/api/v1/entities"), 400, "focalPoint.name");
    }

    @ParameterizedTest
    @FieldSource("MALFORMED_SORTS")
    void aMalformedSortIsRefusedNamingIt(String sort) {
        assertRefused(as(null).queryParam("sort", sort).get("/api/v1/entities"), 400, "sort");
    }

    @Test
    void aPageBeyondAnyListIsRefusedNamingIt() {
        assertRefused(as(null).get("/api/v1/entities?page=2147483647"), 400, "page");
        assertRefused(as(null).get("/api/v1/entities?page=1001&size=100"), 400, "page");
        as(null).get("/api/v1/entities?page=1000&size=100").then().statusCode(200);
    }

    @Test
    void aTooLongUriOrTooLargeHeadersAreProblems() {
        Refusals.assertRequestSizeLimitsAreProblems("/api/v1/entities");
    }
}
