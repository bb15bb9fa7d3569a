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
 * infra --root DIR --env-file FILE [--keycloak] [--mail]
 *                                                 infrastructure for the test command, on free ports, until SIGTERM
 * </pre>
 *
 * <p>Programmatically, {@link #start(Options)} starts the same infrastructure and services and returns a
 * {@link Running} platform that stops everything on {@code close()}: the end-to-end suite ({@code deploy/e2e}) runs one
 * on free ports ({@link Options#forTests}), next to a {@code ./p2c run} if one is up.
 */
public final class Platform {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path root;
    private final Path state;
    private final Topology.Ports ports;
    private boolean copyApps;
    /** null: Keycloak is started and is the services' issuer; otherwise this issuer, and no Keycloak. */
    private String issuer;
    private List<Topology.Service> services = Topology.SERVICES;
    private boolean kafkaProcess;
    /** The services' processes by name; a restart replaces its entry. */
    private final Map<String, ManagedProcess> serviceProcesses = new java.util.concurrent.ConcurrentHashMap<>();
    private final Progress progress = new Progress();
    private final List<ManagedProcess> processes = new CopyOnWriteArrayList<>();
    private volatile LocalKafka kafka;
    /** Set by {@link #stopAll()}: a process that a start thread launches afterwards is stopped at once. */
    private volatile boolean stopped;
    private volatile LocalPostgres postgres;
    private volatile LocalMail mail;

    private Platform(Path root, Path state, Topology.Ports ports) {
        this.root = root;
        this.state = state;
        this.ports = ports;
    }

    /**
     * What {@link #start(Options)} starts: the repository root (built services, realm file), the state folder
     * (databases, Kafka's log, every process' log), the ports, and whether PostgreSQL writes durably.
     */
    public record Options(Path root, Path state, Topology.Ports ports, boolean durable, boolean copyApps,
                          String issuer, java.util.Set<String> services, boolean kafkaProcess) {

        /**
         * A throw-away platform under {@code state} (emptied first) on free ports: nothing of {@code ./p2c run} is
         * touched. Each service runs from a copy of its {@code target/quarkus-app} taken at start, so a build that
         * rewrites {@code target/} meanwhile (an IDE, another terminal) does not pull the jars from under it.
         */
        public static Options forTests(Path root, Path state) throws IOException {
            return new Options(root.toAbsolutePath().normalize(), state.toAbsolutePath().normalize(),
                    Topology.Ports.free(), false, true, null, null, false);
        }

        /**
         * No Keycloak: the services accept the tokens of this issuer (its {@code /.well-known/openid-configuration}
         * must answer before the services start). A fault suite signs its own tokens this way.
         */
        public Options withIssuer(String issuerUrl) {
            return new Options(root, state, ports, durable, copyApps, issuerUrl, services, kafkaProcess);
        }

        /** Only these services (names of {@link Topology#SERVICES}); the gateway needs Keycloak or an issuer. */
        public Options withServices(String... names) {
            return new Options(root, state, ports, durable, copyApps, issuer, java.util.Set.of(names), kafkaProcess);
        }

        /** Kafka as a child process of its own, so that {@link Running#freeze}, {@link Running#kill} reach it. */
        public Options withKafkaProcess() {
            return new Options(root, state, ports, durable, copyApps, issuer, services, true);
        }
    }

    /** A platform started by {@link #start(Options)}: where it listens; {@link #close()} stops everything it started. */
    public static final class Running implements AutoCloseable {

        private final Platform platform;
        private final Thread stopOnExit;

        private Running(Platform platform) {
            this.platform = platform;
            // If the JVM ends without close() (a killed test run), the child processes must not outlive it.
            this.stopOnExit = new Thread(platform::stopAll, "stop-platform");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
        }

        public String gatewayUrl() {
            return serviceUrl("gateway");
        }

        /** {@code http://127.0.0.1:<port>} of a service of {@link Topology#SERVICES}, by name. */
        public String serviceUrl(String name) {
            Integer port = platform.ports.services().get(name);
            if (port == null) {
                throw new IllegalArgumentException("no such service: " + name);
            }
            return "http://127.0.0.1:" + port;
        }

        /** Keycloak's base URL, as the realm's issuer names it ({@code http://localhost:<port>}). */
        public String keycloakUrl() {
            return LocalKeycloak.issuerBase(platform.ports.keycloak());
        }

        /** The {@code itu} realm's issuer. */
        public String issuer() {
            return LocalKeycloak.issuer(platform.ports.keycloak());
        }

        public String kafkaBootstrapServers() {
            return platform.kafka.bootstrapServers();
        }

        /**
         * The mail server's HTTP API ({@code http://127.0.0.1:<port>}), where every mail the platform sent can be read
         * ({@link org.p2c.local.testing.MailInbox} reads it for tests).
         */
        public String mailApiUrl() {
            return platform.mail.apiUrl();
        }

        /** The SMTP server every service (as {@code SMTP_HOST}, {@code SMTP_PORT}) and Keycloak send through. */
        public String smtpHost() {
            return platform.mail.smtpHost();
        }

        public int smtpPort() {
            return platform.mail.smtpPort();
        }

        public String jdbcUrl(String database) {
            return platform.postgres.jdbcUrl(database);
        }

        public Path logs() {
            return platform.state.resolve("logs");
        }

        // The fault API: one component at a time. A component is a service's name, "kafka" (only with
        // Options#withKafkaProcess), "mail" (the mail server; a restart empties its inboxes) or "postgresql".

        /** SIGKILL (a crash: no shutdown hook, no flush); returns once the process is gone. */
        public void kill(String component) {
            process(component).kill();
        }

        /** SIGSTOP: the process keeps its sockets open and answers nothing (a hung broker, a stalled service). */
        public void freeze(String component) {
            process(component).freeze();
        }

        /** SIGCONT after {@link #freeze}. */
        public void thaw(String component) {
            process(component).thaw();
        }

        /**
         * Starts a killed (or stopped) component again, as it was started (same port, environment, log file), and
         * returns once it is ready: a service's {@code /q/health/ready} answers 200, Kafka answers, PostgreSQL accepts
         * connections. A component still running is stopped first (SIGTERM).
         */
        public void restart(String component) throws Exception {
            platform.restart(component);
        }

        /** {@code pg_ctl stop -m immediate}: every backend ends at once, no checkpoint; see {@link #restart}. */
        public void stopPostgresImmediately() throws IOException {
            platform.postgres.stopImmediately();
        }

        /** The process id of a component (a service, or Kafka in its own process). */
        public long pid(String component) {
            return process(component).pid();
        }

        private ManagedProcess process(String component) {
            return platform.process(component);
        }

        @Override
        public void close() {
            platform.stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs (or ran) anyway; stopAll is idempotent
            }
        }
    }

    /**
     * Starts PostgreSQL, Kafka, the mail server, Keycloak (realm {@code itu} imported) and the five services from their built jars, in
     * the {@code prod} profile, and returns once every readiness check answers UP. No demo data is loaded. If anything
     * fails to start, whatever did start is stopped and the exception says which component failed and where its log is.
     */
    public static Running start(Options options) throws Exception {
        wipeExceptCache(options.state());
        Path logs = Files.createDirectories(options.state().resolve("logs"));
        // Kafka and zonky log through SLF4J: into a file (when slf4j-simple is the backend), not into the caller's output.
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("launcher.log").toString());
        }
        Platform platform = new Platform(options.root(), options.state(), options.ports());
        platform.copyApps = options.copyApps();
        platform.issuer = options.issuer();
        platform.kafkaProcess = options.kafkaProcess();
        if (options.services() != null) {
            platform.services = Topology.SERVICES.stream().filter(s -> options.services().contains(s.name())).toList();
            if (platform.services.size() != options.services().size()) {
                throw new IllegalArgumentException("unknown services among " + options.services());
            }
        }
        try {
            platform.startAll(options.durable());
        } catch (Exception | Error e) {
            platform.stopAll();
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
        return new Running(platform);
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
                Platform platform = new Platform(root, state, Topology.Ports.local());
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
                new Platform(root, state, Topology.Ports.local()).infraForTests(Path.of(opts.get("--env-file")),
                        opts.containsKey("--keycloak"), opts.containsKey("--mail"));
            }
            default -> {
                System.err.println("usage: Platform run --root DIR [--wipe] | infra --root DIR --env-file FILE [--keycloak] [--mail]");
                System.exit(2);
            }
        }
    }

    private void run() throws Exception {
        Files.createDirectories(state.resolve("logs"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "stop-platform"));
        System.out.println("P2C platform: starting infrastructure and services (state in " + root.relativize(state) + "/)");

        startAll(true);
        progress.close();

        loadDemoData();
        System.out.printf("%nP2C platform is up after %.1f s.%n", progress.elapsedSeconds());
        printUrls();
        System.out.println("Press Ctrl-C to stop everything.");
        waitForever();
    }

    private ManagedProcess process(String component) {
        if ("kafka".equals(component)) {
            return kafka.process().orElseThrow(() -> new IllegalStateException(
                    "Kafka runs in the launcher's JVM; start the platform with Options#withKafkaProcess"));
        }
        if ("mail".equals(component)) {
            return mail.process();
        }
        ManagedProcess p = serviceProcesses.get(component);
        if (p == null) {
            throw new IllegalArgumentException("no such component: " + component + " (services " + serviceProcesses.keySet()
                    + ", kafka, mail, postgresql)");
        }
        return p;
    }

    private synchronized void restart(String component) throws Exception {
        if ("postgresql".equals(component)) {
            postgres.startAgain();
            return;
        }
        if ("kafka".equals(component)) {
            kafka.restart();
            return;
        }
        if ("mail".equals(component)) {
            mail.restart();
            return;
        }
        ManagedProcess old = process(component);
        if (old.isAlive()) {
            old.stop();
        }
        ManagedProcess again = old.relaunch();
        processes.remove(old);
        track(again);
        serviceProcesses.put(component, again);
        Topology.Service service = services.stream().filter(s -> s.name().equals(component)).findFirst().orElseThrow();
        awaitHttp200(again, "http://127.0.0.1:" + ports.of(service) + "/q/health/ready", Duration.ofMinutes(3));
    }

    /** Infrastructure, then the services, each as soon as what it needs is up; returns when all are ready. */
    private void startAll(boolean durable) throws Exception {
        startPostgres(ports.postgres(), durable);
        for (Topology.Service s : Topology.SERVICES) {
            if (s.hasDatabase()) {
                postgres.ensureDatabase(s.database(), Topology.ownerOf(s.database()), Topology.ownerOf(s.database()));
            }
        }
        // Keycloak needs only the mail server's address, not the server itself, so both start at once.
        CompletableFuture<Void> mailUp = CompletableFuture.runAsync(() -> startMail(ports.smtp(), ports.imap(), ports.mailApi()));
        CompletableFuture<Void> keycloak;
        if (issuer == null) {
            postgres.ensureDatabase(Topology.KEYCLOAK_DATABASE, Topology.ownerOf(Topology.KEYCLOAK_DATABASE),
                    Topology.ownerOf(Topology.KEYCLOAK_DATABASE));
            keycloak = CompletableFuture.runAsync(() -> startKeycloak(ports.keycloak(), ports.keycloakManagement(), ports.smtp()));
        } else {
            keycloak = CompletableFuture.completedFuture(null);
        }
        startKafka(state.resolve("kafka"), ports.kafka(), ports.kafkaController());
        mailUp.join();
        List<CompletableFuture<Void>> services = new ArrayList<>();
        for (Topology.Service s : this.services) {
            // The gateway is ready once it has the realm's signing keys: its wait starts when Keycloak is up.
            services.add(startService(s, s.hasDatabase() ? CompletableFuture.completedFuture(null) : keycloak));
        }
        CompletableFuture.allOf(services.toArray(CompletableFuture[]::new)).join();
        keycloak.join();
        progress.close();
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
            urls.put(s.module(), "http://127.0.0.1:" + ports.of(s));
            modules.add(s.module());
        }
        int calls = new DemoData(LocalKeycloak.issuer(ports.keycloak()), urls).load(root, modules);
        Files.writeString(marker, java.time.Instant.now().toString());
        System.out.printf("Demo data: loaded through the services' APIs (%d calls).%n", calls);
    }

    private void infraForTests(Path envFile, boolean withKeycloak, boolean withMail) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "stop-infra"));
        Files.createDirectories(state.resolve("logs"));
        startPostgres(Topology.freePort(), false);
        startKafka(state.resolve("kafka"), Topology.freePort(), Topology.freePort());
        Map<String, String> env = new HashMap<>();
        env.put("P2C_TEST_PG_URL", postgres.jdbcUrl("postgres"));
        env.put("P2C_TEST_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        // Keycloak sends through the mail server, so it comes with Keycloak too.
        if (withMail || withKeycloak) {
            startMail(Topology.freePort(), Topology.freePort(), Topology.freePort());
            env.put("P2C_TEST_SMTP_HOST", mail.smtpHost());
            env.put("P2C_TEST_SMTP_PORT", String.valueOf(mail.smtpPort()));
            env.put("P2C_TEST_MAIL_API_URL", mail.apiUrl());
        }
        if (withKeycloak) {
            postgres.ensureDatabase(Topology.KEYCLOAK_DATABASE, Topology.ownerOf(Topology.KEYCLOAK_DATABASE),
                    Topology.ownerOf(Topology.KEYCLOAK_DATABASE));
            int port = Topology.freePort();
            startKeycloak(port, Topology.freePort(), mail.smtpPort());
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
        kafka = kafkaProcess
                ? LocalKafka.startProcess(logDir, port, controllerPort, state.resolve("logs/kafka.log"))
                : LocalKafka.start(logDir, port, controllerPort);
        LocalKafka.ensureTopics(kafka.bootstrapServers(), Topology.TOPICS);
        progress.state("kafka", up(t0) + " on " + kafka.bootstrapServers() + ", topics " + Topology.TOPICS);
    }

    private void startMail(int smtpPort, int imapPort, int apiPort) {
        try {
            progress.state("mail", "starting");
            long t0 = System.nanoTime();
            mail = LocalMail.start(smtpPort, imapPort, apiPort, state.resolve("mail"), state.resolve("logs/mail.log"));
            if (stopped) {
                mail.close();
                throw new IllegalStateException("the platform is stopping");
            }
            progress.state("mail", up(t0) + ": SMTP " + mail.smtpHost() + ":" + smtpPort + ", inboxes " + mail.apiUrl());
        } catch (IOException | RuntimeException e) {
            progress.state("mail", "FAILED: " + e.getMessage());
            throw new IllegalStateException("The mail server did not start: " + e.getMessage(), e);
        }
    }

    private void startKeycloak(int port, int managementPort, int smtpPort) {
        try {
            progress.state("keycloak", "unpacking distribution (first run only)");
            long t0 = System.nanoTime();
            Path home = LocalKeycloak.install(cacheDir());
            progress.state("keycloak", "starting (the first start builds Keycloak: about a minute)");
            ManagedProcess kc = LocalKeycloak.start(home, root.resolve("deploy/keycloak/itu-realm.json"), port,
                    managementPort, postgres, LocalMail.HOST, smtpPort, state.resolve("logs/keycloak.log"));
            track(kc);
            // The first start builds Keycloak and imports the realm: minutes on a busy two-core machine.
            awaitHttp200(kc, LocalKeycloak.issuer(port) + "/.well-known/openid-configuration", Duration.ofMinutes(8));
            progress.state("keycloak", up(t0) + " on " + LocalKeycloak.issuerBase(port));
        } catch (Exception e) {
            progress.state("keycloak", "FAILED: " + e.getMessage());
            throw new IllegalStateException("Keycloak did not start: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<Void> startService(Topology.Service service, CompletableFuture<Void> readyNeeds) {
        return CompletableFuture.runAsync(() -> {
            try {
                Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException("not built: " + root.relativize(jar));
                }
                if (copyApps) {
                    jar = copyTree(jar.getParent(), state.resolve("apps").resolve(service.module())).resolve("quarkus-run.jar");
                }
                progress.state(service.name(), "starting");
                long t0 = System.nanoTime();
                String java = ProcessHandle.current().info().command().orElse("java");
                ManagedProcess p = ManagedProcess.start(service.name(),
                        List.of(java, "-Xms32m", "-Xmx256m", "-jar", jar.toString()),
                        root.resolve(service.module()), serviceEnvironment(service),
                        state.resolve("logs/" + service.name() + ".log"));
                track(p);
                serviceProcesses.put(service.name(), p);
                readyNeeds.join();
                awaitHttp200(p, "http://127.0.0.1:" + ports.of(service) + "/q/health/ready", Duration.ofMinutes(3));
                progress.state(service.name(), up(t0) + " on http://localhost:" + ports.of(service));
            } catch (Exception e) {
                progress.state(service.name(), "FAILED: " + e.getMessage());
                throw new IllegalStateException(service.name() + " did not start: " + e.getMessage(), e);
            }
        });
    }

    /** The connection settings of each service's %prod profile, which come from environment variables only. */
    private Map<String, String> serviceEnvironment(Topology.Service service) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", String.valueOf(ports.of(service)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("OIDC_AUTH_SERVER_URL", issuer != null ? issuer : LocalKeycloak.issuer(ports.keycloak()));
        // The one mail server: what a service sends is read in its inboxes (locally: no login, no TLS).
        env.put("SMTP_HOST", mail.smtpHost());
        env.put("SMTP_PORT", String.valueOf(mail.smtpPort()));
        env.put("MAIL_FROM", Topology.mailFrom());
        if (service.name().equals("notification-service")) {
            // Addresses from Keycloak's admin API (its service account); links in mails point at the gateway.
            env.put("KEYCLOAK_URL", issuer != null && issuer.contains("/realms/")
                    ? issuer.substring(0, issuer.indexOf("/realms/")) : LocalKeycloak.issuerBase(ports.keycloak()));
            env.put("KEYCLOAK_REALM", Topology.REALM);
            env.put("KEYCLOAK_CLIENT_ID", Topology.NOTIFICATION_CLIENT_ID);
            env.put("KEYCLOAK_CLIENT_SECRET", Topology.NOTIFICATION_CLIENT_SECRET);
            env.put("PUBLIC_BASE_URL", "http://localhost:" + ports.of(Topology.SERVICES.stream()
                    .filter(s -> s.name().equals("gateway")).findFirst().orElseThrow()));
        }
        if (service.hasDatabase()) {
            env.put("DB_URL", postgres.jdbcUrl(service.database()));
            env.put("DB_USERNAME", Topology.ownerOf(service.database()));
            env.put("DB_PASSWORD", Topology.ownerOf(service.database()));
        }
        for (Topology.Service s : Topology.SERVICES) {
            env.put(s.name().replace('-', '_').toUpperCase() + "_URL", "http://127.0.0.1:" + ports.of(s));
        }
        return env;
    }

    private void printUrls() {
        int gateway = ports.of(Topology.SERVICES.stream().filter(s -> !s.hasDatabase()).findFirst().orElseThrow());
        System.out.println();
        System.out.println("  Gateway (the API):   http://localhost:" + gateway + "/api/v1");
        System.out.println("  Swagger UI:          http://localhost:" + gateway + "/q/swagger-ui");
        for (Topology.Service s : Topology.SERVICES) {
            System.out.printf("  %-20s http://localhost:%d  (health /q/health, OpenAPI /q/openapi, metrics /q/metrics)%n",
                    s.name() + ":", ports.of(s));
        }
        System.out.println("  Keycloak admin:      " + LocalKeycloak.issuerBase(ports.keycloak())
                + "/admin  (admin / admin, dev-only)");
        System.out.println("  Realm 'itu' issuer:  " + LocalKeycloak.issuer(ports.keycloak()));
        System.out.println("  Kafka bootstrap:     " + kafka.bootstrapServers());
        System.out.println("  Mail (GreenMail):    SMTP " + mail.smtpHost() + ":" + mail.smtpPort()
                + ": what the services and Keycloak send stays here, in memory, until it stops");
        System.out.println("    read an inbox:     curl -s " + mail.apiUrl() + "/api/user/<address>/messages/"
                + "   (JSON, raw MIME; the API's page: " + mail.apiUrl() + "/)");
        System.out.println("    or a mail client:  IMAP " + mail.smtpHost() + ":" + mail.imapPort()
                + ", user = the address (e.g. amina.pledger@example.org), any password, no TLS");
        System.out.println("  PostgreSQL:          " + postgres.jdbcUrl("<entity|pledge|reporting|analytics|notification>")
                + "  (user <db>_owner, password the same, dev-only)");
        System.out.println("  Logs:                " + root.relativize(state.resolve("logs")) + "/");
        System.out.println();
        System.out.println("  Demo logins (dev-only, realm itu):");
        System.out.println("    secretariat.officer / dev-only-secretariat   Secretariat");
        System.out.println("    amina.pledger       / dev-only-amina         pledger");
        System.out.println("    lucas.pledger       / dev-only-lucas         pledger");
        System.out.println("    noor.pledger        / dev-only-noor          pledger of one entity (Swagger UI: draft a pledge as-is)");
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

    private void track(ManagedProcess process) {
        processes.add(process);
        if (stopped) {
            process.stop();
            throw new IllegalStateException("the platform is stopping");
        }
    }

    /** Stops in reverse order of dependency: services and Keycloak, then the mail server, Kafka, then PostgreSQL. */
    private synchronized void stopAll() {
        stopped = true;
        progress.close();
        System.out.println("Stopping…");
        List<ManagedProcess> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        reversed.parallelStream().forEach(ManagedProcess::stop);
        processes.clear();
        if (mail != null) {
            mail.close();
            mail = null;
        }
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

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
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
