package org.p2c.entity.api;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.p2c.support.testing.TestTokens.person;

/** Drives entity-service over HTTP the way a frontend does; used to build each test's world. */
final class EntityApi {

    static final String SECRETARIAT = person("secretariat-officer", "secretariat");

    private EntityApi() {
    }

    static RequestSpecification as(String token) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return token == null ? spec : spec.auth().oauth2(token);
    }

    static Map<String, Object> profile(String name, String country, String type) {
        return Map.of(
                "name", name,
                "acronym", "ACR",
                "stakeholderType", type,
                "headquartersCountry", country,
                "website", "https://example.org",
                "description", "An organisation that pledges to connect people",
                "focalPoint", Map.of("name", "Focal Point", "email", "focal@example.org", "phone", "+855 23 000 000"));
    }

    static UUID register(String token, String name, String country, String type) {
        return UUID.fromString(as(token).body(profile(name, country, type)).post("/api/v1/entities")
                .then().statusCode(201).extract().path("id"));
    }

    static void verify(UUID entity) {
        as(SECRETARIAT).body(Map.of("reason", "checked")).post("/api/v1/entities/{id}/verification", entity)
                .then().statusCode(200);
    }

    static String addMemberBySubject(String focalPointToken, UUID entity, String subject) {
        return as(focalPointToken).body(Map.of("subject", subject)).post("/api/v1/entities/{id}/members", entity)
                .then().statusCode(201).extract().path("id");
    }

    static void bindPartnerClient(String token, UUID entity, String clientId) {
        as(token).body(Map.of("clientId", clientId)).post("/api/v1/entities/{id}/partner-clients", entity)
                .then().statusCode(201);
    }

    static String etag(UUID entity) {
        return as(SECRETARIAT).get("/api/v1/entities/{id}", entity).then().statusCode(200).extract().header("ETag");
    }

    static String uniqueName(String base) {
        return base + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
