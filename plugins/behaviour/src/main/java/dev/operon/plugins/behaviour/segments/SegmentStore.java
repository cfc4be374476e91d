package dev.operon.plugins.behaviour.segments;

import dev.operon.plugins.behaviour.segments.rules.RuleCompiler;
import dev.operon.sdk.data.PluginData;
import dev.operon.sdk.operation.OperationException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The segments table: definitions, and the reads the operations need (members, size history, changes). */
public final class SegmentStore {

    private static final String COLUMNS = "id, name, description, rule, depends_on, created_at, updated_at,"
            + " created_by, needs_full, member_count, refreshed_at";

    private final PluginData data;

    public SegmentStore(PluginData data) {
        this.data = data;
    }

    /** Every segment, by id. */
    public List<Segment> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM behaviour_segment ORDER BY id", s -> { });
    }

    public Optional<Segment> get(long id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM behaviour_segment WHERE id = ?", s -> s.setLong(1, id))
                .stream().findFirst();
    }

    /** The stored segments as the rule compiler sees them. */
    public RuleCompiler.SegmentGraph graph() throws SQLException {
        Map<Long, Set<Long>> deps = new HashMap<>();
        for (Segment s : all()) {
            deps.put(s.id(), new HashSet<>(s.dependsOn()));
        }
        return new RuleCompiler.SegmentGraph() {
            @Override
            public boolean exists(long segmentId) {
                return deps.containsKey(segmentId);
            }

            @Override
            public Set<Long> dependencies(long segmentId) {
                return deps.getOrDefault(segmentId, Set.of());
            }
        };
    }

    /** Creates a segment; a taken name is a 409. */
    public Segment create(String name, String description, String rule, Set<Long> dependsOn, String actor)
            throws SQLException {
        String sql = "INSERT INTO behaviour_segment (name, description, rule, depends_on, created_by)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING id";
        try (Connection c = data.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            s.setString(2, description);
            s.setString(3, rule);
            s.setArray(4, longs(c, dependsOn));
            s.setString(5, actor);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return get(r.getLong(1)).orElseThrow();
            }
        } catch (SQLException e) {
            throw nameTaken(e, name);
        }
    }

    /** Replaces name, description and rule; the next refresh evaluates every profile against the new rule. */
    public Optional<Segment> update(long id, String name, String description, String rule, Set<Long> dependsOn)
            throws SQLException {
        String sql = "UPDATE behaviour_segment SET name = ?, description = ?, rule = ?, depends_on = ?,"
                + " updated_at = clock_timestamp(), needs_full = true WHERE id = ?";
        try (Connection c = data.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            s.setString(2, description);
            s.setString(3, rule);
            s.setArray(4, longs(c, dependsOn));
            s.setLong(5, id);
            if (s.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw nameTaken(e, name);
        }
        return get(id);
    }

    /**
     * Deletes a segment with its members and size history (its recorded changes stay, as history), and records an
     * exit (reason {@code segment deleted}) for each member in the same transaction, so that the {@code Segment
     * Exited} events still to be emitted tell the campaigns that read membership from events that nobody is in it
     * any more. Refused with a 409 while other segments refer to it.
     *
     * @return false when there was no such segment
     */
    public boolean delete(long id) throws SQLException {
        return data.inTransaction(c -> {
            List<String> users = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT name FROM behaviour_segment WHERE ? = ANY(depends_on) ORDER BY name")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        users.add(r.getString(1));
                    }
                }
            }
            if (!users.isEmpty()) {
                throw new OperationException(409, "segment " + id + " is used by the rules of " + users
                        + "; change those first");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO behaviour_segment_change (segment_id,"
                    + " segment_name, profile_id, change, reason, at) SELECT m.segment_id, g.name, m.profile_id,"
                    + " 'exited', 'segment deleted', now() FROM behaviour_segment_member m JOIN behaviour_segment g"
                    + " ON g.id = m.segment_id WHERE m.segment_id = ? ORDER BY m.profile_id")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM behaviour_segment WHERE id = ?")) {
                s.setLong(1, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** One page of a segment's members, by profile id. */
    public List<Member> members(long segmentId, long afterProfileId, int limit) throws SQLException {
        String sql = "SELECT profile_id, entered_at FROM behaviour_segment_member WHERE segment_id = ?"
                + " AND profile_id > ? ORDER BY profile_id LIMIT ?";
        List<Member> out = new ArrayList<>();
        try (Connection c = data.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, segmentId);
            s.setLong(2, afterProfileId);
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Member(r.getLong(1), r.getTimestamp(2).toInstant()));
                }
            }
        }
        return out;
    }

    /** A member and since when. */
    public record Member(long profileId, Instant enteredAt) {
    }

    /** A segment's size after each refresh since {@code from}, oldest first. */
    public List<SizePoint> sizes(long segmentId, Instant from) throws SQLException {
        String sql = "SELECT at, size FROM behaviour_segment_size WHERE segment_id = ? AND at >= ? ORDER BY at";
        List<SizePoint> out = new ArrayList<>();
        try (Connection c = data.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, segmentId);
            s.setTimestamp(2, Timestamp.from(from));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new SizePoint(r.getTimestamp(1).toInstant(), r.getLong(2)));
                }
            }
        }
        return out;
    }

    /** One point of a segment's size history. */
    public record SizePoint(Instant at, long size) {
    }

    /** The latest entered/exited changes, newest first; of one segment when {@code segmentId} is set. */
    public List<Change> changes(Long segmentId, Long profileId, int limit) throws SQLException {
        String sql = "SELECT id, segment_id, segment_name, profile_id, change, reason, at, emitted"
                + " FROM behaviour_segment_change WHERE (?::bigint IS NULL OR segment_id = ?)"
                + " AND (?::bigint IS NULL OR profile_id = ?) ORDER BY id DESC LIMIT ?";
        List<Change> out = new ArrayList<>();
        try (Connection c = data.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, segmentId);
            s.setObject(2, segmentId);
            s.setObject(3, profileId);
            s.setObject(4, profileId);
            s.setInt(5, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Change(r.getLong(1), r.getLong(2), r.getString(3), r.getLong(4), r.getString(5),
                            r.getString(6), r.getTimestamp(7).toInstant(), r.getBoolean(8)));
                }
            }
        }
        return out;
    }

    /** One recorded membership change. */
    public record Change(long id, long segmentId, String segmentName, long profileId, String change, String reason,
                         Instant at, boolean emitted) {
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<Segment> query(String sql, Binder binder) throws SQLException {
        List<Segment> out = new ArrayList<>();
        try (Connection c = data.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Long[] deps = (Long[]) r.getArray(5).getArray();
                    Timestamp refreshed = r.getTimestamp(11);
                    out.add(new Segment(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                            Arrays.asList(deps), r.getTimestamp(6).toInstant(), r.getTimestamp(7).toInstant(),
                            r.getString(8), r.getBoolean(9), r.getLong(10),
                            refreshed == null ? null : refreshed.toInstant()));
                }
            }
        }
        return out;
    }

    static Array longs(Connection c, java.util.Collection<Long> values) throws SQLException {
        return c.createArrayOf("bigint", values.toArray(new Long[0]));
    }

    private static SQLException nameTaken(SQLException e, String name) {
        if ("23505".equals(e.getSQLState())) {
            throw new OperationException(409, "a segment named '" + name + "' exists already");
        }
        return e;
    }
}
