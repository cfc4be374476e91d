package dev.operon.sdk.data;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A plugin's own tables, created by its migrations and prefixed with {@link #tablePrefix()}. Connections are
 * pooled; each one commits on its own unless the plugin turns auto-commit off and commits itself, or uses
 * {@link #inTransaction}. A plugin never reads or writes the platform's tables: core data (events, profiles) comes
 * through dedicated SDK services.
 */
public interface PluginData {

    /** The pool to open connections from. Close every connection you open. */
    DataSource dataSource();

    /** The prefix of this plugin's tables: its id with dashes as underscores, then an underscore. */
    String tablePrefix();

    /**
     * Runs {@code work} in one transaction on a connection of the pool (since SDK 1.6): committed when it returns,
     * rolled back when it throws (the exception is rethrown as it was), the connection closed either way.
     */
    default <T> T inTransaction(Transaction<T> work) throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** {@link #inTransaction} for work without a result (since SDK 1.6). */
    default void inTransactionWithoutResult(Statements work) throws SQLException {
        inTransaction(connection -> {
            work.run(connection);
            return null;
        });
    }

    /** Work with a result, done on an open connection whose auto-commit is off; see {@link #inTransaction}. */
    @FunctionalInterface
    interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work without a result, done on an open connection whose auto-commit is off. */
    @FunctionalInterface
    interface Statements {
        void run(Connection connection) throws SQLException;
    }
}
