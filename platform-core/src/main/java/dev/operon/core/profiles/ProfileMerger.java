package dev.operon.core.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merges profiles (each loser into its winner), inside the caller's transaction. Traits and consent
 * choices: per name, the value set by the later event wins (a tie keeps the winner's). The loser's ids, trait and
 * consent history and scores (those the winner has no value for) move to the winner; the loser stays as a tombstone
 * whose {@code merged_into} names the winner, so its old id keeps resolving.
 */
final class ProfileMerger {

    private final Connection connection;
    private final ObjectMapper mapper;

    ProfileMerger(Connection connection, ObjectMapper mapper) {
        this.connection = connection;
        this.mapper = mapper;
    }

    /**
     * Applies merges in their order with a fixed number of statements, whatever their count: the profiles involved
     * are read (and locked) once, the merges are combined in memory in order, and each table is written by one
     * statement over arrays. The result is what applying them one by one gives: a loser's ids, history, features
     * and tombstone pointers end at its final winner (a winner that loses later in the list passes them on).
     */
    void mergeAll(List<Identities.Merge> merges, Instant now) throws SQLException {
        if (merges.isEmpty()) {
            return;
        }
        Set<Long> involved = new TreeSet<>();
        merges.forEach(m -> {
            involved.add(m.loser());
            involved.add(m.winner());
        });
        Map<Long, State> states = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, traits, trait_times, consent, consent_times from profile where id = any(?) order by id "
                        + "for update")) {
            select.setArray(1, Sql.longs(connection, involved));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getLong(1), new State((ObjectNode) read(rs.getString(2)),
                            (ObjectNode) read(rs.getString(3)), (ObjectNode) read(rs.getString(4)),
                            (ObjectNode) read(rs.getString(5))));
                }
            }
        }
        List<Object[]> traitHistory = new ArrayList<>();
        List<Object[]> consentHistory = new ArrayList<>();
        Map<Long, Long> finalWinner = new LinkedHashMap<>();
        for (Identities.Merge merge : merges) {
            long loser = merge.loser();
            long winner = merge.winner();
            State win = states.get(winner);
            State lose = states.get(loser);
            if (win == null || lose == null) {
                throw new IllegalStateException("cannot merge profile " + loser + " into " + winner
                        + ": one is missing (or merged earlier in this step)");
            }
            String source = "merge:" + loser;
            combine(win.traits, win.traitTimes, lose.traits, lose.traitTimes, (name, old, value) ->
                    traitHistory.add(new Object[] {winner, name, old == null ? null : old.toString(),
                            value == null ? null : value.toString(), source}));
            combine(win.consent, win.consentTimes, lose.consent, lose.consentTimes, (name, old, value) ->
                    consentHistory.add(new Object[] {winner, name, old == null ? null : Boolean.toString(
                            old.asBoolean()), Boolean.toString(value.asBoolean()), source}));
            states.remove(loser);
            for (Map.Entry<Long, Long> entry : finalWinner.entrySet()) {
                if (entry.getValue() == loser) {
                    entry.setValue(winner);
                }
            }
            finalWinner.put(loser, winner);
        }
        String recorded = now.toString();
        history("profile_trait_history", "trait", "jsonb", traitHistory, recorded);
        history("profile_consent_history", "purpose", "boolean", consentHistory, recorded);

        List<Long> survivors = new ArrayList<>(states.keySet());
        List<String> traits = new ArrayList<>();
        List<String> traitTimes = new ArrayList<>();
        List<String> consent = new ArrayList<>();
        List<String> consentTimes = new ArrayList<>();
        for (Long id : survivors) {
            State state = states.get(id);
            traits.add(state.traits.toString());
            traitTimes.add(state.traitTimes.toString());
            consent.add(state.consent.toString());
            consentTimes.add(state.consentTimes.toString());
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update profile p set traits = u.t::jsonb, trait_times = u.tt::jsonb, consent = u.c::jsonb,
                       consent_times = u.ct::jsonb, updated_at = ?
                from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) as u(id, t, tt, c, ct)
                where p.id = u.id""")) {
            Sql.setTime(update, 1, now);
            update.setArray(2, Sql.longs(connection, survivors));
            update.setArray(3, Sql.texts(connection, traits));
            update.setArray(4, Sql.texts(connection, traitTimes));
            update.setArray(5, Sql.texts(connection, consent));
            update.setArray(6, Sql.texts(connection, consentTimes));
            update.executeUpdate();
        }
        Array losers = Sql.longs(connection, finalWinner.keySet());
        Array winners = Sql.longs(connection, finalWinner.values());
        for (String table : List.of("profile_identity", "profile_trait_history", "profile_consent_history")) {
            try (PreparedStatement move = connection.prepareStatement("update " + table + " t set profile_id = x.w"
                    + " from unnest(?::bigint[], ?::bigint[]) as x(l, w) where t.profile_id = x.l")) {
                move.setArray(1, losers);
                move.setArray(2, winners);
                move.executeUpdate();
            }
        }
        moveScores(merges);
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from profile_features where profile_id = any(?)")) {
            delete.setArray(1, losers);
            delete.executeUpdate();
        }
        // earlier tombstones that named a loser now name its final winner; then the losers become tombstones
        try (PreparedStatement repoint = connection.prepareStatement("""
                update profile p set merged_into = x.w from unnest(?::bigint[], ?::bigint[]) as x(l, w)
                where p.merged_into = x.l""")) {
            repoint.setArray(1, losers);
            repoint.setArray(2, winners);
            repoint.executeUpdate();
        }
        try (PreparedStatement tomb = connection.prepareStatement("""
                update profile p set merged_into = x.w, user_id = null, traits = '{}', trait_times = '{}',
                       consent = '{}', consent_times = '{}', updated_at = ?
                from unnest(?::bigint[], ?::bigint[]) as x(l, w) where p.id = x.l""")) {
            Sql.setTime(tomb, 1, now);
            tomb.setArray(2, losers);
            tomb.setArray(3, winners);
            tomb.executeUpdate();
        }
        List<Long> recordLosers = new ArrayList<>();
        List<Long> recordWinners = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<Long> events = new ArrayList<>();
        for (Identities.Merge merge : merges) {
            recordLosers.add(merge.loser());
            recordWinners.add(merge.winner());
            reasons.add(merge.reason());
            events.add(merge.eventId());
        }
        try (PreparedStatement record = connection.prepareStatement("""
                insert into profile_merge (loser_id, winner_id, reason, event_id, merged_at)
                select l, w, r, e, ? from unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[])
                     with ordinality as x(l, w, r, e, o) order by o""")) {
            Sql.setTime(record, 1, now);
            record.setArray(2, Sql.longs(connection, recordLosers));
            record.setArray(3, Sql.longs(connection, recordWinners));
            record.setArray(4, Sql.texts(connection, reasons));
            record.setArray(5, Sql.longs(connection, events));
            record.executeUpdate();
        }
    }

    /**
     * Scores move merge by merge (a winner keeps its own score of a name; the order decides between losers), but
     * only when a loser has any: in the usual case this is one query.
     */
    private void moveScores(List<Identities.Merge> merges) throws SQLException {
        Set<Long> losers = new HashSet<>();
        merges.forEach(m -> losers.add(m.loser()));
        boolean any;
        try (PreparedStatement probe = connection.prepareStatement(
                "select exists (select 1 from profile_score where profile_id = any(?))")) {
            probe.setArray(1, Sql.longs(connection, losers));
            try (ResultSet rs = probe.executeQuery()) {
                rs.next();
                any = rs.getBoolean(1);
            }
        }
        if (!any) {
            return;
        }
        for (Identities.Merge merge : merges) {
            exec("""
                    insert into profile_score (profile_id, name, plugin_id, score, updated_at)
                    select ?, name, plugin_id, score, updated_at from profile_score where profile_id = ?
                    on conflict (profile_id, name) do nothing""", merge.winner(), merge.loser());
            exec("delete from profile_score where profile_id = ?", merge.loser());
        }
    }

    @FunctionalInterface
    private interface Changed {
        void on(String name, JsonNode old, JsonNode value) throws SQLException;
    }

    private static void combine(ObjectNode values, ObjectNode times, ObjectNode otherValues, ObjectNode otherTimes,
                                Changed changed) throws SQLException {
        for (Iterator<Map.Entry<String, JsonNode>> it = otherValues.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            Stamp theirs = Stamp.of(otherTimes.get(name));
            Stamp ours = Stamp.of(times.get(name));
            boolean absent = !values.has(name);
            if (absent || (theirs != null && theirs.after(ours))) {
                JsonNode old = values.get(name);
                values.set(name, entry.getValue());
                if (theirs != null) {
                    times.set(name, theirs.json());
                }
                if (old == null || !old.equals(entry.getValue())) {
                    changed.on(name, old, entry.getValue());
                }
            }
        }
    }

    /** Inserts history rows {@code {profile, name, old, new, source}} in order, as one statement. */
    private void history(String table, String column, String type, List<Object[]> rows, String recorded)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<Long> profiles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> olds = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Object[] row : rows) {
            profiles.add((Long) row[0]);
            names.add((String) row[1]);
            olds.add((String) row[2]);
            values.add((String) row[3]);
            sources.add((String) row[4]);
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " (profile_id, "
                + column + ", old_value, new_value, applied, source, recorded_at) select p, n, o::" + type + ", v::"
                + type + ", true, s, ?::timestamptz from unnest(?::bigint[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[]) with ordinality as h(p, n, o, v, s, i) order by i")) {
            insert.setString(1, recorded);
            insert.setArray(2, Sql.longs(connection, profiles));
            insert.setArray(3, Sql.texts(connection, names));
            insert.setArray(4, Sql.texts(connection, olds));
            insert.setArray(5, Sql.texts(connection, values));
            insert.setArray(6, Sql.texts(connection, sources));
            insert.executeUpdate();
        }
    }

    private void exec(String sql, long... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setLong(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    private JsonNode read(String json) {
        try {
            return json == null ? mapper.createObjectNode() : mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable profile JSON", e);
        }
    }

    private record State(ObjectNode traits, ObjectNode traitTimes, ObjectNode consent, ObjectNode consentTimes) {
    }
}
