package dev.operon.plugins.marketing.sending;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.plugins.marketing.experiments.Assigner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes the messages of a campaign run: one {@code marketing_send} row per audience member (a variant or the
 * holdout), each with its idempotency key, in the caller's transaction. A run is planned once: the
 * {@code marketing_run} row and the unique keys make planning it again (after a crash) change nothing.
 */
public final class Planner {

    private static final int CHUNK = 5_000;

    private Planner() {
    }

    /** The key of one message: the same campaign, run and profile always give the same key. */
    public static String idempotencyKey(long campaignId, String runKey, long profileId) {
        return keyPrefix(campaignId, runKey) + profileId;
    }

    private static String keyPrefix(long campaignId, String runKey) {
        return "marketing-" + campaignId + "-" + runKey + "-";
    }

    /**
     * Plans run {@code runKey} for {@code audience}, due at {@code due}.
     *
     * @return the number of rows written, or -1 when the run had been planned before
     */
    public static int planRun(Connection c, Campaign k, String runKey, Collection<Long> audience, Assigner assigner,
                              Instant due, Map<Long, String> features) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_run (campaign_id, run_key, audience)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, k.id());
            ps.setString(2, runKey);
            ps.setLong(3, audience.size());
            if (ps.executeUpdate() == 0) {
                return -1;
            }
        }
        return insert(c, k, runKey, audience, assigner, due, features);
    }

    /** Adds rows to a run (triggered campaigns); profiles that already have a row in it are left alone. */
    public static int insert(Connection c, Campaign k, String runKey, Collection<Long> profiles, Assigner assigner,
                             Instant due) throws SQLException {
        return insert(c, k, runKey, profiles, assigner, due, Map.of());
    }

    /**
     * Adds rows to a run with each user's uplift features as they are now ({@code features}: JSON per profile id,
     * see {@code FeatureSnapshot}; users missing from it get none).
     */
    public static int insert(Connection c, Campaign k, String runKey, Collection<Long> profiles, Assigner assigner,
                             Instant due, Map<Long, String> features) throws SQLException {
        List<Long> sorted = new ArrayList<>(profiles);
        sorted.sort(null);
        int written = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_send (campaign_id, run_key, profile_id,"
                + " variant, channel, status, idempotency_key, due_at, features)"
                + " SELECT ?, ?, p, v, ?, CASE WHEN v = 'holdout' THEN 'holdout' ELSE 'planned' END,"
                + " ? || p::text, ?, f::jsonb FROM unnest(?::bigint[], ?::text[], ?::text[]) AS t(p, v, f)"
                + " ON CONFLICT DO NOTHING")) {
            for (int from = 0; from < sorted.size(); from += CHUNK) {
                List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
                String[] variants = new String[chunk.size()];
                String[] snapshots = new String[chunk.size()];
                for (int i = 0; i < chunk.size(); i++) {
                    variants[i] = assigner.assign(chunk.get(i));
                    snapshots[i] = features.get(chunk.get(i));
                }
                ps.setLong(1, k.id());
                ps.setString(2, runKey);
                ps.setString(3, k.channel());
                ps.setString(4, keyPrefix(k.id(), runKey));
                CampaignStore.setInstant(ps, 5, due);
                ps.setArray(6, c.createArrayOf("bigint", chunk.toArray()));
                ps.setArray(7, c.createArrayOf("text", variants));
                ps.setArray(8, c.createArrayOf("text", snapshots));
                written += ps.executeUpdate();
            }
        }
        return written;
    }

    /** Notes how many segment members a positive-uplift campaign left out of the run. */
    public static void recordUpliftDropped(Connection c, long campaignId, String runKey, long dropped)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE marketing_run SET dropped_no_uplift = ?"
                + " WHERE campaign_id = ? AND run_key = ?")) {
            ps.setLong(1, dropped);
            ps.setLong(2, campaignId);
            ps.setString(3, runKey);
            ps.executeUpdate();
        }
    }

    /** Whether the run was planned. */
    public static boolean planned(Connection c, long campaignId, String runKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM marketing_run WHERE campaign_id = ? AND run_key = ?")) {
            ps.setLong(1, campaignId);
            ps.setString(2, runKey);
            try (ResultSet r = ps.executeQuery()) {
                return r.next();
            }
        }
    }
}
