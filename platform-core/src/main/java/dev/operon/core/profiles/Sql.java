package dev.operon.core.profiles;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/** Small JDBC helpers shared by the profile classes. */
final class Sql {

    private Sql() {
    }

    static Array longs(Connection connection, Collection<Long> values) throws SQLException {
        return connection.createArrayOf("bigint", values.toArray(new Long[0]));
    }

    static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(new String[0]));
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static void setTime(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, time(instant));
    }

    /** An unchecked SQL failure. */
    static RuntimeException failure(SQLException e) {
        return new IllegalStateException(e.getMessage(), e);
    }
}
