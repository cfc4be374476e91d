package dev.operon.plugins.anomaly.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads and writes {@code anomaly_point}. */
public final class PointStore {

    private PointStore() {
    }

    /**
     * Inserts points of one series; a point at a time the series already has is kept as it was (never replaced: it
     * may be scored already). Partitions must exist ({@link Partitions#ensure}).
     *
     * @return how many points were new
     */
    public static int insert(Connection c, long seriesId, List<Point> points) throws SQLException {
        int inserted = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_point (series_id, ts, value)"
                + " VALUES (?, ?, ?) ON CONFLICT (series_id, ts) DO NOTHING")) {
            for (Point p : points) {
                ps.setLong(1, seriesId);
                ps.setTimestamp(2, Timestamp.from(p.ts()));
                ps.setDouble(3, p.value());
                ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
                inserted += Math.max(0, n);
            }
        }
        return inserted;
    }

    /** Points after {@code after} (all when null), oldest first, at most {@code limit}. */
    public static List<Point> after(Connection c, long seriesId, Instant after, int limit) throws SQLException {
        return read(c, "SELECT ts, value, score FROM anomaly_point WHERE series_id = ? AND ts > ? ORDER BY ts LIMIT ?",
                seriesId, Timestamp.from(after == null ? Instant.EPOCH : after), limit);
    }

    /** The last {@code count} points at or before {@code until}, oldest first: a detector's warm-up on replay. */
    public static List<Point> lastUpTo(Connection c, long seriesId, Instant until, int count) throws SQLException {
        List<Point> newestFirst = read(c, "SELECT ts, value, score FROM anomaly_point WHERE series_id = ? AND ts <= ?"
                + " ORDER BY ts DESC LIMIT ?", seriesId, Timestamp.from(until), count);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Points in {@code [from, to)}, oldest first, at most {@code limit}. */
    public static List<Point> between(Connection c, long seriesId, Instant from, Instant to, int limit)
            throws SQLException {
        return read(c, "SELECT ts, value, score FROM anomaly_point WHERE series_id = ? AND ts >= ? AND ts < ?"
                + " ORDER BY ts LIMIT ?", seriesId, Timestamp.from(from), Timestamp.from(to), limit);
    }

    /** The newest {@code count} points, oldest first. */
    public static List<Point> newest(Connection c, long seriesId, int count) throws SQLException {
        return lastUpTo(c, seriesId, Instant.parse("9999-12-31T00:00:00Z"), count);
    }

    /** Stores scores of points that have none yet (a scored point keeps its score). */
    public static void score(Connection c, long seriesId, List<Point> scored) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE anomaly_point SET score = ?"
                + " WHERE series_id = ? AND ts = ? AND score IS NULL")) {
            for (Point p : scored) {
                ps.setDouble(1, p.score());
                ps.setLong(2, seriesId);
                ps.setTimestamp(3, Timestamp.from(p.ts()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static long count(Connection c, long seriesId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM anomaly_point WHERE series_id = ?")) {
            ps.setLong(1, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Point> read(Connection c, String sql, Object... args) throws SQLException {
        List<Point> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double score = rs.getDouble(3);
                    out.add(new Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2),
                            rs.wasNull() ? null : score));
                }
            }
        }
        return out;
    }
}
