package org.p2c.support.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** The readiness every service with a database and Kafka promises: UP, and both checks are part of it. */
public final class Readiness {

    private Readiness() {
    }

    public static void assertReadyWithDatabaseAndKafka() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }
}
