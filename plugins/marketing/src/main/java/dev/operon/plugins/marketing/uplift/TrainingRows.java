package dev.operon.plugins.marketing.uplift;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.experiments.Assigner;
import dev.operon.plugins.marketing.experiments.Experiments;
import dev.operon.sdk.PluginScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code marketing.uplift-train} learns from: one row per message sent (treated) and per holdout assignment
 * (control) whose outcome is known, with the features stored when the message was planned
 * ({@link FeatureSnapshot}). Rows planned before snapshots existed have none: they fall back to the profile as it is
 * now (the old, leaky way), and are counted so the task can say how many.
 */
public final class TrainingRows {

    /**
     * One training row.
     *
     * @param snapshot true when the features are the ones stored at planning, false for the fallback
     */
    public record Row(long sendId, long profileId, boolean treated, boolean converted, Instant at,
                      Map<String, String> features, boolean snapshot) {
    }

    private TrainingRows() {
    }

    /** The rows of these campaigns whose goal window is over by {@code now} or that converted already. */
    public static List<Row> load(PluginScope s, List<Campaign> campaigns, Instant now, Set<String> excludedTraits)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        Map<Long, Optional<Map<String, String>>> current = new HashMap<>();
        for (Campaign k : campaigns) {
            List<Experiments.Outcome> outcomes = Experiments.outcomes(s, k, now);
            Map<Long, Map<String, String>> stored = snapshots(s, k.id());
            for (Experiments.Outcome o : outcomes) {
                Experiments.Exposure x = o.exposure();
                Map<String, String> features = stored.get(x.sendId());
                boolean snapshot = features != null;
                if (features == null) {
                    features = current.computeIfAbsent(x.profileId(), id -> s.profiles().get(id)
                            .map(p -> ProfileRow.of(p, excludedTraits))).orElse(null);
                }
                if (features == null) {
                    continue;   // no snapshot, and the profile was erased or merged away since
                }
                rows.add(new Row(x.sendId(), x.profileId(), !Assigner.HOLDOUT.equals(x.arm()), o.converted(),
                        x.at(), features, snapshot));
            }
        }
        return rows;
    }

    private static Map<Long, Map<String, String>> snapshots(PluginScope s, long campaignId) throws SQLException {
        Map<Long, Map<String, String>> out = new HashMap<>();
        try (Connection c = s.data().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT m.id, f.key, f.value FROM marketing_send m"
                     + " CROSS JOIN LATERAL jsonb_each_text(m.features) AS f(key, value)"
                     + " WHERE m.campaign_id = ? AND m.features IS NOT NULL"
                     + " AND (m.status = 'sent' OR m.status = 'holdout') ORDER BY m.id")) {
            ps.setLong(1, campaignId);
            ps.setFetchSize(10_000);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getLong(1), id -> new LinkedHashMap<>()).put(r.getString(2),
                            r.getString(3) == null ? "" : r.getString(3));
                }
            }
        }
        return out;
    }
}
