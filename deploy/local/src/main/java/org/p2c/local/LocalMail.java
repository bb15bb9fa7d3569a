package org.p2c.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real mail server for the local platform: GreenMail's standalone server from Maven Central
 * ({@code com.icegreen:greenmail-standalone}), as a child process of its own ({@code java -jar}), so that its shaded
 * logging and JAX-RS stack stay off the launcher's class path and a fault suite can kill it like any component.
 *
 * <p>It accepts every mail for every address over SMTP (no authentication: {@code greenmail.auth.disabled}, which also
 * creates a mailbox for each recipient on first delivery) and keeps it in memory until it stops. The inboxes are read
 * through its HTTP API ({@code GET /api/user/<address>/messages/}, raw MIME in JSON; {@link
 * org.p2c.local.testing.MailInbox} decodes it) or with any mail client over IMAP (login: the address, any password).
 */
public final class LocalMail {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Every port binds to the loopback interface only: a developer's mail server is nobody else's. */
    public static final String HOST = "127.0.0.1";

    private volatile ManagedProcess process;
    private final int smtpPort;
    private final int imapPort;
    private final int apiPort;

    private LocalMail(ManagedProcess process, int smtpPort, int imapPort, int apiPort) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.apiPort = apiPort;
    }

    /** Starts the server and returns once its API answers ready; its output goes to {@code log}. */
    public static LocalMail start(int smtpPort, int imapPort, int apiPort, Path workDir, Path log) throws IOException {
        Path jar = jar();
        String java = ProcessHandle.current().info().command().orElse("java");
        ManagedProcess process = ManagedProcess.start("mail", List.of(java, "-Xms16m", "-Xmx128m",
                        "-Dgreenmail.hostname=" + HOST,
                        "-Dgreenmail.smtp.port=" + smtpPort,
                        "-Dgreenmail.imap.port=" + imapPort,
                        "-Dgreenmail.api.port=" + apiPort,
                        "-Dgreenmail.auth.disabled",
                        // The default (1 s) is short for a JVM starting on a busy two-core machine.
                        "-Dgreenmail.startup.timeout=30000",
                        "-jar", jar.toString()),
                Files.createDirectories(workDir), Map.of(), log);
        LocalMail mail = new LocalMail(process, smtpPort, imapPort, apiPort);
        mail.awaitReady(process);
        return mail;
    }

    /** GreenMail's standalone jar in the local Maven repository, where this module's build put it. */
    private static Path jar() throws IOException {
        Properties props = new Properties();
        try (InputStream in = LocalMail.class.getResourceAsStream("/local-platform.properties")) {
            props.load(in);
        }
        Path jar = Path.of(props.getProperty("greenmail.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("GreenMail's standalone server is missing at " + jar
                    + "; build the deploy/local module first (./mvnw -pl deploy/local install)");
        }
        return jar;
    }

    private void awaitReady(ManagedProcess process) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the mail server exited; see " + process.log());
                }
                try {
                    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/service/readiness"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the mail server is not ready after 2 min; see " + process.log());
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the mail server", e);
        }
    }

    /** The same server again on the same ports (after a kill); its mailboxes start empty. */
    public void restart() throws IOException {
        ManagedProcess old = process;
        old.stop();
        ManagedProcess again = old.relaunch();
        process = again;
        awaitReady(again);
    }

    public ManagedProcess process() {
        return process;
    }

    public String smtpHost() {
        return HOST;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** {@code http://127.0.0.1:<port>}: GreenMail's HTTP API (its page at {@code /} documents it). */
    public String apiUrl() {
        return "http://" + HOST + ":" + apiPort;
    }

    public void close() {
        process.stop();
    }
}
