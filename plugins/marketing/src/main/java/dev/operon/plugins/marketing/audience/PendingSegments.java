package dev.operon.plugins.marketing.audience;

import dev.operon.sdk.PluginScope;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Segments known by name only. The SDK gives no access to the behaviour plugin's segment table, so a segment's id is
 * found the way its members are: in the {@code Segment Entered} events, which carry {@code segment_id} and
 * {@code segment_name}. A draft written before those events exist (the demo's, when the behaviour plugin has not
 * refreshed yet) keeps the name in {@code marketing_state} under {@code pending-segment:<campaign id>}; the campaign
 * clock fills the draft's segment in once a member has entered it. Until then the draft cannot be approved.
 */
public final class PendingSegments {

    static final String PREFIX = "pending-segment:";

    private PendingSegments() {
    }

    /** The id of the segment named {@code name} (the latest one, if several had that name), once it has members. */
    public static Optional<String> idOf(Events events, String name) {
        String[] found = {null};
        events.forEach(EventQuery.all().ofTypes("track").named(SegmentAudience.ENTERED), e -> {
            if (name.equals(e.properties().get("segment_name"))) {
                found[0] = SegmentAudience.idText(e.properties().get("segment_id"));
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /** Records that draft {@code campaignId} is for the segment named {@code name}, in the caller's transaction. */
    public static void record(Connection c, long campaignId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO marketing_state (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, PREFIX + campaignId);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    /** " (waiting for segment \"name\")" when the campaign's segment is pending, else "". */
    public static String describe(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM marketing_state WHERE key = ?")) {
            ps.setString(1, PREFIX + campaignId);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? " (waiting for the segment \"" + r.getString(1) + "\" to have members)" : "";
            }
        }
    }

    /**
     * Fills in the segment of every pending draft whose segment now has members; forgets the ones whose campaign is
     * gone or no longer a draft without a segment.
     *
     * @return one line per draft resolved, for the log
     */
    public static List<String> resolve(PluginScope s) throws SQLException {
        Map<Long, String> pending = new LinkedHashMap<>();
        try (Connection c = s.data().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT key, value FROM marketing_state WHERE key LIKE ?")) {
            ps.setString(1, PREFIX + "%");
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    pending.put(Long.parseLong(r.getString(1).substring(PREFIX.length())), r.getString(2));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Long, String> p : pending.entrySet()) {
            Optional<String> id = idOf(s.events(), p.getValue());
            if (id.isEmpty()) {
                continue;
            }
            s.data().inTransactionWithoutResult(c -> {
                try (PreparedStatement update = c.prepareStatement("UPDATE marketing_campaign SET segment_id = ?,"
                        + " updated_at = now() WHERE id = ? AND segment_id IS NULL AND status = 'draft'");
                     PreparedStatement forget = c.prepareStatement("DELETE FROM marketing_state WHERE key = ?")) {
                    update.setString(1, id.get());
                    update.setLong(2, p.getKey());
                    if (update.executeUpdate() == 1) {
                        lines.add("campaign " + p.getKey() + ": segment \"" + p.getValue() + "\" is " + id.get());
                    }
                    forget.setString(1, PREFIX + p.getKey());
                    forget.executeUpdate();
                }
            });
        }
        return lines;
    }
}
