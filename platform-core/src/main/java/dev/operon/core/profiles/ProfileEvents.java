package dev.operon.core.profiles;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.sdk.events.Event;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which events belong to a profile, resolved through {@code profile_identity} (events are never rewritten): an
 * event with a user id belongs to that user id's profile; one without belongs to its anonymous id's profile.
 */
@ApplicationScoped
public class ProfileEvents {

    /** Selects an event as the SDK shows it, its profile resolved now. Alias {@code e}. */
    public static final String EVENT_COLUMNS = """
            e.id, e.message_id, e.type, e.name, e.user_id, e.anonymous_id, e.ts, e.received_at, e.properties,
            e.traits, e.context,
            coalesce((select i.profile_id from profile_identity i where i.kind = 'user' and i.value = e.user_id),
                     case when e.user_id is null then (select i.profile_id from profile_identity i
                          where i.kind = 'anonymous' and i.value = e.anonymous_id) end) as profile_id
            """;
    /** A condition on alias {@code e} with two parameters: the profile's user ids and anonymous ids. */
    public static final String OF_PROFILE = "(e.user_id = any(?) or (e.user_id is null and e.anonymous_id = any(?)))";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** The ids of a live profile: user ids and anonymous ids (parameters of {@link #OF_PROFILE}). */
    public record Ids(long profileId, String[] userIds, String[] anonymousIds) {
    }

    /** The ids of the live profile {@code profileId} names (following merges), or empty when there is none. */
    public Optional<Ids> idsOf(long profileId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement live = connection.prepareStatement(
                     "select coalesce(merged_into, id) from profile where id = ?");
             PreparedStatement ids = connection.prepareStatement(
                     "select kind, value from profile_identity where profile_id = ?")) {
            live.setLong(1, profileId);
            long id;
            try (ResultSet rs = live.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getLong(1);
            }
            ids.setLong(1, id);
            List<String> users = new ArrayList<>();
            List<String> anonymous = new ArrayList<>();
            try (ResultSet rs = ids.executeQuery()) {
                while (rs.next()) {
                    (Identities.USER.equals(rs.getString(1)) ? users : anonymous).add(rs.getString(2));
                }
            }
            return Optional.of(new Ids(id, users.toArray(new String[0]), anonymous.toArray(new String[0])));
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** Maps a row selected with {@link #EVENT_COLUMNS}. */
    public Event map(ResultSet rs) throws SQLException {
        long profile = rs.getLong("profile_id");
        Long profileId = rs.wasNull() ? null : profile;
        return new Event(rs.getLong("id"), rs.getString("message_id"), rs.getString("type"), rs.getString("name"),
                rs.getString("user_id"), rs.getString("anonymous_id"), profileId, Sql.instant(rs, "ts"),
                Sql.instant(rs, "received_at"), json(rs.getString("properties")), json(rs.getString("traits")));
    }

    /** A JSON object column as a map (empty when null). */
    public Map<String, Object> json(String text) {
        try {
            return text == null ? Map.of() : mapper.readValue(text, MAP);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
