package dev.operon.plugins.marketing.journeys;

import dev.operon.plugins.marketing.campaigns.CampaignStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Journeys and their steps in {@code marketing_journey} and {@code marketing_journey_step}. */
final class JourneyStore {

    private static final String COLUMNS = "id, name, status, entry_event, entry_segment_id, goal_event, first_step,"
            + " entry_cursor, created_by, created_at, activated_at, stopped_at";

    private JourneyStore() {
    }

    static long insert(Connection c, JourneyInput in, List<JourneyStep> steps, String actor) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_journey (name, status, entry_event,"
                + " entry_segment_id, goal_event, first_step, created_by) VALUES (?, 'draft', ?, ?, ?, ?, ?)"
                + " RETURNING id")) {
            ps.setString(1, in.name().trim());
            ps.setString(2, in.entryEvent().trim());
            ps.setString(3, blankToNull(in.entrySegmentId()));
            ps.setString(4, blankToNull(in.goalEvent()));
            ps.setString(5, steps.get(0).id());
            ps.setString(6, actor);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_journey_step (journey_id, step,"
                + " position, kind, campaign_id, wait_seconds, event, next_step, yes_step, no_step, branches)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (JourneyStep s : steps) {
                ps.setLong(1, id);
                ps.setString(2, s.id());
                ps.setInt(3, position++);
                ps.setString(4, s.kind());
                ps.setObject(5, s.campaignId());
                ps.setObject(6, s.seconds());
                ps.setString(7, s.event());
                ps.setString(8, s.next());
                ps.setString(9, s.yes());
                ps.setString(10, s.no());
                ps.setString(11, s.branches().isEmpty() ? null : String.join(",", s.branches().stream()
                        .map(b -> b.percent() + ":" + b.next()).toList()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    static Optional<Journey> get(Connection c, long id, boolean lock) throws SQLException {
        List<Journey> found = query(c, " WHERE id = ?" + (lock ? " FOR UPDATE" : ""), id);
        return found.stream().findFirst();
    }

    static List<Journey> list(Connection c) throws SQLException {
        return query(c, " ORDER BY id", null);
    }

    static List<Journey> active(Connection c) throws SQLException {
        return query(c, " WHERE status = 'active' ORDER BY id", null);
    }

    private static List<Journey> query(Connection c, String tail, Long id) throws SQLException {
        Map<Long, Object[]> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM marketing_journey" + tail)) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getLong(1), new Object[] {r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getLong(8), r.getString(9),
                            CampaignStore.instant(r, 10), CampaignStore.instant(r, 11), CampaignStore.instant(r, 12)});
                }
            }
        }
        List<Journey> out = new ArrayList<>();
        for (Map.Entry<Long, Object[]> e : rows.entrySet()) {
            Object[] v = e.getValue();
            out.add(new Journey(e.getKey(), (String) v[0], (String) v[1], (String) v[2], (String) v[3],
                    (String) v[4], (String) v[5], (Long) v[6], (String) v[7], (java.time.Instant) v[8],
                    (java.time.Instant) v[9], (java.time.Instant) v[10], steps(c, e.getKey())));
        }
        return out;
    }

    private static List<JourneyStep> steps(Connection c, long journeyId) throws SQLException {
        List<JourneyStep> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT step, kind, campaign_id, wait_seconds, event,"
                + " next_step, yes_step, no_step, branches FROM marketing_journey_step WHERE journey_id = ?"
                + " ORDER BY position")) {
            ps.setLong(1, journeyId);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    List<JourneyInput.Branch> branches = new ArrayList<>();
                    String text = r.getString(9);
                    if (text != null) {
                        for (String part : text.split(",")) {
                            int colon = part.indexOf(':');
                            branches.add(new JourneyInput.Branch(Double.parseDouble(part.substring(0, colon)),
                                    part.substring(colon + 1)));
                        }
                    }
                    out.add(new JourneyStep(r.getString(1), r.getString(2), (Long) r.getObject(3),
                            (Long) r.getObject(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                            List.copyOf(branches)));
                }
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
