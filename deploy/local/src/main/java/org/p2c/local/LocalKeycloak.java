package org.p2c.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak 26 from its distribution on Maven Central, running in dev mode with its data in the platform's PostgreSQL,
 * importing the {@code itu} realm from {@code deploy/keycloak/itu-realm.json} on the first start, and sending its mails
 * (e-mail verification, password reset) through the platform's mail server ({@link LocalMail}).
 */
public final class LocalKeycloak {

    private LocalKeycloak() {
    }

    /** Unpacks the distribution once into {@code cacheDir}; returns Keycloak's home. */
    public static Path install(Path cacheDir) throws IOException {
        Properties props = new Properties();
        try (InputStream in = LocalKeycloak.class.getResourceAsStream("/local-platform.properties")) {
            props.load(in);
        }
        Path home = cacheDir.resolve("keycloak-" + props.getProperty("keycloak.version"));
        if (Files.exists(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = Path.of(props.getProperty("keycloak.zip"));
        if (!Files.exists(zip)) {
            throw new IllegalStateException("Keycloak's distribution is missing at " + zip
                    + "; build the deploy/local module first (./mvnw -pl deploy/local install)");
        }
        Path staging = Files.createTempDirectory(cacheDir, "keycloak-unpack");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = staging.resolve(e.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("zip entry outside the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // The zip holds one top-level folder, keycloak-<version>.
        try (var top = Files.list(staging)) {
            Path unpacked = top.findFirst().orElseThrow();
            Files.move(unpacked, home);
        }
        Files.delete(staging);
        return home;
    }

    /**
     * @param managementPort health and metrics (with {@code --health-enabled}); two Keycloaks need two of them
     * @param smtpHost       the SMTP server the realm sends through (verification, password reset), and its port: the
     *                       realm file names them by placeholders, {@code ${SMTP_HOST}}, {@code ${SMTP_PORT}} (and
     *                       {@code ${SMTP_FROM}}), which Keycloak replaces from its environment when it imports the realm
     */
    public static ManagedProcess start(Path home, Path realmFile, int port, int managementPort, LocalPostgres postgres,
                                       String smtpHost, int smtpPort, Path log) throws IOException {
        Path importDir = home.resolve("data/import");
        Files.createDirectories(importDir);
        Files.copy(realmFile, importDir.resolve("itu-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        String db = Topology.KEYCLOAK_DATABASE;
        List<String> command = List.of("bash", "bin/kc.sh", "start-dev",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                // Pin the issuer: without it, tokens fetched via 127.0.0.1 and localhost would disagree.
                "--hostname=" + issuerBase(port),
                "--import-realm",
                "--health-enabled=true",
                "--db=postgres",
                "--db-url=" + postgres.jdbcUrl(db),
                "--db-username=" + Topology.ownerOf(db),
                "--db-password=" + Topology.ownerOf(db));
        Map<String, String> env = Map.of(
                // Dev-only bootstrap administrator of the local Keycloak.
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m",
                // start --import-realm replaces ${...} in the realm file only when asked (kc.sh import, and so the
                // Keycloak Operator's import job, always does); placeholders without a value are left as they are,
                // which keeps Keycloak's own message keys such as ${role_offline-access}.
                "JAVA_OPTS_APPEND", "-Dkeycloak.migration.replace-placeholders=true",
                "SMTP_HOST", smtpHost,
                "SMTP_PORT", String.valueOf(smtpPort),
                "SMTP_FROM", Topology.MAIL_FROM_ADDRESS);
        return ManagedProcess.start("keycloak", command, home, env, log);
    }

    public static String issuerBase(int port) {
        return "http://localhost:" + port;
    }

    public static String issuer(int port) {
        return issuerBase(port) + "/realms/" + Topology.REALM;
    }
}
