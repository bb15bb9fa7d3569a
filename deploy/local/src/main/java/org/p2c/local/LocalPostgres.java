package org.p2c.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server from zonky's binaries on Maven Central (no Debian package, no Docker needed).
 * Its data directory survives restarts, so a second run resumes where the first stopped.
 */
public final class LocalPostgres implements AutoCloseable {

    private volatile EmbeddedPostgres postgres;
    private final Path home;
    private final boolean durable;

    private LocalPostgres(EmbeddedPostgres postgres, Path home, boolean durable) {
        this.postgres = postgres;
        this.home = home;
        this.durable = durable;
    }

    /**
     * @param durable false for throw-away test servers: skipping fsync makes schema migrations several times faster
     */
    public static LocalPostgres start(Path home, int port, boolean durable) throws IOException {
        Path data = home.resolve("data");
        Files.createDirectories(home.resolve("binaries"));
        stopLeftoverServer(data);
        return new LocalPostgres(server(home, port, durable), home, durable);
    }

    private static EmbeddedPostgres server(Path home, int port, boolean durable) throws IOException {
        Path data = home.resolve("data");
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(home.resolve("binaries").toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", durable ? "on" : "off")
                // zonky's default is off: a commit would be acknowledged before its WAL left PostgreSQL's memory, so a
                // crash of the server (not of the machine) lost the last acknowledged transactions — while the outbox
                // relay may already have published their events. On, a process crash loses nothing even without fsync.
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()))
                .setRegisterShutdownHook(false)
                .start();
    }

    /**
     * {@code pg_ctl stop -m immediate}: SIGQUIT to the postmaster, which ends every backend at once without a
     * checkpoint (the next start recovers from the WAL, as after a crash); every client connection breaks. Returns
     * once the server is gone.
     */
    public void stopImmediately() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(home.resolve("data/postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        ManagedProcess.signal(pid, "QUIT");
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL did not stop within 30 s", e);
        }
    }

    /** After {@link #stopImmediately()}: the same server again (data directory, port, settings); returns once it answers. */
    public void startAgain() throws IOException {
        int port = postgres.getPort();
        // Releases zonky's lock on the data directory (its pg_ctl stop finds no server: logged, not thrown).
        postgres.close();
        postgres = server(home, port, durable);
    }

    /** A server left behind by a launcher that was killed outright would hold the port and the data directory. */
    private static void stopLeftoverServer(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle.of(pid).ifPresent(leftover -> {
            // SIGTERM is PostgreSQL's "smart" shutdown; give it time, then insist.
            leftover.destroy();
            try {
                leftover.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                leftover.destroyForcibly();
            }
        });
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the owner role and the database unless they exist (idempotent, so reruns are safe). */
    public void ensureDatabase(String database, String owner, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            var roleExists = s.executeQuery("select 1 from pg_roles where rolname = '" + owner + "'").next();
            if (!roleExists) {
                s.execute("create role " + owner + " login password '" + password + "'");
            }
            var dbExists = s.executeQuery("select 1 from pg_database where datname = '" + database + "'").next();
            if (!dbExists) {
                s.execute("create database " + database + " owner " + owner);
            }
        }
    }

    public void dropDatabase(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
