package dev.operon.plugins.anomaly.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes {@code anomaly_series}. */
public final class SeriesStore {

    private static final String COLUMNS = "id, name, " + Labels.select("labels")
            + ", source, detector, sensitivity, scored_until";

    private SeriesStore() {
    }

    /** The id of the series, created as {@code source} if new. */
    public static long ensure(Connection c, String name, Map<String, String> labels, String source)
            throws SQLException {
        String key = Labels.key(labels);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO anomaly_series (name, labels, labels_key,"
                + " source) VALUES (?, ?::jsonb, ?, ?) ON CONFLICT (name, labels_key) DO NOTHING RETURNING id")) {
            insert.setString(1, name);
            insert.setString(2, Labels.json(labels));
            insert.setString(3, key);
            insert.setString(4, source);
            try (ResultSet rs = insert.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id FROM anomaly_series WHERE name = ? AND labels_key = ?")) {
            select.setString(1, name);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static Optional<Series> find(Connection c, long id) throws SQLException {
        List<Series> found = query(c, "SELECT " + COLUMNS + " FROM anomaly_series WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** The series row locked for this transaction, or empty when another transaction holds it. */
    public static Optional<Series> lockIfFree(Connection c, long id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM anomaly_series WHERE id = ? FOR UPDATE SKIP LOCKED", id)
                .stream().findFirst();
    }

    public static List<Series> all(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM anomaly_series ORDER BY name, labels_key");
    }

    public static List<Long> ids(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM anomaly_series ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Ids of the series that have points after their scored-until mark. */
    public static List<Long> withNewPoints(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.id FROM anomaly_series s WHERE EXISTS (SELECT 1"
                + " FROM anomaly_point p WHERE p.series_id = s.id AND p.ts > coalesce(s.scored_until, '-infinity'))"
                + " ORDER BY s.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    public static void setScoredUntil(Connection c, long id, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE anomaly_series SET scored_until = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(until));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public static void setSettings(Connection c, long id, String detector, double sensitivity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE anomaly_series SET detector = ?, sensitivity = ?, updated_at = now() WHERE id = ?")) {
            ps.setString(1, detector);
            ps.setDouble(2, sensitivity);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    private static List<Series> query(Connection c, String sql, Object... args) throws SQLException {
        List<Series> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp scored = rs.getTimestamp(8);
                    out.add(new Series(rs.getLong(1), rs.getString(2), Labels.read(rs.getArray(3), rs.getArray(4)),
                            rs.getString(5), rs.getString(6), rs.getDouble(7),
                            scored == null ? null : scored.toInstant()));
                }
            }
        }
        return out;
    }
}
