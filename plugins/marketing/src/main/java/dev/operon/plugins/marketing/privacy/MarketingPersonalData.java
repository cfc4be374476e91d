package dev.operon.plugins.marketing.privacy;

import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.privacy.DataSubject;
import dev.operon.sdk.privacy.PersonalData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the plugin keeps per user: messages sent and holdout assignments (with variant, status, address), in-app
 * messages, bounces, suppression entries and where the user is in each journey. Export lists them; erasure deletes them all, in one transaction.
 */
public final class MarketingPersonalData implements PersonalData {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("messages", "SELECT campaign_id, run_key, variant, channel, status, reason, recipient,"
                + " planned_at::text AS planned_at, sent_at::text AS sent_at, features::text AS features"
                + " FROM marketing_send"
                + " WHERE profile_id = ANY (?) ORDER BY id");
        QUERIES.put("inAppMessages", "SELECT campaign_id, title, body, created_at::text AS created_at,"
                + " read_at::text AS read_at FROM marketing_inbox WHERE profile_id = ANY (?) ORDER BY id");
        QUERIES.put("bounces", "SELECT kind, detail, at::text AS at FROM marketing_bounce WHERE profile_id = ANY (?)"
                + " ORDER BY id");
        QUERIES.put("suppressions", "SELECT channel, reason, at::text AS at FROM marketing_suppression"
                + " WHERE profile_id = ANY (?) ORDER BY at");
        QUERIES.put("journeys", "SELECT journey_id, status, step, path, entered_at::text AS entered_at,"
                + " updated_at::text AS updated_at FROM marketing_journey_member WHERE profile_id = ANY (?)"
                + " ORDER BY journey_id");
    }

    @Override
    public Map<String, Object> export(DataSubject subject, PluginData data) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = data.dataSource().getConnection()) {
            for (Map.Entry<String, String> q : QUERIES.entrySet()) {
                List<Map<String, Object>> rows = rows(c, q.getValue(), subject);
                if (!rows.isEmpty()) {
                    out.put(q.getKey(), rows);
                }
            }
        }
        return out;
    }

    @Override
    public void erase(DataSubject subject, PluginData data) throws SQLException {
        data.inTransactionWithoutResult(c -> {
            for (String table : List.of("marketing_inbox", "marketing_bounce", "marketing_suppression",
                    "marketing_send", "marketing_journey_member")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                        + " WHERE profile_id = ANY (?)")) {
                    ps.setArray(1, c.createArrayOf("bigint", subject.profileIds().toArray()));
                    ps.executeUpdate();
                }
            }
        });
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, DataSubject subject) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", subject.profileIds().toArray()));
            try (ResultSet r = ps.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), r.getObject(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
