package dev.operon.core.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.privacy.Suppression;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One step of the incremental updater: reads the next events after the cursor (and any that committed late just
 * below it), applies the identity rules, traits and consent, and moves the cursor, all in one transaction that
 * holds the updater's state row (so steps, and erasures, never interleave).
 */
@ApplicationScoped
public class IdentityPass {

    private static final String EVENT_COLUMNS = "id, type, user_id, anonymous_id, previous_id, ts, traits, "
            + "context -> 'consent' as consent";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    ProfilesConfig config;

    @Inject
    Suppression suppression;

    /** What one step did. */
    public record Step(int events, int suppressed, int created, int merges, Set<Long> dirty, Set<Long> gone,
                       boolean more) {
    }

    /** Puts the cursor back to the start, so that the next steps reprocess every event (idempotent). */
    public void rewind() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement reset = connection.prepareStatement(
                         "update profile_update_state set cursor_id = 0, seen_ids = '{}' where id = 1")) {
                reset.executeUpdate();
            } catch (SQLException e) {
                throw Sql.failure(e);
            }
        });
    }

    /** Processes up to {@code batchSize} new events (plus late ones) in one transaction. */
    public Step step(int batchSize) {
        return QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return step(connection, batchSize, Instant.now());
            }
        });
    }

    private Step step(Connection connection, int batchSize, Instant now) throws SQLException {
        long cursor;
        Set<Long> seen = new HashSet<>();
        try (PreparedStatement state = connection.prepareStatement(
                "select cursor_id, seen_ids from profile_update_state where id = 1 for update");
             ResultSet rs = state.executeQuery()) {
            rs.next();
            cursor = rs.getLong(1);
            seen.addAll(Arrays.asList((Long[]) rs.getArray(2).getArray()));
        }
        int overlap = config.overlapIds();
        List<Long> late = new ArrayList<>();
        if (cursor > 0) {
            try (PreparedStatement ids = connection.prepareStatement(
                    "select id from event where id > ? and id <= ?")) {
                ids.setLong(1, Math.max(0, cursor - overlap));
                ids.setLong(2, cursor);
                try (ResultSet rs = ids.executeQuery()) {
                    while (rs.next()) {
                        if (!seen.contains(rs.getLong(1))) {
                            late.add(rs.getLong(1));
                        }
                    }
                }
            }
        }
        List<RawEvent> events = new ArrayList<>();
        if (!late.isEmpty()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "select " + EVENT_COLUMNS + " from event where id = any(?)")) {
                select.setArray(1, Sql.longs(connection, late));
                read(select, events);
            }
        }
        int fresh;
        try (PreparedStatement select = connection.prepareStatement(
                "select " + EVENT_COLUMNS + " from event where id > ? order by id limit ?")) {
            select.setLong(1, cursor);
            select.setInt(2, batchSize);
            int before = events.size();
            read(select, events);
            fresh = events.size() - before;
        }
        events.sort(Comparator.comparingLong(RawEvent::id));
        long newCursor = events.stream().mapToLong(RawEvent::id).max().orElse(cursor);
        newCursor = Math.max(cursor, newCursor);

        int suppressed = dropSuppressed(connection, events);
        Identities identities = load(connection, events);
        for (RawEvent event : events) {
            identities.apply(event);
        }
        write(connection, identities, now);

        TraitUpdates traits = new TraitUpdates(connection, mapper);
        Set<Long> dirty = new LinkedHashSet<>();
        for (RawEvent event : events) {
            Long profile = identities.profileOf(event);
            if (profile != null) {
                dirty.add(profile);
                if ("identify".equals(event.type())) {
                    traits.add(profile, event);
                }
            }
        }
        traits.write(now);
        Set<Long> gone = new HashSet<>();
        for (Identities.Merge merge : identities.merges) {
            gone.add(merge.loser());
            dirty.add(merge.winner());
        }
        dirty.removeAll(gone);

        TreeSet<Long> keep = new TreeSet<>();
        long floor = newCursor - overlap;
        for (Long id : seen) {
            if (id > floor) {
                keep.add(id);
            }
        }
        for (RawEvent event : events) {
            if (event.id() > floor) {
                keep.add(event.id());
            }
        }
        try (PreparedStatement save = connection.prepareStatement(
                "update profile_update_state set cursor_id = ?, seen_ids = ?, last_run_at = ? where id = 1")) {
            save.setLong(1, newCursor);
            save.setArray(2, Sql.longs(connection, keep));
            Sql.setTime(save, 3, now);
            save.executeUpdate();
        }
        return new Step(events.size(), suppressed, identities.created.size(), identities.merges.size(), dirty,
                gone, fresh == batchSize);
    }

    private void read(PreparedStatement select, List<RawEvent> into) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                into.add(new RawEvent(rs.getLong("id"), rs.getString("type"), rs.getString("user_id"),
                        rs.getString("anonymous_id"), rs.getString("previous_id"), Sql.instant(rs, "ts"),
                        json(rs.getString("traits")), json(rs.getString("consent"))));
            }
        }
    }

    /**
     * Deletes the events that belong to an erased subject (they arrived after the erasure, or committed during it):
     * those whose user id is suppressed, those without a user id whose anonymous id is, and aliases from a
     * suppressed id. Their other ids name the same person, so they are suppressed too. An event of another user
     * that merely carries a suppressed anonymous id (a shared device) stays with that user.
     */
    private int dropSuppressed(Connection connection, List<RawEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.addAll(e.ids()));
        Map<String, Long> hits = suppression.suppressedIn(connection, ids);
        if (hits.isEmpty()) {
            return 0;
        }
        List<Long> dropped = new ArrayList<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (RawEvent event : events) {
                Long erasure = erasureOf(event, hits);
                if (erasure != null) {
                    for (String id : event.ids()) {
                        if (!hits.containsKey(id)) {
                            hits.put(id, erasure);
                            suppression.add(connection, id, erasure);
                            grew = true;
                        }
                    }
                }
            }
        }
        events.removeIf(event -> {
            boolean drop = erasureOf(event, hits) != null;
            if (drop) {
                dropped.add(event.id());
            }
            return drop;
        });
        try (PreparedStatement delete = connection.prepareStatement("delete from event where id = any(?)")) {
            delete.setArray(1, Sql.longs(connection, dropped));
            delete.executeUpdate();
        }
        return dropped.size();
    }

    /** The erasure an event belongs to, or null when it belongs to nobody erased. */
    private static Long erasureOf(RawEvent event, Map<String, Long> hits) {
        if (event.userId() != null && hits.containsKey(event.userId())) {
            return hits.get(event.userId());
        }
        if (event.userId() == null && event.anonymousId() != null && hits.containsKey(event.anonymousId())) {
            return hits.get(event.anonymousId());
        }
        if ("alias".equals(event.type()) && event.previousId() != null && hits.containsKey(event.previousId())) {
            return hits.get(event.previousId());
        }
        return null;
    }

    private Identities load(Connection connection, List<RawEvent> events) throws SQLException {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.addAll(e.ids()));
        Deque<Long> allocated = new ArrayDeque<>();
        Identities identities = new Identities(() -> {
            if (allocated.isEmpty()) {
                allocate(connection, allocated, 256);
            }
            return allocated.pop();
        });
        if (ids.isEmpty()) {
            return identities;
        }
        Set<Long> profiles = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select kind, value, profile_id from profile_identity where value = any(?)")) {
            select.setArray(1, Sql.texts(connection, ids));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    identities.known(rs.getString(1), rs.getString(2), rs.getLong(3));
                    profiles.add(rs.getLong(3));
                }
            }
        }
        if (!profiles.isEmpty()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "select id, user_id from profile where id = any(?)")) {
                select.setArray(1, Sql.longs(connection, profiles));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        identities.knownProfile(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        return identities;
    }

    private static void allocate(Connection connection, Deque<Long> into, int count) {
        try (PreparedStatement next = connection.prepareStatement(
                "select nextval('profile_id_seq') from generate_series(1, ?)")) {
            next.setInt(1, count);
            try (ResultSet rs = next.executeQuery()) {
                while (rs.next()) {
                    into.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    private void write(Connection connection, Identities identities, Instant now) throws SQLException {
        // each as one statement over arrays (a statement per row was most of a full update's time)
        if (!identities.created.isEmpty()) {
            List<Long> ids = new ArrayList<>();
            List<String> users = new ArrayList<>();
            for (Identities.NewProfile profile : identities.created) {
                ids.add(profile.id());
                users.add(profile.userId());
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into profile (id, user_id, created_at, updated_at)
                    select i, u, ?, ? from unnest(?::bigint[], ?::text[]) with ordinality as x(i, u, o) order by o""")) {
                Sql.setTime(insert, 1, now);
                Sql.setTime(insert, 2, now);
                insert.setArray(3, Sql.longs(connection, ids));
                insert.setArray(4, Sql.texts(connection, users));
                insert.executeUpdate();
            }
        }
        if (!identities.upgraded.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("""
                    update profile p set user_id = x.u, updated_at = ?
                    from unnest(?::bigint[], ?::text[]) as x(i, u) where p.id = x.i""")) {
                Sql.setTime(update, 1, now);
                update.setArray(2, Sql.longs(connection, identities.upgraded.keySet()));
                update.setArray(3, Sql.texts(connection, identities.upgraded.values()));
                update.executeUpdate();
            }
        }
        if (!identities.joined.isEmpty()) {
            List<String> kinds = new ArrayList<>();
            List<String> values = new ArrayList<>();
            List<Long> profiles = new ArrayList<>();
            List<Long> events = new ArrayList<>();
            for (Identities.NewIdentity identity : identities.joined) {
                kinds.add(identity.kind());
                values.add(identity.value());
                profiles.add(identity.profileId());
                events.add(identity.eventId());
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into profile_identity (kind, value, profile_id, first_event_id, created_at)
                    select k, v, p, e, ? from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[])
                         with ordinality as x(k, v, p, e, o) order by o
                    on conflict (kind, value) do nothing""")) {
                Sql.setTime(insert, 1, now);
                insert.setArray(2, Sql.texts(connection, kinds));
                insert.setArray(3, Sql.texts(connection, values));
                insert.setArray(4, Sql.longs(connection, profiles));
                insert.setArray(5, Sql.longs(connection, events));
                insert.executeUpdate();
            }
        }
        new ProfileMerger(connection, mapper).mergeAll(identities.merges, now);
    }

    private JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
