package dev.operon.plugins.behaviour.privacy;

import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.privacy.DataSubject;
import dev.operon.sdk.privacy.PersonalData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The behaviour plugin's part of privacy requests: segment memberships, entered/exited history, pending
 * re-evaluation times and persona assignments, keyed by every profile id the subject had. Erasure deletes them in one
 * transaction and is idempotent. Scores on profiles ({@code behaviour.persona}, churn, CLV) are the platform's to
 * erase with the profile; events the plugin appended ({@code Segment Entered}/{@code Exited}) are erased with the
 * subject's events.
 */
public final class BehaviourPersonalData implements PersonalData {

    /** Table to the query selecting one subject's rows, in export order. */
    private static final Map<String, String> EXPORTS = new LinkedHashMap<>();

    static {
        EXPORTS.put("segmentMemberships", "SELECT m.segment_id, s.name AS segment_name, m.profile_id, m.entered_at"
                + " FROM behaviour_segment_member m JOIN behaviour_segment s ON s.id = m.segment_id"
                + " WHERE m.profile_id = ANY(?) ORDER BY m.segment_id");
        EXPORTS.put("segmentChanges", "SELECT segment_id, segment_name, profile_id, change, reason, at"
                + " FROM behaviour_segment_change WHERE profile_id = ANY(?) ORDER BY id");
        EXPORTS.put("personaAssignments", "SELECT a.profile_id, a.persona, p.label, a.distance, a.assigned_at"
                + " FROM behaviour_persona_assignment a LEFT JOIN behaviour_persona p ON p.persona = a.persona"
                + " WHERE a.profile_id = ANY(?) ORDER BY a.profile_id");
    }

    private static final List<String> ERASE = List.of(
            "DELETE FROM behaviour_segment_member WHERE profile_id = ANY(?)",
            "DELETE FROM behaviour_segment_change WHERE profile_id = ANY(?)",
            "DELETE FROM behaviour_segment_due WHERE profile_id = ANY(?)",
            "DELETE FROM behaviour_persona_assignment WHERE profile_id = ANY(?)");

    @Override
    public Map<String, Object> export(DataSubject subject, PluginData data) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = data.dataSource().getConnection()) {
            for (Map.Entry<String, String> e : EXPORTS.entrySet()) {
                List<Map<String, Object>> rows = rows(c, e.getValue(), subject);
                if (!rows.isEmpty()) {
                    out.put(e.getKey(), rows);
                }
            }
        }
        return out;
    }

    @Override
    public void erase(DataSubject subject, PluginData data) throws SQLException {
        data.inTransactionWithoutResult(c -> {
            for (String sql : ERASE) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setArray(1, c.createArrayOf("bigint", subject.profileIds().toArray(new Long[0])));
                    s.executeUpdate();
                }
            }
            // sizes stay right without a refresh: recount the segments the subject left
            try (PreparedStatement s = c.prepareStatement("UPDATE behaviour_segment g SET member_count ="
                    + " (SELECT count(*) FROM behaviour_segment_member m WHERE m.segment_id = g.id)")) {
                s.executeUpdate();
            }
        });
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, DataSubject subject)
            throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("bigint", subject.profileIds().toArray(new Long[0])));
            try (ResultSet r = s.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = r.getObject(i);
                        row.put(meta.getColumnLabel(i), value instanceof Timestamp t ? t.toInstant().toString()
                                : value);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
