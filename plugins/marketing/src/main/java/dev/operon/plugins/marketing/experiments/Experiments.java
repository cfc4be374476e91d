package dev.operon.plugins.marketing.experiments;

import dev.operon.plugins.marketing.campaigns.Campaign;
import dev.operon.plugins.marketing.campaigns.CampaignStore;
import dev.operon.plugins.marketing.campaigns.Variant;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.events.EventQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions per arm: a message (or holdout assignment) converts when its user does the goal event within the
 * goal window after it was sent (for the holdout: after the run was planned, when the others would have been sent).
 */
public final class Experiments {

    /** Auto winner: a variant is picked when it is best with at least this posterior probability... */
    static final double WINNER_PROBABILITY = 0.95;
    /**
     * ...and at least this many messages per variant were sent in all (not per variant: Thompson sampling starves a
     * clear loser on purpose).
     */
    static final long WINNER_MIN_EXPOSED = 100;

    private Experiments() {
    }

    /** Exposures and conversions per arm name (variants and {@code holdout}). */
    public static Map<String, Tally> tallies(PluginScope s, Campaign k) throws SQLException {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Variant v : k.variants()) {
            counts.put(v.name(), new long[2]);
        }
        counts.put(Assigner.HOLDOUT, new long[2]);
        List<Exposure> exposures = exposures(s, k);
        if (k.goalEvent() == null || exposures.isEmpty()) {
            for (Exposure x : exposures) {
                counts.computeIfAbsent(x.arm(), a -> new long[2])[0]++;
            }
            return toTallies(counts);
        }
        Instant first = exposures.stream().map(Exposure::at).min(Instant::compareTo).orElseThrow();
        Map<Long, List<Instant>> goals = new HashMap<>();
        s.events().forEach(EventQuery.all().named(k.goalEvent()).between(first, null),
                e -> {
                    if (e.profileId() != null) {
                        goals.computeIfAbsent(e.profileId(), p -> new ArrayList<>()).add(e.timestamp());
                    }
                });
        goals.values().forEach(Collections::sort);
        for (Exposure x : exposures) {
            long[] c = counts.computeIfAbsent(x.arm(), a -> new long[2]);
            c[0]++;
            if (converted(goals.get(x.profileId()), x.at(), x.at().plusSeconds(k.goalWindowSeconds()))) {
                c[1]++;
            }
        }
        return toTallies(counts);
    }

    /** One exposure and whether the goal followed within the window. */
    public record Outcome(Exposure exposure, boolean converted) {
    }

    /**
     * Every exposure of a campaign with a goal whose window is over by {@code now} (or that already converted):
     * what the uplift model learns from. Empty without a goal event.
     */
    public static List<Outcome> outcomes(PluginScope s, Campaign k, Instant now) throws SQLException {
        List<Outcome> out = new ArrayList<>();
        List<Exposure> exposures = exposures(s, k);
        if (k.goalEvent() == null || exposures.isEmpty()) {
            return out;
        }
        Instant first = exposures.stream().map(Exposure::at).min(Instant::compareTo).orElseThrow();
        Map<Long, List<Instant>> goals = new HashMap<>();
        s.events().forEach(EventQuery.all().named(k.goalEvent()).between(first, null),
                e -> {
                    if (e.profileId() != null) {
                        goals.computeIfAbsent(e.profileId(), p -> new ArrayList<>()).add(e.timestamp());
                    }
                });
        goals.values().forEach(Collections::sort);
        for (Exposure x : exposures) {
            Instant end = x.at().plusSeconds(k.goalWindowSeconds());
            boolean converted = converted(goals.get(x.profileId()), x.at(), end);
            if (converted || !end.isAfter(now)) {
                out.add(new Outcome(x, converted));
            }
        }
        return out;
    }

    private static Map<String, Tally> toTallies(Map<String, long[]> counts) {
        Map<String, Tally> out = new LinkedHashMap<>();
        counts.forEach((arm, c) -> out.put(arm, new Tally(c[0], c[1])));
        return out;
    }

    static boolean converted(List<Instant> times, Instant from, Instant to) {
        if (times == null) {
            return false;
        }
        int i = Collections.binarySearch(times, from);
        int at = i >= 0 ? i : -i - 1;
        return at < times.size() && !times.get(at).isAfter(to);
    }

    /** One message sent or one holdout assignment ({@code sendId}: its {@code marketing_send} row). */
    public record Exposure(long profileId, String arm, Instant at, long sendId) {
    }

    public static List<Exposure> exposures(PluginScope s, Campaign k) throws SQLException {
        List<Exposure> out = new ArrayList<>();
        try (Connection c = s.data().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT profile_id, variant, coalesce(sent_at, planned_at), id"
                     + " FROM marketing_send WHERE campaign_id = ? AND (status = 'sent' OR status = 'holdout')")) {
            ps.setLong(1, k.id());
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new Exposure(r.getLong(1), r.getString(2), CampaignStore.instant(r, 3), r.getLong(4)));
                }
            }
        }
        return out;
    }

    /** Picks and stores the winner of an automatic-winner campaign once the evidence is strong enough. */
    public static String pickWinner(PluginScope s, Campaign k) throws SQLException {
        if (!k.autoWinner() || k.winner() != null || k.variants().size() < 2) {
            return null;
        }
        Map<String, Tally> tallies = tallies(s, k);
        List<Tally> arms = new ArrayList<>();
        long exposed = 0;
        for (Variant v : k.variants()) {
            Tally t = tallies.get(v.name());
            exposed += t.exposed();
            arms.add(t);
        }
        if (exposed < WINNER_MIN_EXPOSED * arms.size()) {
            return null;
        }
        double[] best = Stats.probabilityBest(arms);
        for (int i = 0; i < best.length; i++) {
            if (best[i] >= WINNER_PROBABILITY) {
                String winner = k.variants().get(i).name();
                try (Connection c = s.data().dataSource().getConnection();
                     PreparedStatement ps = c.prepareStatement("UPDATE marketing_campaign SET winner = ?"
                             + " WHERE id = ? AND winner IS NULL")) {
                    ps.setString(1, winner);
                    ps.setLong(2, k.id());
                    ps.executeUpdate();
                }
                return winner;
            }
        }
        return null;
    }
}
