package org.p2c.support.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Makes PostgreSQL refuse one row of the code under test: from now on, the n-th row written to a table raises an
 * error, once, as a database that went away in the middle of a request would — without any hook in the code under
 * test. A trigger counts the rows with a sequence, whose count no rollback undoes, so that the row fails once and
 * its retry passes. Or the transaction that wrote the row fails at commit, or the n-th row stalls a while instead
 * (an item that takes long). {@link #close()} removes it.
 */
public final class FailingRow implements AutoCloseable {

    /** The message of the error the row raises. */
    public static final String MESSAGE = "injected failure";

    private final DataSource dataSource;
    private final String name;
    private final String table;

    private FailingRow(DataSource dataSource, String name, String table) {
        this.dataSource = dataSource;
        this.name = name;
        this.table = table;
    }

    /** The {@code nth} row inserted into {@code table} from now on fails (1 = the next one). */
    public static FailingRow onInsert(DataSource dataSource, String table, int nth) throws SQLException {
        return install(dataSource, table, "insert", "true", nth, "raise exception '" + MESSAGE + "'");
    }

    /** The {@code nth} row of {@code table} updated so that {@code condition} (on {@code new}) holds fails. */
    public static FailingRow onUpdate(DataSource dataSource, String table, String condition, int nth) throws SQLException {
        return install(dataSource, table, "update", condition, nth, "raise exception '" + MESSAGE + "'");
    }

    /**
     * The first transaction that writes (inserts or updates) a row of {@code table} for which {@code condition} (on
     * {@code new}) holds fails to commit: the connection lost at commit, after every statement passed.
     */
    public static FailingRow atCommit(DataSource dataSource, String table, String condition) throws SQLException {
        return install(dataSource, table, "insert or update", condition, 1, "raise exception '" + MESSAGE + "'", true);
    }

    /** The {@code nth} row inserted into {@code table} from now on waits {@code seconds} before it is written. */
    public static FailingRow stallingInsert(DataSource dataSource, String table, int nth, double seconds) throws SQLException {
        return install(dataSource, table, "insert", "true", nth, "perform pg_sleep(" + seconds + ")");
    }

    private static FailingRow install(DataSource dataSource, String table, String event, String condition, int nth,
                                      String action) throws SQLException {
        return install(dataSource, table, event, condition, nth, action, false);
    }

    private static FailingRow install(DataSource dataSource, String table, String event, String condition, int nth,
                                      String action, boolean atCommit) throws SQLException {
        String name = "test_failing_row_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            sql.execute("create sequence " + name);
            sql.execute("create function " + name + "() returns trigger language plpgsql as $$ begin"
                    + " if nextval('" + name + "') = " + nth + " then " + action + "; end if;"
                    + " return new; end $$");
            sql.execute(atCommit
                    ? "create constraint trigger " + name + " after " + event + " on " + table
                    + " deferrable initially deferred for each row when (" + condition + ") execute function " + name + "()"
                    : "create trigger " + name + " before " + event + " on " + table
                    + " for each row when (" + condition + ") execute function " + name + "()");
        }
        return new FailingRow(dataSource, name, table);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            sql.execute("drop trigger " + name + " on " + table);
            sql.execute("drop function " + name + "()");
            sql.execute("drop sequence " + name);
        }
    }
}
