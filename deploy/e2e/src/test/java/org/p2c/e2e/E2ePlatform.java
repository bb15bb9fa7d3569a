package org.p2c.e2e;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.p2c.local.Platform;
import org.p2c.local.Topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole platform, started once per test run through deploy/local's launcher ({@link Platform#start}) on free
 * ports and a state folder of its own ({@code deploy/e2e/target/e2e-platform}), so it never meets a running
 * {@code ./p2c run}: PostgreSQL, Kafka, Keycloak with the {@code itu} realm, and the six services from their built
 * jars. Stopped when the run ends (JUnit's root store closes it). Test classes use it with
 * {@code @ExtendWith(E2ePlatform.class)}.
 */
public final class E2ePlatform implements BeforeAllCallback {

    private static Platform.Running running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(E2ePlatform.class, key -> start(), Started.class);
    }

    /** JUnit closes what its root store holds once every test class has run. */
    private record Started(Platform.Running platform) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            platform.close();
        }
    }

    private static synchronized Started start() {
        Path root = Path.of(System.getProperty("p2c.root", "../..")).toAbsolutePath().normalize();
        Path state = Path.of(System.getProperty("p2c.e2e.state", "target/e2e-platform"));
        List<Path> missing = Topology.SERVICES.stream()
                .map(s -> root.resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar"))
                .filter(jar -> !Files.exists(jar))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The end-to-end suite runs the built services; not built: " + missing
                    + ". Build them first: ./mvnw install -DskipTests (./p2c test does).");
        }
        try {
            long t0 = System.nanoTime();
            running = Platform.start(Platform.Options.forTests(root, state));
            System.out.printf("E2E platform up in %.1f s: gateway %s, Keycloak %s, logs in %s%n",
                    (System.nanoTime() - t0) / 1e9, running.gatewayUrl(), running.keycloakUrl(), running.logs());
        } catch (Exception e) {
            throw new IllegalStateException("The end-to-end platform did not start: " + e.getMessage()
                    + " (logs in " + state.resolve("logs") + ")", e);
        }
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        return new Started(running);
    }

    static Platform.Running platform() {
        if (running == null) {
            throw new IllegalStateException("use @ExtendWith(E2ePlatform.class)");
        }
        return running;
    }

    static String gateway() {
        return platform().gatewayUrl();
    }

    static String service(String name) {
        return platform().serviceUrl(name);
    }
}
