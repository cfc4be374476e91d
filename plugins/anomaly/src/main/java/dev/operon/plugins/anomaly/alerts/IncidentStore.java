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
import java.util.Optional;

/** Reads and writes {@code anomaly_incident} and its history {@code anomaly_incident_change}. */
public final class IncidentStore {

    private static final String SELECT = "SELECT i.id, i.series_id, s.name, " + Labels.select("s.labels")
            + ", i.rule_id, r.name, i.state, i.severity, i.started_at, i.opened_at, i.last_anomalous_at,"
            + " i.peak_score, i.anomalous_points, i.silenced_by, i.acknowledged_at, i.acknowledged_by,"
            + " i.resolved_at, i.resolved_by, i.feedback FROM anomaly_incident i"
            + " JOIN anomaly_series s ON s.id = i.series_id JOIN anomaly_rule r ON r.id = i.rule_id";

    private IncidentStore() {
    }

    /** The incident of this series and rule that is not resolved, locked for this transaction. */
    public static Optional<Incident> active(Connection c, long seriesId, long ruleId) throws SQLException {
        return query(c, SELECT + " WHERE i.series_id = ? AND i.rule_id = ? AND i.state <> 'resolved'"
                + " FOR UPDATE OF i", seriesId, ruleId).stream().findFirst();
    }

    /** The incident, locked for this transaction. */
    public static Optional<Incident> lock(Connection c, long id) throws SQLException {
        return query(c, SELECT + " WHERE i.id = ? FOR UPDATE OF i", id).stream().findFirst();
    }

    public static Optional<Incident> find(Connection c, long id) throws SQLException {
        return query(c, SELECT + " WHERE i.id = ?", id).stream().findFirst();
    }

    /** Incidents newest first, optionally of one state and one series. */
    public static List<Incident> list(Connection c, String state, Long seriesId, int limit, int offset)
            throws SQLException {
        return query(c, SELECT + " WHERE (?::text IS NULL OR i.state = ?::text)"
                + " AND (?::bigint IS NULL OR i.series_id = ?::bigint) ORDER BY i.opened_at DESC, i.id DESC"
                + " LIMIT ? OFFSET ?", state, state, seriesId, seriesId, limit, offset);
    }

    /** Opens an incident; returns its id. */
    public static long open(Connection c, long seriesId, Rule rule, Instant startedAt, Instant openedAt,
                            double score, Long silencedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_incident (series_id, rule_id, state,"
                + " severity, started_at, opened_at, last_anomalous_at, peak_score, anomalous_points, silenced_by)"
                + " VALUES (?, ?, 'open', ?, ?, ?, ?, ?, 1, ?) RETURNING id")) {
            ps.setLong(1, seriesId);
            ps.setLong(2, rule.id());
            ps.setString(3, rule.severity());
            ps.setTimestamp(4, Timestamp.from(startedAt));
            ps.setTimestamp(5, Timestamp.from(openedAt));
            ps.setTimestamp(6, Timestamp.from(openedAt));
            ps.setDouble(7, score);
            ps.setObject(8, silencedBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Another anomalous point of an active incident. */
    public static void extend(Connection c, long id, Instant at, double score) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE anomaly_incident SET last_anomalous_at = ?,"
                + " peak_score = greatest(peak_score, ?), anomalous_points = anomalous_points + 1 WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setDouble(2, score);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** Moves an incident to {@code to} and records the change. */
    public static void transition(Connection c, Incident incident, String to, String actor, Instant at, String note)
            throws SQLException {
        String sql = switch (to) {
            case Incident.ACKNOWLEDGED -> "UPDATE anomaly_incident SET state = 'acknowledged', acknowledged_at = ?,"
                    + " acknowledged_by = ? WHERE id = ?";
            case Incident.RESOLVED -> "UPDATE anomaly_incident SET state = 'resolved', resolved_at = ?,"
                    + " resolved_by = ? WHERE id = ?";
            default -> throw new IllegalArgumentException("no transition to " + to);
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, actor);
            ps.setLong(3, incident.id());
            ps.executeUpdate();
        }
        recordChange(c, incident.id(), incident.state(), to, actor, at, note);
    }

    public static void recordChange(Connection c, long incidentId, String from, String to, String actor, Instant at,
                                    String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_incident_change (incident_id,"
                + " from_state, to_state, actor, at, note) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, incidentId);
            ps.setString(2, from);
            ps.setString(3, to);
            ps.setString(4, actor);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setString(6, note);
            ps.executeUpdate();
        }
    }

    /** The transitions of an incident, oldest first, as {@code from->to by actor}. */
    public static List<Change> changes(Connection c, long incidentId) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT from_state, to_state, actor, at, note"
                + " FROM anomaly_incident_change WHERE incident_id = ? ORDER BY id")) {
            ps.setLong(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Change(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getString(5)));
                }
            }
        }
        return out;
    }

    public static void setFeedback(Connection c, long id, String verdict) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE anomaly_incident SET feedback = ? WHERE id = ?")) {
            ps.setString(1, verdict);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** One transition of an incident. */
    public record Change(String from, String to, String actor, Instant at, String note) {
    }

    private static List<Incident> query(Connection c, String sql, Object... args) throws SQLException {
        List<Incident> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long silenced = rs.getLong(15);
                    Long silencedBy = rs.wasNull() ? null : silenced;
                    out.add(new Incident(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            Labels.read(rs.getArray(4), rs.getArray(5)), rs.getLong(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11), instant(rs, 12),
                            rs.getDouble(13), rs.getInt(14), silencedBy, instant(rs, 16), rs.getString(17),
                            instant(rs, 18), rs.getString(19), rs.getString(20)));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
