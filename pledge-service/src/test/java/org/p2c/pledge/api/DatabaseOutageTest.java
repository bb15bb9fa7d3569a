package org.p2c.pledge.api;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.RealInfrastructure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database briefly out of reach is an outage the caller should retry, not a bug: with every connection of the pool
 * taken, a request's wait for one times out (Agroal's acquisition timeout) and is answered 503 with Retry-After, as a
 * problem; once connections are free again the same request is answered as usual. Its own application (a pool of
 * two connections that give up after 300 ms), so that no other test waits on it.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = DatabaseOutageTest.SmallPool.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class DatabaseOutageTest {

    static final int POOL = 2;

    public static class SmallPool implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("quarkus.datasource.jdbc.max-size", String.valueOf(POOL),
                    "quarkus.datasource.jdbc.min-size", "0",
                    "quarkus.datasource.jdbc.initial-size", "0",
                    "quarkus.datasource.jdbc.acquisition-timeout", "300ms");
        }

        @Override
        public void stop() {
        }
    }

    @Inject
    AgroalDataSource pool;

    @Test
    void aRequestThatGetsNoConnectionInTimeIsA503ToRetry() throws Exception {
        String path = "/api/v1/pledges/" + UUID.randomUUID();
        given().get(path).then().statusCode(404);

        List<Connection> held = takeEveryConnection();
        Response answer;
        try {
            answer = given().get(path);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.jsonPath().getString("detail"))
                .isEqualTo("The service's database is briefly out of reach; retry in a few seconds");
        assertThat(answer.asString()).doesNotContain("Exception").doesNotContain("agroal");
        given().get(path).then().statusCode(404);
    }

    /** All of the pool's connections, waiting for those the service's background work holds a moment. */
    private List<Connection> takeEveryConnection() {
        List<Connection> held = new ArrayList<>();
        for (int attempt = 0; held.size() < POOL && attempt < 100; attempt++) {
            try {
                held.add(pool.getConnection());
            } catch (SQLException busy) {
                // another holder; try again: it gives its connection back in milliseconds
            }
        }
        assertThat(held).as("the pool's connections, all held by the test").hasSize(POOL);
        return held;
    }
}
