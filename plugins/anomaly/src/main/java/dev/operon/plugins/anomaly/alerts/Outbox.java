package dev.operon.plugins.anomaly.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The notifications to deliver, written in the same transaction as the incident transition they announce, so a
 * crash loses none; each has an idempotency key (incident, transition, target) so it is queued once and a receiver
 * can recognise a redelivery.
 */
public final class Outbox {

    private Outbox() {
    }

    /** Queues one notification per target of the rule for this transition; already queued ones are left alone. */
    public static int enqueue(Connection c, Incident incident, String transition, List<Target> targets, String actor,
                              Instant now) throws SQLException {
        int queued = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_notification (incident_id, transition,"
                + " channel, recipient, format, subject, body, idempotency_key, state, next_attempt_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (idempotency_key) DO NOTHING")) {
            for (Target t : targets) {
                ps.setLong(1, incident.id());
                ps.setString(2, transition);
                ps.setString(3, t.channel());
                ps.setString(4, t.recipient());
                ps.setString(5, t.format());
                ps.setString(6, AlertMessages.subject(incident, transition));
                ps.setString(7, AlertMessages.text(incident, transition, actor));
                ps.setString(8, key(incident.id(), transition, t));
                ps.setTimestamp(9, Timestamp.from(now));
                queued += ps.executeUpdate();
            }
        }
        return queued;
    }

    /** {@code anomaly-<incident>-<transition>-<hash of channel and recipient>}. */
    static String key(long incidentId, String transition, Target target) {
        return "anomaly-" + incidentId + "-" + transition + "-"
                + Integer.toHexString((target.channel() + "\n" + target.recipient()).hashCode());
    }

    /** Due notifications, locked for this transaction (others skip them), oldest first. */
    static List<Notification> lockDue(Connection c, Instant now, int limit) throws SQLException {
        List<Notification> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, incident_id, transition, channel, recipient,"
                + " format, subject, body, idempotency_key, attempts FROM anomaly_notification"
                + " WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"
                + " FOR UPDATE SKIP LOCKED")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Notification(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getInt(10), "pending", null, null, null));
                }
            }
        }
        return due;
    }

    /** Records an attempt's outcome. */
    static void update(Connection c, long id, String state, int attempts, Instant nextAttempt, String error,
                       Instant deliveredAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE anomaly_notification SET state = ?, attempts = ?,"
                + " next_attempt_at = ?, last_error = ?, delivered_at = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setInt(2, attempts);
            ps.setTimestamp(3, Timestamp.from(nextAttempt));
            ps.setString(4, error);
            ps.setTimestamp(5, deliveredAt == null ? null : Timestamp.from(deliveredAt));
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    /** Notifications newest first, optionally of one incident. */
    public static List<Notification> list(Connection c, Long incidentId, int limit) throws SQLException {
        List<Notification> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, incident_id, transition, channel, recipient,"
                + " format, subject, body, idempotency_key, attempts, state, next_attempt_at, last_error, delivered_at"
                + " FROM anomaly_notification WHERE ?::bigint IS NULL OR incident_id = ?::bigint"
                + " ORDER BY id DESC LIMIT ?")) {
            ps.setObject(1, incidentId);
            ps.setObject(2, incidentId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp delivered = rs.getTimestamp(14);
                    out.add(new Notification(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getInt(10), rs.getString(11), rs.getTimestamp(12).toInstant(), rs.getString(13),
                            delivered == null ? null : delivered.toInstant()));
                }
            }
        }
        return out;
    }
}
