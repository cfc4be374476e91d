package dev.operon.plugins.anomaly.alerts;

import dev.operon.plugins.anomaly.metrics.Labels;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code anomaly_silence}. */
public final class SilenceStore {

    private SilenceStore() {
    }

    public static long create(Connection c, Silence s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_silence (kind, series_name, label_match,"
                + " starts_at, ends_at, cron, duration_seconds, time_zone, comment, created_by)"
                + " VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, s.kind());
            ps.setString(2, s.seriesName());
            ps.setString(3, Labels.json(s.labelMatch()));
            ps.setTimestamp(4, s.startsAt() == null ? null : Timestamp.from(s.startsAt()));
            ps.setTimestamp(5, s.endsAt() == null ? null : Timestamp.from(s.endsAt()));
            ps.setString(6, s.cron());
            ps.setObject(7, s.durationSeconds());
            ps.setString(8, s.timeZone());
            ps.setString(9, s.comment());
            ps.setString(10, s.createdBy());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM anomaly_silence WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Every silence that has not ended for good before {@code now}. */
    public static List<Silence> current(Connection c, Instant now) throws SQLException {
        return query(c, " WHERE ends_at IS NULL OR ends_at > ?", Timestamp.from(now));
    }

    /** Every silence, newest first. */
    public static List<Silence> all(Connection c) throws SQLException {
        return query(c, "");
    }

    private static List<Silence> query(Connection c, String where, Object... args) throws SQLException {
        List<Silence> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, series_name, " + Labels.select("label_match")
                + ", starts_at, ends_at, cron, duration_seconds, time_zone, comment, created_by FROM anomaly_silence"
                + where + " ORDER BY id DESC")) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp starts = rs.getTimestamp(6);
                    Timestamp ends = rs.getTimestamp(7);
                    int duration = rs.getInt(9);
                    Integer durationSeconds = rs.wasNull() ? null : duration;
                    out.add(new Silence(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Labels.read(rs.getArray(4), rs.getArray(5)), starts == null ? null : starts.toInstant(),
                            ends == null ? null : ends.toInstant(), rs.getString(8), durationSeconds,
                            rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
        }
        return out;
    }
}
