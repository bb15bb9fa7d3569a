package org.p2c.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's shape as the local launcher and the tests see it: which services exist, where they listen,
 * which database each owns, and the Kafka topics of the event conventions.
 */
public final class Topology {

    public static final int POSTGRES_PORT = 55432;
    public static final int KAFKA_PORT = 19092;
    public static final int KAFKA_CONTROLLER_PORT = 19093;
    public static final int KEYCLOAK_PORT = 18080;
    /** Keycloak's management interface (health, metrics): its default port. */
    public static final int KEYCLOAK_MANAGEMENT_PORT = 9000;
    /** The local mail server (GreenMail): SMTP in, IMAP and an HTTP API to read the inboxes. */
    public static final int SMTP_PORT = 3025;
    public static final int IMAP_PORT = 3143;
    public static final int MAIL_API_PORT = 8025;
    /** Who the platform's mails come from, locally (services read it as MAIL_FROM). */
    public static final String MAIL_FROM_NAME = "P2C Secretariat";
    public static final String MAIL_FROM_ADDRESS = "no-reply@p2c.local";
    public static final String REALM = "itu";
    public static final String AUDIENCE = "p2c-api";
    /** notification-service reads addresses with this client's service account (deploy/keycloak/itu-realm.json). */
    public static final String NOTIFICATION_CLIENT_ID = "notification-service";
    public static final String NOTIFICATION_CLIENT_SECRET = "dev-only-notification-service-secret";

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
            new Service("notification-service", "notification-service", 8085, "notification"),
            new Service("gateway", "gateway", 8080, null));

    /**
     * Where one platform listens. {@link #local()} is {@code ./p2c run}'s fixed ports (the table of the README);
     * {@link #free()} asks the system for free ones, so a second platform (the end-to-end suite's) never collides
     * with a running {@code ./p2c run} nor with another test run.
     */
    public record Ports(int postgres, int kafka, int kafkaController, int keycloak, int keycloakManagement,
                        int smtp, int imap, int mailApi, Map<String, Integer> services) {

        public Ports {
            services = Map.copyOf(services);
        }

        public static Ports local() {
            Map<String, Integer> services = new HashMap<>();
            SERVICES.forEach(s -> services.put(s.name(), s.port()));
            return new Ports(POSTGRES_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, KEYCLOAK_PORT, KEYCLOAK_MANAGEMENT_PORT,
                    SMTP_PORT, IMAP_PORT, MAIL_API_PORT, services);
        }

        public static Ports free() throws IOException {
            // All sockets stay open until every port is chosen, so no two components get the same one.
            List<ServerSocket> held = new java.util.ArrayList<>();
            try {
                int infrastructure = 8;
                for (int i = 0; i < SERVICES.size() + infrastructure; i++) {
                    held.add(new ServerSocket(0, 0, InetAddress.getLoopbackAddress()));
                }
                Map<String, Integer> services = new HashMap<>();
                for (int i = 0; i < SERVICES.size(); i++) {
                    services.put(SERVICES.get(i).name(), held.get(infrastructure + i).getLocalPort());
                }
                return new Ports(held.get(0).getLocalPort(), held.get(1).getLocalPort(), held.get(2).getLocalPort(),
                        held.get(3).getLocalPort(), held.get(4).getLocalPort(), held.get(5).getLocalPort(),
                        held.get(6).getLocalPort(), held.get(7).getLocalPort(), services);
            } finally {
                for (ServerSocket socket : held) {
                    socket.close();
                }
            }
        }

        public int of(Service service) {
            return services.get(service.name());
        }
    }

    /** A port nobody listens on right now (the system's choice, in its ephemeral range). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Keycloak keeps its realm, users and sessions in the same PostgreSQL server. */
    public static final String KEYCLOAK_DATABASE = "keycloak";

    /** Dev-only database credentials: each database is owned by a role of the same name plus "_owner". */
    public static String ownerOf(String database) {
        return database + "_owner";
    }

    /** The sender as a mail header names it: {@code P2C Secretariat <no-reply@p2c.local>}. */
    public static String mailFrom() {
        return MAIL_FROM_NAME + " <" + MAIL_FROM_ADDRESS + ">";
    }

    public static String dlqOf(String topic) {
        return topic + ".dlq";
    }

    private Topology() {
    }
}
