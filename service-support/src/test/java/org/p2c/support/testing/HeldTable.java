package org.p2c.support.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds an ACCESS EXCLUSIVE lock on a whole table from the test's own connection: nobody else reads or writes it
 * until {@link #close()}. A consumer whose transactions wait at most {@code lock_timeout} then fails for real,
 * with PostgreSQL's lock timeout, for as long as the test holds the table — a database that refuses the effect,
 * without any hook in the code under test.
 */
public final class HeldTable implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection holder;

    private HeldTable(DataSource dataSource, Connection holder) {
        this.dataSource = dataSource;
        this.holder = holder;
    }

    public static HeldTable lock(DataSource dataSource, String table) throws SQLException {
        Connection holder = dataSource.getConnection();
        holder.setAutoCommit(false);
        try (Statement lock = holder.createStatement()) {
            lock.execute("lock table " + table + " in access exclusive mode");
        } catch (SQLException | RuntimeException e) {
            holder.rollback();
            holder.close();
            throw e;
        }
        return new HeldTable(dataSource, holder);
    }

    /** Ends the sessions of this database that wait for a lock, as a database restart would; how many it ended. */
    public int terminateWaitingSessions() throws SQLException {
        // From a connection of its own: inside the holder's transaction, pg_stat_activity would stay as first read.
        try (Connection connection = dataSource.getConnection();
             Statement terminate = connection.createStatement();
             var ended = terminate.executeQuery("""
                     select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity
                     where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()""")) {
            ended.next();
            return ended.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            holder.commit();
        } finally {
            holder.close();
        }
    }
}
