package dev.operon.core.profiles;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.WindowCounts;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Reads profiles as the SDK shows them, resolving merged ids and applying the consent defaults. */
@ApplicationScoped
public class ProfileReader {

    static final String COLUMNS = """
            p.id, p.user_id, p.traits, p.consent, p.created_at, p.updated_at,
            (select array_agg(i.value order by i.value) from profile_identity i
              where i.profile_id = p.id and i.kind = 'anonymous') as anonymous_ids,
            f.first_seen, f.last_seen, f.events, f.sessions, f.counts, f.frequency, f.monetary, f.last_revenue_at,
            f.computed_at,
            (select jsonb_object_agg(s.name, s.score) from profile_score s where s.profile_id = p.id) as scores
            """;
    static final String FROM = " from profile p left join profile_features f on f.profile_id = p.id ";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Map<String, Object>>> SCORES = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    ProfilesConfig config;

    /** The live profile an id names: itself, or the profile it was merged into. */
    public Optional<Long> live(long profileId) {
        return one("select coalesce(merged_into, id) from profile where id = ?", profileId);
    }

    /** The live profile of a user id or, failing that, of an anonymous id. */
    public Optional<Long> resolve(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select profile_id from profile_identity where value = ?
                      order by case kind when 'user' then 0 else 1 end limit 1""")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** The profile with this id (or the one it was merged into). */
    public Optional<Profile> get(long profileId) {
        Optional<Long> live = live(profileId);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        List<Profile> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + COLUMNS + FROM + "where p.id = ?")) {
            select.setLong(1, live.get());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(map(rs));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
        return found.stream().findFirst();
    }

    /** Streams the matching profiles in id order through a server-side cursor. */
    public void forEach(ProfileQuery query, Consumer<Profile> action) {
        List<Object> args = new ArrayList<>();
        String sql = "select " + COLUMNS + FROM + where(query, args) + " order by p.id"
                + (query.limit() > 0 ? " limit " + query.limit() : "");
        Streaming.query(dataSource, sql, args, 500, rs -> action.accept(map(rs)));
    }

    public long count(ProfileQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = "select count(*) from (select p.id from profile p " + where(query, args)
                + (query.limit() > 0 ? " limit " + query.limit() : "") + ") c";
        long[] count = {0};
        Streaming.query(dataSource, sql, args, 0, rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private String where(ProfileQuery query, List<Object> args) {
        StringBuilder where = new StringBuilder(" where p.merged_into is null and p.id > ?");
        args.add(query.afterId());
        if (query.updatedSince() != null) {
            where.append(" and p.updated_at >= ?");
            args.add(Sql.time(query.updatedSince()));
        }
        if (query.purpose() != null) {
            where.append(" and ").append(ConsentRule.sql("p"));
            args.add(query.purpose());
            args.add(config.defaultConsent(query.purpose()));
        }
        return where.toString();
    }

    /** Maps a row selected with {@link #COLUMNS}. */
    Profile map(ResultSet rs) throws SQLException {
        Map<String, Object> traits = json(rs.getString("traits"), MAP);
        Map<String, Map<String, Object>> scores = json(rs.getString("scores"), SCORES);
        Array anonymous = rs.getArray("anonymous_ids");
        List<String> anonymousIds = anonymous == null ? List.of() : List.of((String[]) anonymous.getArray());
        Instant updatedAt = Sql.instant(rs, "updated_at");
        return new Profile(rs.getLong("id"), rs.getString("user_id"), anonymousIds, traits, features(rs, updatedAt),
                consent(rs.getString("consent")), scores, Sql.instant(rs, "created_at"), updatedAt);
    }

    private ProfileFeatures features(ResultSet rs, Instant updatedAt) throws SQLException {
        Instant computedAt = Sql.instant(rs, "computed_at");
        if (computedAt == null) {
            return ProfileFeatures.none(updatedAt);
        }
        Map<String, WindowCounts> counts = new LinkedHashMap<>();
        JsonNode node = tree(rs.getString("counts"));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode c = entry.getValue();
            counts.put(entry.getKey(), new WindowCounts(c.path(0).asLong(), c.path(1).asLong(), c.path(2).asLong()));
        }
        Instant lastRevenue = Sql.instant(rs, "last_revenue_at");
        Double recency = lastRevenue == null ? null
                : Duration.between(lastRevenue, computedAt).toMillis() / 86_400_000.0;
        return new ProfileFeatures(Sql.instant(rs, "first_seen"), Sql.instant(rs, "last_seen"), rs.getLong("events"),
                rs.getLong("sessions"), counts, rs.getLong("frequency"), rs.getDouble("monetary"), recency,
                computedAt);
    }

    /** The effective consent: the configured defaults, overridden by the user's explicit choices. */
    Consent consent(String explicitJson) {
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        for (String purpose : new TreeSet<>(ConsentRule.purposes(config))) {
            purposes.put(purpose, config.defaultConsent(purpose));
        }
        JsonNode explicit = tree(explicitJson);
        explicit.fields().forEachRemaining(e -> purposes.put(e.getKey(), e.getValue().asBoolean()));
        return new Consent(purposes);
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? mapper.createObjectNode() : mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable profile JSON", e);
        }
    }

    private <T> T json(String json, TypeReference<T> type) {
        try {
            return json == null ? null : mapper.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable profile JSON", e);
        }
    }

    private Optional<Long> one(String sql, long arg) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, arg);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }
}
