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
        Rows traitRows = new Rows();
        Rows consentRows = new Rows();
        Rows profileRows = new Rows();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, traits, trait_times, consent, consent_times from profile where id = any(?) order by id "
                        + "for update")) {
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
                        String eventTime = event.ts().toString();
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
                                traitRows.add(id, name, old == null ? null : old.toString(),
                                        entry.getValue().toString(), Boolean.toString(applies),
                                        Long.toString(event.id()), eventTime);
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
                            consentRows.add(id, purpose, old == null ? null : Boolean.toString(old.asBoolean()),
                                    choice.getValue().toString(), Boolean.toString(applies),
                                    Long.toString(event.id()), eventTime);
                        }
                    }
                    if (dirty) {
                        changed.add(id);
                    }
                    if (touched) {
                        profileRows.add(id, traits.toString(), traitTimes.toString(), consent.toString(),
                                consentTimes.toString(), Boolean.toString(dirty));
                    }
                }
            }
        }
        // one statement per table over arrays, rather than a statement per row: the identity pass's main cost
        String recorded = now.toString();
        if (!profileRows.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("""
                    update profile p set traits = u.traits::jsonb, trait_times = u.trait_times::jsonb,
                           consent = u.consent::jsonb, consent_times = u.consent_times::jsonb,
                           updated_at = case when u.dirty::boolean then ?::timestamptz else p.updated_at end
                    from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         as u(id, traits, trait_times, consent, consent_times, dirty)
                    where p.id = u.id""")) {
                update.setString(1, recorded);
                profileRows.bind(connection, update, 2);
                update.executeUpdate();
            }
        }
        if (!traitRows.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into profile_trait_history (profile_id, trait, old_value, new_value, applied, source,
                           event_id, event_time, recorded_at)
                    select p, n, o::jsonb, v::jsonb, a::boolean, 'identify', e::bigint, t::timestamptz,
                           ?::timestamptz
                    from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         with ordinality as h(p, n, o, v, a, e, t, i)
                    order by i
                    on conflict (event_id, trait) where event_id is not null do nothing""")) {
                insert.setString(1, recorded);
                traitRows.bind(connection, insert, 2);
                insert.executeUpdate();
            }
        }
        if (!consentRows.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into profile_consent_history (profile_id, purpose, old_value, new_value, applied,
                           source, event_id, event_time, recorded_at)
                    select p, n, o::boolean, v::boolean, a::boolean, 'identify', e::bigint, t::timestamptz,
                           ?::timestamptz
                    from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         with ordinality as h(p, n, o, v, a, e, t, i)
                    order by i
                    on conflict (event_id, purpose) where event_id is not null do nothing""")) {
                insert.setString(1, recorded);
                consentRows.bind(connection, insert, 2);
                insert.executeUpdate();
            }
        }
        return changed;
    }

    /** Rows for one set-based statement: a profile id and text columns, bound as one array per column. */
    private static final class Rows {
        private final List<Long> ids = new ArrayList<>();
        private final List<String[]> values = new ArrayList<>();

        void add(long id, String... columns) {
            ids.add(id);
            values.add(columns);
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }

        /** Binds the id array at {@code first}, then one text array per column. */
        void bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
            statement.setArray(first, Sql.longs(connection, ids));
            int columns = values.get(0).length;
            for (int c = 0; c < columns; c++) {
                String[] column = new String[values.size()];
                for (int r = 0; r < column.length; r++) {
                    column[r] = values.get(r)[c];
                }
                statement.setArray(first + 1 + c, connection.createArrayOf("text", column));
            }
        }
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
