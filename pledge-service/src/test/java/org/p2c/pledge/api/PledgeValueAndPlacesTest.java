package org.p2c.pledge.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.p2c.pledge.api.PledgeWorld.SECRETARIAT;
import static org.p2c.pledge.api.PledgeWorld.as;
import static org.p2c.pledge.api.PledgeWorld.content;

/**
 * The estimated value in USD and where a pledge is, beyond what follows from any valid content (that is
 * {@link DerivedFieldsOnEveryPathTest}'s): a worked example of the value, what the reference data cannot value or
 * place is refused naming the field, the largest value is kept, and the explorer filters on what was derived.
 */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
@WithTestResource(OidcWiremockTestResource.class)
class PledgeValueAndPlacesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "p2c.topics.entities")
    String entitiesTopic;

    KafkaCompanion kafka;
    UUID entity;
    String member;

    @BeforeEach
    void world() throws Exception {
        kafka = new KafkaCompanion(bootstrap);
        PledgeWorld.Pledger pledger = new PledgeWorld(kafka, entitiesTopic).verifiedPledger();
        entity = pledger.id();
        member = pledger.member();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void theLargestAmountInACurrencyWorthMoreThanTheDollarIsValuedAndKept() {
        // 15 integer digits as stated are 16 in USD at 0.727 pounds to the dollar (2021).
        Map<String, Object> c = content();
        c.put("financialValue", Map.of("amount", "999999999999999.99", "currency", "GBP", "valueDate", "2021-06-30"));
        UUID id = UUID.fromString(as(member).body(Map.of("pledgerEntityId", entity, "content", c)).post("/api/v1/pledges")
                .then().statusCode(201).body("financialValue.usd", is("1375515818431911.95")).extract().path("id"));
        as(member).get("/api/v1/pledges/{id}", id).then().statusCode(200)
                .body("financialValue.usd", is("1375515818431911.95")).body("financialValue.amount", is("999999999999999.99"));
    }

    @Test
    void aPledgedAmountIsNormalisedToUsdWithTheRateAndSourceKept() {
        Map<String, Object> c = content();
        c.put("financialValue", Map.of("amount", "5600000000.00", "currency", "EUR", "valueDate", "2024-07-06"));
        as(member).body(Map.of("pledgerEntityId", entity, "content", c)).post("/api/v1/pledges").then().statusCode(201)
                .body("financialValue.amount", is("5600000000.00"))
                .body("financialValue.currency", is("EUR"))
                .body("financialValue.usd", is("6060606060.61"))
                .body("financialValue.unitsPerUsd", is("0.924"))
                .body("financialValue.rateSource", containsString("2024"));
    }

    @Test
    void aCurrencyOrDateTheRatesDoNotCoverIsA422AndACountryOutsideTheCatalogueA400NamingTheField() {
        Map<String, Object> mongolian = content();
        mongolian.put("financialValue", Map.of("amount", "10.00", "currency", "MNT", "valueDate", "2024-07-06"));
        as(member).body(Map.of("pledgerEntityId", entity, "content", mongolian)).post("/api/v1/pledges").then()
                .statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("content.financialValue.currency"));
        Map<String, Object> tooEarly = content();
        tooEarly.put("financialValue", Map.of("amount", "10.00", "currency", "EUR", "valueDate", "2012-01-01"));
        as(member).body(Map.of("pledgerEntityId", entity, "content", tooEarly)).post("/api/v1/pledges").then()
                .statusCode(422).body("violations.field", contains("content.financialValue.valueDate"));
        Map<String, Object> notAnAmount = content();
        notAnAmount.put("financialValue", Map.of("amount", "-5", "currency", "EUR", "valueDate", "2024-01-01"));
        as(member).body(Map.of("pledgerEntityId", entity, "content", notAnAmount)).post("/api/v1/pledges").then()
                .statusCode(400).body("violations.field", contains("content.financialValue.amount"));
        Map<String, Object> notInCatalogue = content();
        notInCatalogue.put("countries", List.of("ATA"));
        as(member).body(Map.of("pledgerEntityId", entity, "content", notInCatalogue)).post("/api/v1/pledges").then()
                .statusCode(400).body("violations.field", contains("content.countries[0]"));
    }

    @Test
    void aFinancialPledgeCannotBeSubmittedWithoutItsValueButAnotherTypeCan() {
        Map<String, Object> financial = content();
        financial.remove("financialValue");
        UUID id = UUID.fromString(as(member).body(Map.of("pledgerEntityId", entity, "content", financial))
                .post("/api/v1/pledges").then().statusCode(201).extract().path("id"));
        as(member).body(Map.of()).post("/api/v1/pledges/{id}/submission", id).then().statusCode(422)
                .body("violations.field", contains("financialValue"));

        Map<String, Object> policy = content();
        policy.remove("financialValue");
        policy.put("types", List.of("POLICY"));
        UUID policyId = UUID.fromString(as(member).body(Map.of("pledgerEntityId", entity, "content", policy))
                .post("/api/v1/pledges").then().statusCode(201).extract().path("id"));
        as(member).body(Map.of()).post("/api/v1/pledges/{id}/submission", policyId).then().statusCode(200);
    }

    @Test
    void theLimitsTheApiDocumentStatesForPlacesAndTargetsAreEnforced() {
        Map<String, Object> tooManyCountries = content();
        tooManyCountries.put("countries", java.util.Collections.nCopies(251, "KHM"));
        as(member).body(Map.of("pledgerEntityId", entity, "content", tooManyCountries)).post("/api/v1/pledges").then()
                .statusCode(400).body("violations.field", contains("content.countries"));
        Map<String, Object> longTargetCode = content();
        longTargetCode.put("targets", List.of("A".repeat(65)));
        as(member).body(Map.of("pledgerEntityId", entity, "content", longTargetCode)).post("/api/v1/pledges").then()
                .statusCode(400).body("violations.field", contains("content.targets[0]"));
        Map<String, Object> tooManyTargets = content();
        tooManyTargets.put("targets", java.util.Collections.nCopies(101, "ACC-SCHOOLS"));
        as(member).body(Map.of("pledgerEntityId", entity, "content", tooManyTargets)).post("/api/v1/pledges").then()
                .statusCode(400).body("violations.field", contains("content.targets"));
    }

    @Test
    void theExplorerFiltersByDerivedRegionUnGroupAndValueRange() {
        String word = "places" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> fiji = content();
        fiji.put("title", "Island backbone " + word);
        fiji.put("countries", List.of("FJI"));
        fiji.put("financialValue", Map.of("amount", "2000000.00", "currency", "USD", "valueDate", "2024-01-01"));
        Map<String, Object> kenya = content();
        kenya.put("title", "Rural towers " + word);
        kenya.put("countries", List.of("KEN"));
        // The reported case: a primary region that the countries do not imply still places the pledge there.
        kenya.put("primaryRegion", "EUROPE");
        kenya.put("financialValue", Map.of("amount", "50000000.00", "currency", "USD", "valueDate", "2024-01-01"));
        UUID inFiji = validated(fiji);
        UUID inKenya = validated(kenya);

        as(null).get("/api/v1/pledges?q={q}&region=AFRICA", word).then().body("items.id", contains(inKenya.toString()));
        as(null).get("/api/v1/pledges?q={q}&region=EUROPE", word).then().body("items.id", contains(inKenya.toString()));
        as(null).get("/api/v1/pledges?q={q}&sids=true", word).then().body("items.id", contains(inFiji.toString()));
        as(null).get("/api/v1/pledges?q={q}&sids=false", word).then().body("items.id", contains(inKenya.toString()));
        as(null).get("/api/v1/pledges?q={q}&ldc=true", word).then().body("totalItems", is(0));
        as(null).get("/api/v1/pledges?q={q}&minUsd=1000000&maxUsd=10000000", word).then()
                .body("items.id", contains(inFiji.toString()));
        as(null).get("/api/v1/pledges?q={q}&sort=valueUsd,desc", word).then()
                .body("items.id", contains(inKenya.toString(), inFiji.toString()));
        as(null).get("/api/v1/pledges?minUsd=10&maxUsd=5").then().statusCode(400).body("violations[0].field", is("minUsd"));
    }

    private UUID validated(Map<String, Object> content) {
        return PledgeWorld.validated(member, entity, content);
    }
}
