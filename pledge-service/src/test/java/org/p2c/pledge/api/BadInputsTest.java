package org.p2c.pledge.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import static org.p2c.pledge.api.PledgeWorld.SECRETARIAT;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;
import static org.p2c.support.testing.Refusals.assertRefused;

/**
 * Inputs that used to be 500s — a NUL in a text (PostgreSQL refuses it), a date out of the platform's years, a
 * malformed sort, a page far beyond any list, a year 0 — are 400 problems naming the field or parameter, in a single
 * call and inside a batch, where the bad item fails alone.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class BadInputsTest {

    static final List<String> DATES_OUT_OF_RANGE = Refusals.DATES_OUT_OF_RANGE;
    static final List<String> MALFORMED_SORTS = Refusals.MALFORMED_SORTS;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    KafkaCompanion kafka;
    PledgeWorld.Pledger pledger;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        pledger = new PledgeWorld(kafka, entitiesTopic).verifiedPledger();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aNulInAQueryParameterIsRefusedNamingIt() {
        assertRefused(as(null).queryParam("q", "\u0000").get("/api/v1/pledges"), 400, "q");
        assertRefused(as(null).queryParam("target", "ACC\u0000").get("/api/v1/pledges"), 400, "target");
        assertRefused(as(null).get("/api/v1/pledges/{id}", "P2C-2024-\u000000001"), 400, "id");
    }

    @Test
    void aNulInABodysTextIsRefusedNamingTheFieldNotStripped() {
        Map<String, Object> content = content();
        content.put("title", Refusals.WITH_NUL);
        Response answer = as(pledger.member()).body(Map.of("pledgerEntityId", pledger.id(), "content", content))
                .post("/api/v1/pledges");
        assertRefused(answer, 400, "content.title");
        assertThat(answer.jsonPath().getString("violations[0].message")).isEqualTo("must not contain the NUL character (U+0000)");

        content = content();
        content.put("countries", List.of("KHM", "LA\u0000"));
        assertRefused(as(pledger.member()).body(Map.of("pledgerEntityId", pledger.id(), "content", content))
                .post("/api/v1/pledges"), 400, "content.countries[1]");
        UUID draft = PledgeWorld.draft(pledger.member(), pledger.id());
        assertRefused(as(pledger.member()).body(Map.of("comment", "fine\u0000")).post("/api/v1/pledges/{id}/submission", draft),
                400, "comment");
    }

    @ParameterizedTest
    @FieldSource("DATES_OUT_OF_RANGE")
    void aDateOutOfThePlatformsYearsIsRefusedNamingTheField(String date) {
        Map<String, Object> content = content();
        content.put("startDate", date);
        Response answer = as(pledger.member()).body(Map.of("pledgerEntityId", pledger.id(), "content", content))
                .post("/api/v1/pledges");
        assertRefused(answer, 400, "content.startDate");
        assertThat(answer.jsonPath().getString("violations[0].message")).isEqualTo("must be a date between 1900-01-01 and 9999-12-31");

        content = content();
        content.put("financialValue", Map.of("amount", "1200000.00", "currency", "EUR", "valueDate", date));
        assertRefused(as(pledger.member()).body(Map.of("pledgerEntityId", pledger.id(), "content", content))
                .post("/api/v1/pledges"), 400, "content.financialValue.valueDate");
    }

    @ParameterizedTest
    @FieldSource("MALFORMED_SORTS")
    void aMalformedSortIsRefusedNamingIt(String sort) {
        assertRefused(as(null).queryParam("sort", sort).get("/api/v1/pledges"), 400, "sort");
    }

    @Test
    void aPageBeyondAnyListAndAYearOutOfRangeAreRefusedNamingThem() {
        assertRefused(as(null).get("/api/v1/pledges?page=2147483647"), 400, "page");
        assertRefused(as(null).get("/api/v1/pledges?page=5001&size=20"), 400, "page");
        as(null).get("/api/v1/pledges?page=5000&size=20").then().statusCode(200);
        for (String year : List.of("0", "-1", "1899", "10000", "2147483647")) {
            assertRefused(as(null).queryParam("endYear", year).get("/api/v1/pledges"), 400, "endYear");
        }
        as(null).get("/api/v1/pledges?endYear=9999").then().statusCode(200);
    }

    @Test
    void inAPartnersBatchTheBadItemFailsAloneWithItsProblem() {
        Map<String, Object> nul = content();
        nul.put("description", Refusals.WITH_NUL);
        Map<String, Object> farFuture = content();
        farFuture.put("endDate", "+999999999-12-31");
        Map<String, Object> wrongType = content();
        wrongType.put("sdgs", "four");
        List<Map<String, Object>> items = List.of(Map.of("content", content()), Map.of("content", nul),
                Map.of("content", farFuture), Map.of("content", wrongType), Map.of("version", "x", "content", content()));

        Response answer = as(pledger.partner()).header("Idempotency-Key", "bad-" + UUID.randomUUID())
                .body(Map.of("items", items)).post("/api/v1/pledges/batch");

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.jsonPath().getList("results.outcome", String.class))
                .containsExactly("CREATED", "FAILED", "FAILED", "FAILED", "FAILED");
        assertThat(answer.jsonPath().getList("results[1].problem.violations.field")).containsExactly("content.description");
        assertThat(answer.jsonPath().getList("results[2].problem.violations.field")).containsExactly("content.endDate");
        assertThat(answer.jsonPath().getList("results[3].problem.violations.field")).containsExactly("content.sdgs");
        assertThat(answer.jsonPath().getList("results[4].problem.violations.field")).containsExactly("version");
        assertThat(answer.jsonPath().getInt("results[2].problem.status")).isEqualTo(400);
        assertThat(answer.asString()).doesNotContain("Exception");
    }

    @Test
    void inALegacyImportTheBadItemFailsAloneWithItsProblem() {
        Map<String, Object> good = imported("SUBMITTED", "2022-09-20T09:00:00Z");
        Map<String, Object> ancient = imported("SUBMITTED", "0000-01-01T00:00:00Z");
        Map<String, Object> nul = imported("SUBMITTED", "2022-09-20T09:00:00Z");
        nul.put("reference", "P2C-2022-\u000012345");

        Response answer = as(SECRETARIAT).body(Map.of("items", List.of(good, ancient, nul))).post("/api/v1/pledges/imports");

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.jsonPath().getList("results.outcome", String.class)).containsExactly("IMPORTED", "FAILED", "FAILED");
        assertThat(answer.jsonPath().getList("results[1].problem.violations.field")).containsExactly("submittedAt");
        assertThat(answer.jsonPath().getString("results[1].problem.violations[0].message"))
                .isEqualTo("must be an instant between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        assertThat(answer.jsonPath().getList("results[2].problem.violations.field")).containsExactly("reference");
    }

    @Test
    void aTooLongUriOrTooLargeHeadersAreProblems() {
        Refusals.assertRequestSizeLimitsAreProblems("/api/v1/pledges");
    }

    private Map<String, Object> imported(String status, String submittedAt) {
        Map<String, Object> item = new HashMap<>();
        item.put("pledgerEntityId", pledger.id());
        item.put("reference", "P2C-2022-" + String.format("%05d", (int) (Math.random() * 90_000) + 10_000));
        item.put("status", status);
        item.put("submittedAt", submittedAt);
        item.put("content", content());
        return item;
    }
}
