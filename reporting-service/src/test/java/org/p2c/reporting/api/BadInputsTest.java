package org.p2c.reporting.api;

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
import org.p2c.support.testing.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.reporting.api.ReportWorld.as;
import static org.p2c.reporting.api.ReportWorld.content;
import static org.p2c.support.testing.Refusals.assertRefused;

/**
 * Inputs that used to be 500s — a NUL in a text (PostgreSQL refuses it), a date out of the platform's years, a
 * malformed sort, a page far beyond any list — are 400 problems naming the field or parameter, in a single call and
 * inside a partner's batch, where the bad item fails alone.
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

    @ConfigProperty(name = "p2c.topics.pledges")
    String pledgesTopic;

    KafkaCompanion kafka;
    String member;
    String client;
    UUID pledge;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        ReportWorld world = new ReportWorld(kafka, entitiesTopic, pledgesTopic);
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID entity = UUID.randomUUID();
        client = "partner-bad-" + run;
        world.entity(entity, "member-bad-" + run, client, "GOVERNMENT");
        member = TestTokens.person("member-bad-" + run, "pledger");
        ReportWorld.awaitEntities(entity);
        pledge = world.pledge(entity, "VALIDATED", 1, List.of("KHM"));
        ReportWorld.awaitPledge(pledge, 1);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aNulInABodysTextOrAParameterIsRefusedNamingIt() {
        Map<String, Object> content = content();
        content.put("achievements", Refusals.WITH_NUL);
        assertRefused(as(member).body(Map.of("pledgeId", pledge, "content", content)).post("/api/v1/reports"),
                400, "content.achievements");
        content = content();
        content.put("challenges", List.of(Map.of("category", "ADMINISTRATIVE", "text", "Permits\u0000")));
        assertRefused(as(member).body(Map.of("pledgeId", pledge, "content", content)).post("/api/v1/reports"),
                400, "content.challenges[0].text");
        assertRefused(as(null).queryParam("pledgeId", "P2C-2024-\u000000001").get("/api/v1/reports"), 400, "pledgeId");
    }

    @ParameterizedTest
    @FieldSource("DATES_OUT_OF_RANGE")
    void aDateOutOfThePlatformsYearsIsRefusedNamingTheField(String date) {
        Map<String, Object> content = content();
        content.put("asOfDate", date);
        Response answer = as(member).body(Map.of("pledgeId", pledge, "content", content)).post("/api/v1/reports");
        assertRefused(answer, 400, "content.asOfDate");
        assertThat(answer.jsonPath().getString("violations[0].message")).isEqualTo("must be a date between 1900-01-01 and 9999-12-31");

        content = content();
        content.put("amountDisbursed", Map.of("amount", "1.00", "currency", "EUR", "valueDate", date));
        assertRefused(as(member).body(Map.of("pledgeId", pledge, "content", content)).post("/api/v1/reports"),
                400, "content.amountDisbursed.valueDate");
    }

    @ParameterizedTest
    @FieldSource("MALFORMED_SORTS")
    void aMalformedSortIsRefusedNamingIt(String sort) {
        assertRefused(as(null).queryParam("pledgeId", pledge).queryParam("sort", sort).get("/api/v1/reports"), 400, "sort");
    }

    @Test
    void aPageBeyondAnyListIsRefusedNamingIt() {
        assertRefused(as(null).queryParam("pledgeId", pledge).queryParam("page", Integer.MAX_VALUE).get("/api/v1/reports"),
                400, "page");
        assertRefused(as(TestTokens.person("secretariat-officer", "secretariat")).queryParam("page", 100_001).queryParam("size", 1)
                .get("/api/v1/reports/compliance"), 400, "page");
    }

    @Test
    void inAPartnersBatchTheBadItemFailsAloneWithItsProblem() {
        Map<String, Object> nul = content();
        nul.put("achievements", Refusals.WITH_NUL);
        Map<String, Object> farFuture = content();
        farFuture.put("revisedEndDate", "+999999999-12-31");
        Map<String, Object> wrongType = content();
        wrongType.put("percentComplete", "most");
        List<Map<String, Object>> items = List.of(Map.of("pledgeId", pledge, "content", content()),
                Map.of("pledgeId", pledge, "content", nul), Map.of("pledgeId", pledge, "content", farFuture),
                Map.of("pledgeId", pledge, "content", wrongType), Map.of("pledgeId", "not-a-uuid", "content", content()));

        Response answer = as(TestTokens.partner(client)).header("Idempotency-Key", "bad-" + UUID.randomUUID())
                .body(Map.of("items", items)).post("/api/v1/reports/batch");

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.jsonPath().getList("results.outcome", String.class))
                .containsExactly("CREATED", "FAILED", "FAILED", "FAILED", "FAILED");
        assertThat(answer.jsonPath().getList("results[1].problem.violations.field")).containsExactly("content.achievements");
        assertThat(answer.jsonPath().getList("results[2].problem.violations.field")).containsExactly("content.revisedEndDate");
        assertThat(answer.jsonPath().getList("results[3].problem.violations.field")).containsExactly("content.percentComplete");
        assertThat(answer.jsonPath().getList("results[4].problem.violations.field")).containsExactly("pledgeId");
        assertThat(answer.asString()).doesNotContain("Exception");
    }

    @Test
    void aTooLongUriOrTooLargeHeadersAreProblems() {
        Refusals.assertRequestSizeLimitsAreProblems("/api/v1/reports");
    }
}
