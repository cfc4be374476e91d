package dev.operon.plugins.anomaly.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code anomaly_derived_series}. */
public final class DerivationStore {

    private static final String SELECT = "SELECT series_id, event_name, measure, property, bucket, "
            + Labels.select("filters") + ", computed_until FROM anomaly_derived_series";

    private DerivationStore() {
    }

    public static void create(Connection c, Derivation d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_derived_series (series_id, event_name,"
                + " measure, property, bucket, filters, computed_until) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)")) {
            ps.setLong(1, d.seriesId());
            ps.setString(2, d.eventName());
            ps.setString(3, d.measure());
            ps.setString(4, d.property());
            ps.setString(5, d.bucket());
            ps.setString(6, Labels.json(d.filters()));
            ps.setTimestamp(7, Timestamp.from(d.computedUntil()));
            ps.executeUpdate();
        }
    }

    public static List<Long> ids(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT series_id FROM anomaly_derived_series ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** The derivation, locked for this transaction, or empty when another transaction holds it. */
    public static Optional<Derivation> lockIfFree(Connection c, long seriesId) throws SQLException {
        return query(c, SELECT + " WHERE series_id = ? FOR UPDATE SKIP LOCKED", seriesId).stream().findFirst();
    }

    public static Optional<Derivation> find(Connection c, long seriesId) throws SQLException {
        return query(c, SELECT + " WHERE series_id = ?", seriesId).stream().findFirst();
    }

    public static void setComputedUntil(Connection c, long seriesId, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE anomaly_derived_series SET computed_until = ? WHERE series_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(until));
            ps.setLong(2, seriesId);
            ps.executeUpdate();
        }
    }

    private static List<Derivation> query(Connection c, String sql, long seriesId) throws SQLException {
        List<Derivation> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Derivation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Labels.read(rs.getArray(6), rs.getArray(7)),
                            rs.getTimestamp(8).toInstant()));
                }
            }
        }
        return out;
    }
}
