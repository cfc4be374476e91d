package dev.operon.plugins.anomaly.alerts;

import dev.operon.plugins.anomaly.metrics.Labels;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes {@code anomaly_rule} and its targets. */
public final class RuleStore {

    private RuleStore() {
    }

    /** Creates or replaces (by name) a rule with its targets; returns its id. */
    public static long save(Connection c, Rule rule) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_rule (name, series_name, label_match,"
                + " threshold, min_duration_seconds, resolve_after_seconds, severity, enabled)"
                + " VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                + " series_name = excluded.series_name, label_match = excluded.label_match,"
                + " threshold = excluded.threshold, min_duration_seconds = excluded.min_duration_seconds,"
                + " resolve_after_seconds = excluded.resolve_after_seconds, severity = excluded.severity,"
                + " enabled = excluded.enabled, updated_at = now() RETURNING id")) {
            ps.setString(1, rule.name());
            ps.setString(2, rule.seriesName());
            ps.setString(3, Labels.json(rule.labelMatch()));
            ps.setDouble(4, rule.threshold());
            ps.setInt(5, rule.minDurationSeconds());
            ps.setInt(6, rule.resolveAfterSeconds());
            ps.setString(7, rule.severity());
            ps.setBoolean(8, rule.enabled());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM anomaly_rule_target WHERE rule_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_rule_target (rule_id, channel,"
                + " recipient, format) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Target t : rule.targets()) {
                ps.setLong(1, id);
                ps.setString(2, t.channel());
                ps.setString(3, t.recipient());
                ps.setString(4, t.format());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    public static boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM anomaly_rule WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** How many incidents the rule raised. */
    public static long incidents(Connection c, long ruleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM anomaly_incident WHERE rule_id = ?")) {
            ps.setLong(1, ruleId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static List<Rule> all(Connection c) throws SQLException {
        return query(c, "");
    }

    public static List<Rule> enabled(Connection c) throws SQLException {
        return query(c, " WHERE enabled");
    }

    public static Optional<Rule> find(Connection c, long id) throws SQLException {
        return query(c, " WHERE id = " + id).stream().findFirst();
    }

    private static List<Rule> query(Connection c, String where) throws SQLException {
        Map<Long, List<Target>> targets = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, channel, recipient, format"
                + " FROM anomaly_rule_target ORDER BY rule_id, channel, recipient");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                targets.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Target(rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        List<Rule> rules = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, series_name, "
                + Labels.select("label_match") + ", threshold, min_duration_seconds, resolve_after_seconds, severity,"
                + " enabled FROM anomaly_rule" + where + " ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                rules.add(new Rule(id, rs.getString(2), rs.getString(3), Labels.read(rs.getArray(4), rs.getArray(5)),
                        rs.getDouble(6), rs.getInt(7), rs.getInt(8), rs.getString(9), rs.getBoolean(10),
                        List.copyOf(targets.getOrDefault(id, List.of()))));
            }
        }
        return rules;
    }
}
