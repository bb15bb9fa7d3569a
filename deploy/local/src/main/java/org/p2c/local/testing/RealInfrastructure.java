package org.p2c.local.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.p2c.local.LocalKafka;
import org.p2c.local.LocalPostgres;
import org.p2c.local.Topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real PostgreSQL and Kafka for a service's {@code @QuarkusTest}s.
 *
 * <p>The test command starts one PostgreSQL server and one Kafka broker for the whole build and passes them in
 * {@code P2C_TEST_PG_URL} and {@code P2C_TEST_KAFKA_BOOTSTRAP}; a module built alone ({@code -pl}) starts its own,
 * once per test JVM. Each start gives a database and topics of their own. Use it with
 * {@code @WithTestResource(RealInfrastructure.class)}: Quarkus then shares one application, and so one database and
 * one set of topics, among the test classes of a module that declare the same test resources, and such classes must
 * not count on being alone. A class whose assertions need a world of its own (exact figures over everything
 * consumed) declares {@code scope = TestResourceScope.RESTRICTED_TO_CLASS} and gets its own application.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public Map<String, String> start() {
        Shared infra = Shared.get();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        database = "test_" + id;
        infra.execute("create database " + database);

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", infra.jdbcUrl(database));
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "postgres");
        config.put("kafka.bootstrap.servers", infra.kafkaBootstrap);
        List<String> topics = Topology.TOPICS.stream().map(t -> t + "." + id).toList();
        LocalKafka.ensureTopics(infra.kafkaBootstrap, topics);
        // p2c.topics.entities = p2c.entities.v1.<id>, and so on: the services name their channels' topics this way.
        for (int i = 0; i < Topology.TOPICS.size(); i++) {
            String aggregate = Topology.TOPICS.get(i).split("\\.")[1];
            config.put("p2c.topics." + aggregate, topics.get(i));
        }
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            Shared.get().execute("drop database if exists " + database + " with (force)");
        }
    }

    /** The servers shared by all test classes of one JVM (or of the whole build, when the test command provides them). */
    static final class Shared {
        private static final String OWN_PG = "p2c.test.own-postgres-url";
        private static final String OWN_KAFKA = "p2c.test.own-kafka-bootstrap";
        private static Shared instance;

        final String postgresUrl;
        final String kafkaBootstrap;

        private Shared(String postgresUrl, String kafkaBootstrap) {
            this.postgresUrl = postgresUrl;
            this.kafkaBootstrap = kafkaBootstrap;
        }

        static synchronized Shared get() {
            if (instance == null) {
                String pg = System.getenv("P2C_TEST_PG_URL");
                String kafka = System.getenv("P2C_TEST_KAFKA_BOOTSTRAP");
                if (pg == null || kafka == null) {
                    // Servers this JVM started already, seen from another class loader: Quarkus starts a test class
                    // whose profile or test resources differ from the others' in a class loader of its own.
                    pg = System.getProperty(OWN_PG);
                    kafka = System.getProperty(OWN_KAFKA);
                }
                instance = pg != null && kafka != null ? new Shared(pg, kafka) : startOwn();
            }
            return instance;
        }

        private static Shared startOwn() {
            try {
                Path home = Files.createDirectories(Path.of("target", "test-infra"));
                LocalPostgres postgres = LocalPostgres.start(home.resolve("postgres-" + ProcessHandle.current().pid()),
                        freePort(), false);
                LocalKafka kafka = LocalKafka.start(home.resolve("kafka-" + ProcessHandle.current().pid()),
                        freePort(), freePort());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    kafka.close();
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the data directory is under target/
                    }
                }));
                System.setProperty(OWN_PG, postgres.jdbcUrl("postgres"));
                System.setProperty(OWN_KAFKA, kafka.bootstrapServers());
                return new Shared(postgres.jdbcUrl("postgres"), kafka.bootstrapServers());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String jdbcUrl(String db) {
            return postgresUrl.substring(0, postgresUrl.lastIndexOf('/') + 1) + db;
        }

        void execute(String sql) {
            try (Connection c = DriverManager.getConnection(postgresUrl, "postgres", "postgres");
                 Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + ": " + e.getMessage(), e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
