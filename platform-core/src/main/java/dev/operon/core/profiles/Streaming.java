package dev.operon.core.profiles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs a query through a server-side cursor (PostgreSQL sends {@code fetchSize} rows at a time instead of the whole
 * result), handing each row to a callback. Needs auto-commit off, which it sets (and restores) on a connection of
 * its own; inside a JTA transaction the connection is already transactional.
 */
public final class Streaming {

    /** Handles the current row. */
    @FunctionalInterface
    public interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private Streaming() {
    }

    public static void query(DataSource dataSource, String sql, List<Object> args, int fetchSize,
                             RowHandler handler) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit && fetchSize > 0) {
                connection.setAutoCommit(false);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(fetchSize);
                for (int i = 0; i < args.size(); i++) {
                    Object arg = args.get(i);
                    if (arg instanceof String[] texts) {
                        statement.setArray(i + 1, connection.createArrayOf("text", texts));
                    } else if (arg instanceof Long[] longs) {
                        statement.setArray(i + 1, connection.createArrayOf("bigint", longs));
                    } else {
                        statement.setObject(i + 1, arg);
                    }
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        handler.handle(rs);
                    }
                }
            } finally {
                if (autoCommit && fetchSize > 0) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }
}
