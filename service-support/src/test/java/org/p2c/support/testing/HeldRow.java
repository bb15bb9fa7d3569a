package org.p2c.support.testing;

import org.awaitility.Awaitility;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Holds the lock of one row from the test's own connection. A request that updates the row then waits for it
 * after it loaded the row and passed its checks (its version check included), at the moment it flushes; releasing
 * the lock lets every waiting request race for the row at once. This is how a test makes requests lose at flush
 * time for certain, without any hook in the code under test.
 */
public final class HeldRow implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection holder;

    private HeldRow(DataSource dataSource, Connection holder) {
        this.dataSource = dataSource;
        this.holder = holder;
    }

    /** Locks the row of {@code table} whose {@code id} is given, as an update of it would (not its key). */
    public static HeldRow lock(DataSource dataSource, String table, Object id) throws SQLException {
        Connection holder = dataSource.getConnection();
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement("select 1 from " + table + " where id = ? for no key update")) {
            lock.setObject(1, id);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("no row " + id + " in " + table);
                }
            }
        } catch (SQLException | RuntimeException e) {
            holder.rollback();
            holder.close();
            throw e;
        }
        return new HeldRow(dataSource, holder);
    }

    /** Waits until {@code sessions} other sessions of this database are waiting for a lock. */
    public void awaitWaiting(int sessions) {
        Awaitility.await("%d sessions waiting for a lock".formatted(sessions))
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> waiting() >= sessions);
    }

    private int waiting() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("""
                     select count(*) from pg_stat_activity
                     where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()""");
             ResultSet result = count.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    /** Releases the row: the waiting requests race for it. */
    @Override
    public void close() throws SQLException {
        try {
            holder.commit();
        } finally {
            holder.close();
        }
    }
}
