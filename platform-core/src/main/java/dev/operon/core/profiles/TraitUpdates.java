package dev.operon.core.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies the traits and consent choices of {@code identify} events to their profiles: per trait (or purpose) the
 * value of the later event wins, whatever order the events arrive in; every assignment is kept in the history,
 * marked applied or not. Reprocessing an event changes nothing (the history is unique per event and name).
 */
final class TraitUpdates {

    private final Connection connection;
    private final ObjectMapper mapper;
    private final Map<Long, List<RawEvent>> byProfile = new LinkedHashMap<>();

    TraitUpdates(Connection connection, ObjectMapper mapper) {
        this.connection = connection;
        this.mapper = mapper;
    }

    /** Queues an event's traits and consent for its profile, when it has any. */
    void add(long profileId, RawEvent event) {
        boolean traits = event.traits() != null && event.traits().isObject() && !event.traits().isEmpty();
        if (traits || !consentOf(event.consent()).isEmpty()) {
            byProfile.computeIfAbsent(profileId, k -> new ArrayList<>()).add(event);
        }
    }

    /**
     * The purposes of a {@code context.consent} object: {@code {"analytics": true, "marketing": false}}; the
     * {@code categoryPreferences} object some Segment libraries send is read the same way. Non-boolean values are
     * ignored; purpose names are lower-cased.
     */
    static Map<String, Boolean> consentOf(JsonNode consent) {
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        if (consent == null || !consent.isObject()) {
            return purposes;
        }
        List<JsonNode> sources = new ArrayList<>();
        sources.add(consent);
        if (consent.path("categoryPreferences").isObject()) {
            sources.add(consent.get("categoryPreferences"));
        }
        for (JsonNode source : sources) {
            for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getValue().isBoolean()) {
                    purposes.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().booleanValue());
                }
            }
        }
        return purposes;
    }

    /** Writes what was queued. Returns the profiles whose traits or consent changed. */
    List<Long> write(Instant now) throws SQLException {
        List<Long> changed = new ArrayList<>();
        if (byProfile.isEmpty()) {
            return changed;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select id, traits, trait_times, consent, consent_times from profile where id = any(?) order by id "
                        + "for update");
             PreparedStatement update = connection.prepareStatement("""
                     update profile set traits = ?::jsonb, trait_times = ?::jsonb, consent = ?::jsonb,
                            consent_times = ?::jsonb, updated_at = coalesce(?, updated_at) where id = ?""");
             PreparedStatement traitHistory = connection.prepareStatement("""
                     insert into profile_trait_history (profile_id, trait, old_value, new_value, applied, source,
                            event_id, event_time, recorded_at)
                     values (?, ?, ?::jsonb, ?::jsonb, ?, 'identify', ?, ?, ?)
                     on conflict (event_id, trait) where event_id is not null do nothing""");
             PreparedStatement consentHistory = connection.prepareStatement("""
                     insert into profile_consent_history (profile_id, purpose, old_value, new_value, applied,
                            source, event_id, event_time, recorded_at)
                     values (?, ?, ?, ?, ?, 'identify', ?, ?, ?)
                     on conflict (event_id, purpose) where event_id is not null do nothing""")) {
            select.setArray(1, Sql.longs(connection, byProfile.keySet()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    ObjectNode traits = object(rs.getString(2));
                    ObjectNode traitTimes = object(rs.getString(3));
                    ObjectNode consent = object(rs.getString(4));
                    ObjectNode consentTimes = object(rs.getString(5));
                    boolean dirty = false;
                    boolean touched = false;
                    for (RawEvent event : byProfile.getOrDefault(id, List.of())) {
                        Stamp stamp = new Stamp(event.ts(), event.id());
                        if (event.traits() != null && event.traits().isObject()) {
                            for (Iterator<Map.Entry<String, JsonNode>> it = event.traits().fields(); it.hasNext(); ) {
                                Map.Entry<String, JsonNode> entry = it.next();
                                String name = entry.getKey();
                                JsonNode old = traits.get(name);
                                boolean applies = stamp.after(Stamp.of(traitTimes.get(name)));
                                if (applies) {
                                    touched = true;
                                    dirty |= old == null || !old.equals(entry.getValue());
                                    traits.set(name, entry.getValue());
                                    traitTimes.set(name, stamp.json());
                                }
                                traitHistory.setLong(1, id);
                                traitHistory.setString(2, name);
                                traitHistory.setString(3, old == null ? null : old.toString());
                                traitHistory.setString(4, entry.getValue().toString());
                                traitHistory.setBoolean(5, applies);
                                traitHistory.setLong(6, event.id());
                                Sql.setTime(traitHistory, 7, event.ts());
                                Sql.setTime(traitHistory, 8, now);
                                traitHistory.addBatch();
                            }
                        }
                        for (Map.Entry<String, Boolean> choice : consentOf(event.consent()).entrySet()) {
                            String purpose = choice.getKey();
                            JsonNode old = consent.get(purpose);
                            boolean applies = stamp.after(Stamp.of(consentTimes.get(purpose)));
                            if (applies) {
                                touched = true;
                                dirty |= old == null || old.asBoolean() != choice.getValue();
                                consent.put(purpose, choice.getValue());
                                consentTimes.set(purpose, stamp.json());
                            }
                            consentHistory.setLong(1, id);
                            consentHistory.setString(2, purpose);
                            consentHistory.setObject(3, old == null ? null : old.asBoolean());
                            consentHistory.setBoolean(4, choice.getValue());
                            consentHistory.setBoolean(5, applies);
                            consentHistory.setLong(6, event.id());
                            Sql.setTime(consentHistory, 7, event.ts());
                            Sql.setTime(consentHistory, 8, now);
                            consentHistory.addBatch();
                        }
                    }
                    if (dirty) {
                        changed.add(id);
                    }
                    update.setString(1, traits.toString());
                    update.setString(2, traitTimes.toString());
                    update.setString(3, consent.toString());
                    update.setString(4, consentTimes.toString());
                    Sql.setTime(update, 5, dirty ? now : null);
                    update.setLong(6, id);
                    if (touched) {
                        update.addBatch();
                    }
                }
            }
            update.executeBatch();
            traitHistory.executeBatch();
            consentHistory.executeBatch();
        }
        return changed;
    }

    private ObjectNode object(String json) {
        try {
            JsonNode node = json == null ? null : mapper.readTree(json);
            return node instanceof ObjectNode o ? o : mapper.createObjectNode();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable profile JSON", e);
        }
    }
}
