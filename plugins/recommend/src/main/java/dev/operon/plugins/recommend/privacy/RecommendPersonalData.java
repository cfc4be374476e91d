package dev.operon.plugins.recommend.privacy;

import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.privacy.DataSubject;
import dev.operon.sdk.privacy.PersonalData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the plugin keeps per user: the recommendations served to them ({@code recommend_served}) and their A/B
 * assignments ({@code recommend_assignment}), found by profile id or by the user key serving used
 * ({@code p:<profile id>}, or {@code u:<id>} for a user served before they had a profile). Impression and click
 * events are platform events, exported and erased by the platform. Online metrics are per day and model only.
 * Trained models may hold a vector per user: they are replaced at the next training, which reads events only.
 */
public final class RecommendPersonalData implements PersonalData {

    private static final String WHO = " WHERE profile_id = ANY(?) OR user_key = ANY(?)";

    @Override
    public Map<String, Object> export(DataSubject subject, PluginData data) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = data.dataSource().getConnection()) {
            List<Map<String, Object>> served = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, served_at, model, variant, items, cold_start"
                    + " FROM recommend_served" + WHO + " ORDER BY served_at")) {
                bind(c, s, subject);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("recommendationId", r.getObject(1).toString());
                        row.put("servedAt", r.getTimestamp(2).toInstant().toString());
                        row.put("model", r.getString(3));
                        row.put("variant", r.getString(4));
                        row.put("items", Arrays.asList((String[]) r.getArray(5).getArray()));
                        row.put("coldStart", r.getBoolean(6));
                        served.add(row);
                    }
                }
            }
            List<Map<String, Object>> assignments = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT experiment, variant, assigned_at"
                    + " FROM recommend_assignment" + WHO + " ORDER BY assigned_at")) {
                bind(c, s, subject);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        assignments.add(Map.of("experiment", r.getString(1), "variant", r.getString(2),
                                "assignedAt", r.getTimestamp(3).toInstant().toString()));
                    }
                }
            }
            if (!served.isEmpty()) {
                out.put("recommendationsServed", served);
            }
            if (!assignments.isEmpty()) {
                out.put("experimentAssignments", assignments);
            }
        }
        return out;
    }

    @Override
    public void erase(DataSubject subject, PluginData data) throws SQLException {
        data.inTransactionWithoutResult(c -> {
            for (String table : List.of("recommend_served", "recommend_assignment")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + WHO)) {
                    bind(c, s, subject);
                    s.executeUpdate();
                }
            }
        });
    }

    /** The subject's user keys, as serving writes them. */
    static List<String> keys(DataSubject subject) {
        List<String> keys = new ArrayList<>();
        subject.profileIds().forEach(id -> keys.add("p:" + id));
        subject.userIds().forEach(id -> keys.add("u:" + id));
        subject.anonymousIds().forEach(id -> keys.add("u:" + id));
        return keys;
    }

    private static void bind(Connection c, PreparedStatement s, DataSubject subject) throws SQLException {
        s.setArray(1, c.createArrayOf("bigint", subject.profileIds().toArray()));
        s.setArray(2, c.createArrayOf("text", keys(subject).toArray()));
    }
}
