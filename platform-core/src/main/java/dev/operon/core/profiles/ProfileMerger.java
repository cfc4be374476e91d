package dev.operon.core.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges one profile (the loser) into another (the winner), inside the caller's transaction. Traits and consent
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

    void merge(long loser, long winner, String reason, Long eventId, Instant now) throws SQLException {
        State win = null;
        State lose = null;
        try (PreparedStatement select = connection.prepareStatement(
                "select id, traits, trait_times, consent, consent_times from profile where id in (?, ?) for update")) {
            select.setLong(1, loser);
            select.setLong(2, winner);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    State state = new State((ObjectNode) read(rs.getString(2)), (ObjectNode) read(rs.getString(3)),
                            (ObjectNode) read(rs.getString(4)), (ObjectNode) read(rs.getString(5)));
                    if (rs.getLong(1) == winner) {
                        win = state;
                    } else {
                        lose = state;
                    }
                }
            }
        }
        if (win == null || lose == null) {
            throw new IllegalStateException("cannot merge profile " + loser + " into " + winner + ": one is missing");
        }
        String source = "merge:" + loser;
        combine(win.traits, win.traitTimes, lose.traits, lose.traitTimes, (name, old, value) ->
                history("profile_trait_history", winner, name, old, value, source, now));
        combine(win.consent, win.consentTimes, lose.consent, lose.consentTimes, (name, old, value) ->
                history("profile_consent_history", winner, name, old == null ? null : old.asBoolean(),
                        value.asBoolean(), source, now));
        try (PreparedStatement update = connection.prepareStatement("""
                update profile set traits = ?::jsonb, trait_times = ?::jsonb, consent = ?::jsonb,
                       consent_times = ?::jsonb, updated_at = ? where id = ?""")) {
            update.setString(1, win.traits.toString());
            update.setString(2, win.traitTimes.toString());
            update.setString(3, win.consent.toString());
            update.setString(4, win.consentTimes.toString());
            Sql.setTime(update, 5, now);
            update.setLong(6, winner);
            update.executeUpdate();
        }
        exec("update profile_identity set profile_id = ? where profile_id = ?", winner, loser);
        exec("update profile_trait_history set profile_id = ? where profile_id = ?", winner, loser);
        exec("update profile_consent_history set profile_id = ? where profile_id = ?", winner, loser);
        exec("""
                insert into profile_score (profile_id, name, plugin_id, score, updated_at)
                select ?, name, plugin_id, score, updated_at from profile_score where profile_id = ?
                on conflict (profile_id, name) do nothing""", winner, loser);
        exec("delete from profile_score where profile_id = ?", loser);
        exec("delete from profile_features where profile_id = ?", loser);
        exec("update profile set merged_into = ? where merged_into = ?", winner, loser);
        try (PreparedStatement tomb = connection.prepareStatement("""
                update profile set merged_into = ?, user_id = null, traits = '{}', trait_times = '{}',
                       consent = '{}', consent_times = '{}', updated_at = ? where id = ?""")) {
            tomb.setLong(1, winner);
            Sql.setTime(tomb, 2, now);
            tomb.setLong(3, loser);
            tomb.executeUpdate();
        }
        try (PreparedStatement record = connection.prepareStatement(
                "insert into profile_merge (loser_id, winner_id, reason, event_id, merged_at) values (?, ?, ?, ?, ?)")) {
            record.setLong(1, loser);
            record.setLong(2, winner);
            record.setString(3, reason);
            record.setObject(4, eventId);
            Sql.setTime(record, 5, now);
            record.executeUpdate();
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

    private void history(String table, long profileId, String name, Object old, Object value, String source,
                         Instant now) throws SQLException {
        String column = table.equals("profile_trait_history") ? "trait" : "purpose";
        String cast = table.equals("profile_trait_history") ? "::jsonb" : "";
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " (profile_id, "
                + column + ", old_value, new_value, applied, source, recorded_at) values (?, ?, ?" + cast + ", ?"
                + cast + ", true, ?, ?)")) {
            insert.setLong(1, profileId);
            insert.setString(2, name);
            if (cast.isEmpty()) {
                insert.setObject(3, old);
                insert.setObject(4, value);
            } else {
                insert.setString(3, old == null ? null : old.toString());
                insert.setString(4, value == null ? null : value.toString());
            }
            insert.setString(5, source);
            Sql.setTime(insert, 6, now);
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
