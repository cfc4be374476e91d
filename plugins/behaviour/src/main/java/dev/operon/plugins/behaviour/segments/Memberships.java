package dev.operon.plugins.behaviour.segments;

import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.events.Events;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The refresh's reads and writes of membership tables: current members, due re-evaluations, cursors, the
 * transactional write of one refresh's changes, and the emission of recorded changes as events.
 */
final class Memberships {

    /** Events appended for each recorded change. */
    static final String ENTERED_EVENT = SegmentEvents.ENTERED;
    static final String EXITED_EVENT = SegmentEvents.EXITED;

    private static final int CHUNK = 20_000;

    private final PluginData data;

    Memberships(PluginData data) {
        this.data = data;
    }

    /** Current memberships (profile to segment ids), of every profile or only of {@code profileIds}. */
    Map<Long, Set<Long>> current(Collection<Long> profileIds) throws SQLException {
        Map<Long, Set<Long>> out = new HashMap<>();
        if (profileIds == null) {
            // in a transaction so that the driver streams with a fetch size
            data.inTransactionWithoutResult(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT profile_id, segment_id FROM behaviour_segment_member")) {
                    s.setFetchSize(10_000);
                    read(s, out);
                }
            });
            return out;
        }
        try (Connection c = data.dataSource().getConnection()) {
            List<Long> ids = new ArrayList<>(profileIds);
            for (int i = 0; i < ids.size(); i += CHUNK) {
                try (PreparedStatement s = c.prepareStatement("SELECT profile_id, segment_id FROM"
                        + " behaviour_segment_member WHERE profile_id = ANY(?)")) {
                    s.setArray(1, SegmentStore.longs(c, ids.subList(i, Math.min(ids.size(), i + CHUNK))));
                    read(s, out);
                }
            }
        }
        return out;
    }

    private static void read(PreparedStatement s, Map<Long, Set<Long>> out) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.computeIfAbsent(r.getLong(1), k -> new HashSet<>(4)).add(r.getLong(2));
            }
        }
    }

    /** Profiles whose re-evaluation time has come. */
    Set<Long> due(Instant now) throws SQLException {
        Set<Long> out = new HashSet<>();
        try (Connection c = data.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT profile_id FROM behaviour_segment_due WHERE due_at <= ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getLong(1));
                }
            }
        }
        return out;
    }

    Map<String, String> state() throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = data.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT key, value FROM behaviour_state")) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        }
        return out;
    }

    /**
     * Writes one refresh in one transaction: member rows, change rows, the re-evaluation times of the evaluated
     * profiles (all of them replaced after a full pass), sizes and their history point, the segments now fully
     * computed, and the cursors.
     *
     * @param fullyComputed segment id to the {@code updated_at} the refresh compiled: cleared of needs_full only if
     *                      unchanged since
     */
    void write(Instant now, List<MembershipChange> changes, Map<Long, Long> nextChange, boolean full,
               Map<Long, Instant> fullyComputed, Map<String, String> state) throws SQLException {
        data.inTransactionWithoutResult(c -> {
            Timestamp at = Timestamp.from(now);
            writeChanges(c, changes, at);
            writeDue(c, nextChange, full);
            try (PreparedStatement s = c.prepareStatement("UPDATE behaviour_segment s SET member_count ="
                    + " (SELECT count(*) FROM behaviour_segment_member m WHERE m.segment_id = s.id),"
                    + " refreshed_at = ?")) {
                s.setTimestamp(1, at);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO behaviour_segment_size (segment_id, at,"
                    + " size) SELECT id, ?, member_count FROM behaviour_segment ON CONFLICT DO NOTHING")) {
                s.setTimestamp(1, at);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE behaviour_segment SET needs_full = false"
                    + " WHERE id = ? AND updated_at = ?")) {
                for (Map.Entry<Long, Instant> e : fullyComputed.entrySet()) {
                    s.setLong(1, e.getKey());
                    s.setTimestamp(2, Timestamp.from(e.getValue()));
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO behaviour_state (key, value)"
                    + " VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                for (Map.Entry<String, String> e : state.entrySet()) {
                    s.setString(1, e.getKey());
                    s.setString(2, e.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
        });
    }

    private static void writeChanges(Connection c, List<MembershipChange> changes, Timestamp at)
            throws SQLException {
        for (int i = 0; i < changes.size(); i += CHUNK) {
            List<MembershipChange> chunk = changes.subList(i, Math.min(changes.size(), i + CHUNK));
            List<Long> inSeg = new ArrayList<>();
            List<Long> inProfile = new ArrayList<>();
            List<Long> outSeg = new ArrayList<>();
            List<Long> outProfile = new ArrayList<>();
            Long[] seg = new Long[chunk.size()];
            String[] names = new String[chunk.size()];
            Long[] profile = new Long[chunk.size()];
            String[] kind = new String[chunk.size()];
            String[] reason = new String[chunk.size()];
            for (int j = 0; j < chunk.size(); j++) {
                MembershipChange m = chunk.get(j);
                (m.entered() ? inSeg : outSeg).add(m.segmentId());
                (m.entered() ? inProfile : outProfile).add(m.profileId());
                seg[j] = m.segmentId();
                names[j] = m.segmentName();
                profile[j] = m.profileId();
                kind[j] = m.entered() ? "entered" : "exited";
                reason[j] = m.reason();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM behaviour_segment_member m USING"
                    + " unnest(?::bigint[], ?::bigint[]) AS x(s, p) WHERE m.segment_id = x.s AND m.profile_id = x.p")) {
                s.setArray(1, SegmentStore.longs(c, outSeg));
                s.setArray(2, SegmentStore.longs(c, outProfile));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO behaviour_segment_member (segment_id,"
                    + " profile_id, entered_at) SELECT x.s, x.p, ? FROM unnest(?::bigint[], ?::bigint[]) AS x(s, p)"
                    + " ON CONFLICT DO NOTHING")) {
                s.setTimestamp(1, at);
                s.setArray(2, SegmentStore.longs(c, inSeg));
                s.setArray(3, SegmentStore.longs(c, inProfile));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO behaviour_segment_change (segment_id,"
                    + " segment_name, profile_id, change, reason, at) SELECT x.s, x.n, x.p, x.c, x.r, ? FROM"
                    + " unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[]) AS x(s, n, p, c, r)"
                    + " ORDER BY x.p, x.s")) {
                s.setTimestamp(1, at);
                s.setArray(2, c.createArrayOf("bigint", seg));
                s.setArray(3, c.createArrayOf("text", names));
                s.setArray(4, c.createArrayOf("bigint", profile));
                s.setArray(5, c.createArrayOf("text", kind));
                s.setArray(6, c.createArrayOf("text", reason));
                s.executeUpdate();
            }
        }
    }

    private static void writeDue(Connection c, Map<Long, Long> nextChange, boolean full) throws SQLException {
        List<Long> ids = new ArrayList<>(nextChange.keySet());
        if (full) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM behaviour_segment_due");
            }
        }
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            if (!full) {
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM behaviour_segment_due WHERE profile_id = ANY(?)")) {
                    s.setArray(1, SegmentStore.longs(c, chunk));
                    s.executeUpdate();
                }
            }
            List<Long> dueIds = new ArrayList<>();
            List<Timestamp> dueAt = new ArrayList<>();
            for (long id : chunk) {
                long t = nextChange.get(id);
                if (t != Long.MAX_VALUE) {
                    dueIds.add(id);
                    dueAt.add(new Timestamp(t));
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO behaviour_segment_due (profile_id, due_at)"
                    + " SELECT * FROM unnest(?::bigint[], ?::timestamptz[])")) {
                s.setArray(1, SegmentStore.longs(c, dueIds));
                s.setArray(2, c.createArrayOf("timestamptz", dueAt.toArray()));
                s.executeUpdate();
            }
        }
    }

    /**
     * Appends a {@code Segment Entered} / {@code Segment Exited} event for every recorded change not yet emitted,
     * oldest first, and marks them. A profile that no longer exists gets none (marked all the same). Stops at the
     * first other failure, leaving the rest for the next refresh: events are emitted at least once.
     *
     * @return how many events were appended
     */
    long emitPending(Events events) throws SQLException {
        long emitted = 0;
        while (true) {
            List<long[]> batch = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<Boolean> entered = new ArrayList<>();
            try (Connection c = data.dataSource().getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT id, segment_id, segment_name, profile_id,"
                         + " change FROM behaviour_segment_change WHERE NOT emitted ORDER BY id LIMIT 5000")) {
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        batch.add(new long[] {r.getLong(1), r.getLong(2), r.getLong(4)});
                        names.add(r.getString(3));
                        entered.add("entered".equals(r.getString(5)));
                    }
                }
            }
            if (batch.isEmpty()) {
                return emitted;
            }
            List<Long> done = new ArrayList<>();
            RuntimeException failure = null;
            for (int i = 0; i < batch.size(); i++) {
                long[] row = batch.get(i);
                try {
                    events.track(row[2], entered.get(i) ? ENTERED_EVENT : EXITED_EVENT,
                            Map.of("segment_id", row[1], "segment_name", names.get(i)));
                    emitted++;
                } catch (IllegalArgumentException noSuchProfile) {
                    // erased or merged away: there is nobody to emit the event for
                } catch (RuntimeException e) {
                    failure = e;
                    break;
                }
                done.add(row[0]);
            }
            try (Connection c = data.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                    "UPDATE behaviour_segment_change SET emitted = true WHERE id = ANY(?)")) {
                s.setArray(1, SegmentStore.longs(c, done));
                s.executeUpdate();
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
