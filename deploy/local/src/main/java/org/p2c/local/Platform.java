package org.p2c.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The launcher behind {@code ./p2c run} and {@code ./p2c test}.
 *
 * <pre>
 * run   --root DIR [--wipe]                       infrastructure + all services, until Ctrl-C
 * infra --root DIR --env-file FILE [--keycloak]   infrastructure for the test command, on free ports, until SIGTERM
 * </pre>
 */
public final class Platform {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path root;
    private final Path state;
    private final Progress progress = new Progress();
    private final List<ManagedProcess> processes = new CopyOnWriteArrayList<>();
    private volatile LocalKafka kafka;
    private volatile LocalPostgres postgres;

    private Platform(Path root, Path state) {
        this.root = root;
        this.state = state;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Path root = Path.of(opts.getOrDefault("--root", ".")).toAbsolutePath().normalize();
        String command = args.length > 0 ? args[0] : "run";
        Path state = root.resolve("run".equals(command) ? ".p2c" : "target/test-infra");
        // A test run always starts empty; a local run only when asked to (--wipe).
        if ("infra".equals(command) || opts.containsKey("--wipe")) {
            wipeExceptCache(state);
        }
        // Kafka and zonky log through SLF4J: into a file, out of the progress display.
        Path launcherLog = Files.createDirectories(state.resolve("logs"));
        System.setProperty("org.slf4j.simpleLogger.logFile", launcherLog.resolve("launcher.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        switch (command) {
            case "run" -> {
                Platform platform = new Platform(root, state);
                try {
                    platform.run();
                } catch (Exception | Error e) {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    System.err.println("\nThe platform did not start: " + cause.getMessage());
                    System.exit(1); // the shutdown hook stops whatever did start
                }
            }
            case "infra" -> {
                new Platform(root, state).infraForTests(Path.of(opts.get("--env-file")), opts.containsKey("--keycloak"));
            }
            default -> {
                System.err.println("usage: Platform run --root DIR [--wipe] | infra --root DIR --env-file FILE [--keycloak]");
                System.exit(2);
            }
        }
    }

    private void run() throws Exception {
        Files.createDirectories(state.resolve("logs"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "stop-platform"));
        System.out.println("P2C platform: starting infrastructure and services (state in " + root.relativize(state) + "/)");

        startPostgres(Topology.POSTGRES_PORT, true);
        for (Topology.Service s : Topology.SERVICES) {
            if (s.hasDatabase()) {
                postgres.ensureDatabase(s.database(), Topology.ownerOf(s.database()), Topology.ownerOf(s.database()));
            }
        }
        postgres.ensureDatabase(Topology.KEYCLOAK_DATABASE, Topology.ownerOf(Topology.KEYCLOAK_DATABASE),
                Topology.ownerOf(Topology.KEYCLOAK_DATABASE));
        CompletableFuture<Void> keycloak = CompletableFuture.runAsync(() -> startKeycloak(Topology.KEYCLOAK_PORT));
        startKafka(state.resolve("kafka"), Topology.KAFKA_PORT, Topology.KAFKA_CONTROLLER_PORT);

        List<CompletableFuture<Void>> services = new ArrayList<>();
        for (Topology.Service s : Topology.SERVICES) {
            services.add(startService(s));
        }
        CompletableFuture.allOf(services.toArray(CompletableFuture[]::new)).join();
        keycloak.join();
        progress.close();

        loadDemoData();
        System.out.printf("%nP2C platform is up after %.1f s.%n", progress.elapsedSeconds());
        printUrls();
        System.out.println("Press Ctrl-C to stop everything.");
        waitForever();
    }

    /** Once per state folder: a resumed run keeps what the first one loaded (and what people changed since). */
    private void loadDemoData() throws Exception {
        Path marker = state.resolve("demo-data.loaded");
        if (Files.exists(marker)) {
            System.out.println("Demo data: loaded by an earlier run (./p2c run --wipe starts afresh).");
            return;
        }
        Map<String, String> urls = new HashMap<>();
        List<String> modules = new ArrayList<>();
        for (Topology.Service s : Topology.SERVICES) {
            urls.put(s.module(), "http://127.0.0.1:" + s.port());
            modules.add(s.module());
        }
        int calls = new DemoData(LocalKeycloak.issuer(Topology.KEYCLOAK_PORT), urls).load(root, modules);
        Files.writeString(marker, java.time.Instant.now().toString());
        System.out.printf("Demo data: loaded through the services' APIs (%d calls).%n", calls);
    }

    private void infraForTests(Path envFile, boolean withKeycloak) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "stop-infra"));
        Files.createDirectories(state.resolve("logs"));
        startPostgres(freePort(), false);
        startKafka(state.resolve("kafka"), freePort(), freePort());
        Map<String, String> env = new HashMap<>();
        env.put("P2C_TEST_PG_URL", postgres.jdbcUrl("postgres"));
        env.put("P2C_TEST_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        if (withKeycloak) {
            postgres.ensureDatabase(Topology.KEYCLOAK_DATABASE, Topology.ownerOf(Topology.KEYCLOAK_DATABASE),
                    Topology.ownerOf(Topology.KEYCLOAK_DATABASE));
            int port = freePort();
            startKeycloak(port);
            env.put("P2C_TEST_KEYCLOAK_URL", LocalKeycloak.issuerBase(port));
        }
        progress.close();
        StringBuilder lines = new StringBuilder();
        env.forEach((k, v) -> lines.append("export ").append(k).append('=').append(v).append('\n'));
        Path tmp = envFile.resolveSibling(envFile.getFileName() + ".tmp");
        Files.writeString(tmp, lines);
        Files.move(tmp, envFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        waitForever();
    }

    private void startPostgres(int port, boolean durable) throws IOException {
        progress.state("postgresql", "starting");
        long t0 = System.nanoTime();
        postgres = LocalPostgres.start(state.resolve("postgres"), port, durable);
        progress.state("postgresql", up(t0) + " on 127.0.0.1:" + port);
    }

    private void startKafka(Path logDir, int port, int controllerPort) throws IOException {
        progress.state("kafka", "starting");
        long t0 = System.nanoTime();
        kafka = LocalKafka.start(logDir, port, controllerPort);
        LocalKafka.ensureTopics(kafka.bootstrapServers(), Topology.TOPICS);
        progress.state("kafka", up(t0) + " on " + kafka.bootstrapServers() + ", topics " + Topology.TOPICS);
    }

    private void startKeycloak(int port) {
        try {
            progress.state("keycloak", "unpacking distribution (first run only)");
            long t0 = System.nanoTime();
            Path home = LocalKeycloak.install(cacheDir());
            progress.state("keycloak", "starting (the first start builds Keycloak: about a minute)");
            ManagedProcess kc = LocalKeycloak.start(home, root.resolve("deploy/keycloak/itu-realm.json"), port, postgres,
                    state.resolve("logs/keycloak.log"));
            processes.add(kc);
            awaitHttp200(kc, LocalKeycloak.issuer(port) + "/.well-known/openid-configuration", Duration.ofMinutes(4));
            progress.state("keycloak", up(t0) + " on " + LocalKeycloak.issuerBase(port));
        } catch (Exception e) {
            progress.state("keycloak", "FAILED: " + e.getMessage());
            throw new IllegalStateException("Keycloak did not start: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<Void> startService(Topology.Service service) {
        return CompletableFuture.runAsync(() -> {
            try {
                Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException("not built: " + root.relativize(jar));
                }
                progress.state(service.name(), "starting");
                long t0 = System.nanoTime();
                String java = ProcessHandle.current().info().command().orElse("java");
                ManagedProcess p = ManagedProcess.start(service.name(),
                        List.of(java, "-Xms32m", "-Xmx256m", "-jar", jar.toString()),
                        root.resolve(service.module()), serviceEnvironment(service),
                        state.resolve("logs/" + service.name() + ".log"));
                processes.add(p);
                awaitHttp200(p, "http://127.0.0.1:" + service.port() + "/q/health/ready", Duration.ofMinutes(3));
                progress.state(service.name(), up(t0) + " on http://localhost:" + service.port());
            } catch (Exception e) {
                progress.state(service.name(), "FAILED: " + e.getMessage());
                throw new IllegalStateException(service.name() + " did not start: " + e.getMessage(), e);
            }
        });
    }

    /** The connection settings of each service's %prod profile, which come from environment variables only. */
    private Map<String, String> serviceEnvironment(Topology.Service service) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", String.valueOf(service.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("OIDC_AUTH_SERVER_URL", LocalKeycloak.issuer(Topology.KEYCLOAK_PORT));
        if (service.hasDatabase()) {
            env.put("DB_URL", postgres.jdbcUrl(service.database()));
            env.put("DB_USERNAME", Topology.ownerOf(service.database()));
            env.put("DB_PASSWORD", Topology.ownerOf(service.database()));
        }
        for (Topology.Service s : Topology.SERVICES) {
            env.put(s.name().replace('-', '_').toUpperCase() + "_URL", "http://127.0.0.1:" + s.port());
        }
        return env;
    }

    private void printUrls() {
        int gateway = Topology.SERVICES.stream().filter(s -> !s.hasDatabase()).findFirst().orElseThrow().port();
        System.out.println();
        System.out.println("  Gateway (the API):   http://localhost:" + gateway + "/api/v1");
        System.out.println("  Swagger UI:          http://localhost:" + gateway + "/q/swagger-ui");
        for (Topology.Service s : Topology.SERVICES) {
            System.out.printf("  %-20s http://localhost:%d  (health /q/health, OpenAPI /q/openapi, metrics /q/metrics)%n",
                    s.name() + ":", s.port());
        }
        System.out.println("  Keycloak admin:      " + LocalKeycloak.issuerBase(Topology.KEYCLOAK_PORT)
                + "/admin  (admin / admin, dev-only)");
        System.out.println("  Realm 'itu' issuer:  " + LocalKeycloak.issuer(Topology.KEYCLOAK_PORT));
        System.out.println("  Kafka bootstrap:     " + kafka.bootstrapServers());
        System.out.println("  PostgreSQL:          " + postgres.jdbcUrl("<entity|pledge|reporting|analytics>")
                + "  (user <db>_owner, password the same, dev-only)");
        System.out.println("  Logs:                " + root.relativize(state.resolve("logs")) + "/");
        System.out.println();
        System.out.println("  Demo logins (dev-only, realm itu):");
        System.out.println("    secretariat.officer / dev-only-secretariat   Secretariat");
        System.out.println("    amina.pledger       / dev-only-amina         pledger");
        System.out.println("    lucas.pledger       / dev-only-lucas         pledger");
        System.out.println("    platform.admin      / dev-only-admin         admin");
        System.out.println("    partner clients: partner-gsma-demo / dev-only-gsma-secret, partner-orange-demo / dev-only-orange-secret");
        System.out.println();
    }

    private void awaitHttp200(ManagedProcess process, String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited; see " + root.relativize(process.log()));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s; see " + root.relativize(process.log()));
    }

    /** Stops in reverse order of dependency: services and Keycloak, then Kafka, then PostgreSQL. */
    private synchronized void stopAll() {
        progress.close();
        System.out.println("Stopping…");
        List<ManagedProcess> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        reversed.parallelStream().forEach(ManagedProcess::stop);
        processes.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
        System.out.println("Stopped.");
    }

    private static String up(long t0) {
        return String.format("UP in %.1f s", (System.nanoTime() - t0) / 1e9);
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void waitForever() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    /** Unpacked distributions are not state: they live in .p2c/cache and survive --wipe. */
    private Path cacheDir() throws IOException {
        return Files.createDirectories(root.resolve(".p2c/cache"));
    }

    private static void wipeExceptCache(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Path relative = dir.relativize(p);
                if (!relative.toString().isEmpty() && !relative.startsWith("cache")) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                opts.put(args[i], hasValue ? args[++i] : "true");
            }
        }
        return opts;
    }
}
