package dev.operon.plugins.cs.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JDBC helpers: statements with positional parameters, rows as ordered maps with camelCase keys. */
public final class Sql {

    private Sql() {
    }

    /** Rows of a query. */
    public static List<Map<String, Object>> rows(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, parameters); ResultSet r = s.executeQuery()) {
            ResultSetMetaData meta = r.getMetaData();
            List<Map<String, Object>> out = new ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = r.getObject(i);
                    if (value instanceof Timestamp t) {
                        value = t.toInstant().toString();
                    } else if (value instanceof java.sql.Array a) {
                        value = a.getArray();
                    }
                    row.put(camel(meta.getColumnLabel(i)), value);
                }
                out.add(row);
            }
            return out;
        }
    }

    /** The first row, or null. */
    public static Map<String, Object> row(Connection c, String sql, Object... parameters) throws SQLException {
        List<Map<String, Object>> rows = rows(c, sql, parameters);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Runs an update; the number of rows changed. */
    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, parameters)) {
            return s.executeUpdate();
        }
    }

    /** Runs an INSERT ... RETURNING id. */
    public static long insert(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, parameters); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object p = parameters[i];
            if (p instanceof Instant instant) {
                s.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (p instanceof float[] floats) {
                Float[] boxed = new Float[floats.length];
                for (int k = 0; k < floats.length; k++) {
                    boxed[k] = floats[k];
                }
                s.setArray(i + 1, c.createArrayOf("real", boxed));
            } else if (p instanceof Long[] longs) {
                s.setArray(i + 1, c.createArrayOf("bigint", longs));
            } else if (p instanceof String[] strings) {
                s.setArray(i + 1, c.createArrayOf("text", strings));
            } else {
                s.setObject(i + 1, p);
            }
        }
        return s;
    }

    static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }
}
