package org.p2c.support.testing;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** The readiness every service with a database and Kafka promises: UP, and both checks are part of it. */
public final class Readiness {

    private Readiness() {
    }

    public static void assertReadyWithDatabaseAndKafka() {
        // Not before every inbox consumer joined its group (InboxReadiness), which takes the broker a few seconds.
        await("ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "SmallRye Reactive Messaging - readiness check", "Inbox consumers joined their groups"));
    }
}
