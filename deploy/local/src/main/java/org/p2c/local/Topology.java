package org.p2c.local;

import java.util.List;

/**
 * The platform's shape as the local launcher and the tests see it: which services exist, where they listen,
 * which database each owns, and the Kafka topics of the event conventions.
 */
public final class Topology {

    public static final int POSTGRES_PORT = 55432;
    public static final int KAFKA_PORT = 19092;
    public static final int KAFKA_CONTROLLER_PORT = 19093;
    public static final int KEYCLOAK_PORT = 18080;
    public static final String REALM = "itu";
    public static final String AUDIENCE = "p2c-api";

    /** One topic per aggregate, owned by one service; keyed by aggregate id, so several partitions. */
    public static final List<String> TOPICS = List.of("p2c.entities.v1", "p2c.pledges.v1", "p2c.reports.v1");
    public static final int TOPIC_PARTITIONS = 3;

    public record Service(String name, String module, int port, String database) {
        public boolean hasDatabase() {
            return database != null;
        }
    }

    public static final List<Service> SERVICES = List.of(
            new Service("entity-service", "entity-service", 8081, "entity"),
            new Service("pledge-service", "pledge-service", 8082, "pledge"),
            new Service("reporting-service", "reporting-service", 8083, "reporting"),
            new Service("analytics-service", "analytics-service", 8084, "analytics"),
            new Service("gateway", "gateway", 8080, null));

    /** Keycloak keeps its realm, users and sessions in the same PostgreSQL server. */
    public static final String KEYCLOAK_DATABASE = "keycloak";

    /** Dev-only database credentials: each database is owned by a role of the same name plus "_owner". */
    public static String ownerOf(String database) {
        return database + "_owner";
    }

    public static String dlqOf(String topic) {
        return topic + ".dlq";
    }

    private Topology() {
    }
}
