package dev.operon.core.audit;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs long reads of the audit log on one connection in a read-only REPEATABLE READ transaction of its own: one
 * consistent snapshot (the head and the records agree even while others append), and the open transaction that
 * PostgreSQL needs to stream a result with a fetch size instead of loading it whole. Callers must not be inside a JTA
 * transaction (the beans that use this suspend it), and no JTA timeout limits how long the read takes.
 */
final class ReadSnapshot {

    /** Work on the snapshot's connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private ReadSnapshot() {
    }

    static <T> T read(AgroalDataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
