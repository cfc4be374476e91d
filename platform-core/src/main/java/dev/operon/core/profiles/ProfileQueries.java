package dev.operon.core.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.db.Jdbc;
import dev.operon.sdk.profiles.Profile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The reads behind the profiles API (and the privacy export). */
@ApplicationScoped
public class ProfileQueries {

    @Inject
    Jdbc jdbc;

    @Inject
    ProfileReader reader;

    @Inject
    ProfileEvents events;

    @Inject
    ObjectMapper mapper;

    /** Profiles by user id, anonymous id or trait (name, optionally its value as text), in id order after {@code after}. */
    public ProfileViews.SummaryPage search(String userId, String anonymousId, String trait, String value, long after,
                                           int limit) {
        StringBuilder sql = new StringBuilder("""
                select p.id, p.user_id, p.traits, p.updated_at, f.last_seen,
                       (select array_agg(i.value order by i.value) from profile_identity i
                         where i.profile_id = p.id and i.kind = 'anonymous') as anonymous_ids
                  from profile p left join profile_features f on f.profile_id = p.id
                 where p.merged_into is null and p.id > ?""");
        List<Object> args = new ArrayList<>();
        args.add(after);
        if (userId != null) {
            sql.append(" and p.id in (select profile_id from profile_identity where kind = 'user' and value = ?)");
            args.add(userId);
        }
        if (anonymousId != null) {
            sql.append(" and p.id in (select profile_id from profile_identity where kind = 'anonymous' and value = ?)");
            args.add(anonymousId);
        }
        if (trait != null) {
            sql.append(value == null ? " and p.traits ?? ?" : " and p.traits ->> ? = ?");
            args.add(trait);
            if (value != null) {
                args.add(value);
            }
        }
        sql.append(" order by p.id limit ?");
        args.add(limit + 1);
        List<ProfileViews.Summary> items = new ArrayList<>(jdbc.list(sql.toString(), rs -> new ProfileViews.Summary(rs.getLong("id"), rs.getString("user_id"),
                texts(rs, "anonymous_ids"), events.json(rs.getString("traits")), Sql.instant(rs, "last_seen"),
                Sql.instant(rs, "updated_at")), args.toArray()));
        Long next = null;
        if (items.size() > limit) {
            items.remove(limit);
            next = items.get(limit - 1).id();
        }
        return new ProfileViews.SummaryPage(items, next);
    }

    /** Everything about the profile (or the one it was merged into). */
    public ProfileViews.Detail detail(long profileId) {
        Profile profile = reader.get(profileId).orElseThrow(() -> ApiException.notFound("no profile " + profileId));
        long id = profile.id();
        List<ProfileViews.Identity> identities = jdbc.list("""
                select kind, value, first_event_id, created_at from profile_identity where profile_id = ?
                 order by kind desc, created_at, value""", rs -> new ProfileViews.Identity(rs.getString(1),
                rs.getString(2), (Long) rs.getObject(3), Sql.instant(rs, "created_at")), id);
        List<Long> merged = jdbc.list("select id from profile where merged_into = ? order by id",
                rs -> rs.getLong(1), id);
        List<ProfileViews.Merge> merges = jdbc.list("""
                select loser_id, winner_id, reason, event_id, merged_at from profile_merge
                 where winner_id = ? or loser_id = any(?) order by id""", rs -> new ProfileViews.Merge(rs.getLong(1),
                rs.getLong(2), rs.getString(3), (Long) rs.getObject(4), Sql.instant(rs, "merged_at")), id,
                merged.toArray(new Long[0]));
        Map<String, Object> explicit = jdbc.one("select consent from profile where id = ?",
                rs -> events.json(rs.getString(1)), id).orElse(Map.of());
        return new ProfileViews.Detail(id, profile.userId(), identities, merged, profile.traits(),
                profile.features(), profile.consent().purposes(), explicit, profile.scores(), merges,
                profile.createdAt(), profile.updatedAt());
    }

    /** The profile's events, newest first, older than {@code before} (a token from a previous page). */
    public ProfileViews.Timeline timeline(long profileId, String before, int limit) {
        ProfileEvents.Ids ids = events.idsOf(profileId)
                .orElseThrow(() -> ApiException.notFound("no profile " + profileId));
        List<Object> args = new ArrayList<>();
        args.add(ids.userIds());
        args.add(ids.anonymousIds());
        String page = "";
        if (before != null) {
            int tilde = before.lastIndexOf('~');
            try {
                Instant ts = Instant.parse(before.substring(0, Math.max(0, tilde)));
                long id = Long.parseLong(before.substring(tilde + 1));
                page = " and (e.ts, e.id) < (?, ?)";
                args.add(ts);
                args.add(id);
            } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
                throw ApiException.invalid("before", "must be the 'next' value of a previous page");
            }
        }
        args.add(limit + 1);
        List<ProfileViews.TimelineEvent> items = new ArrayList<>(jdbc.list("""
                select e.id, e.message_id, e.type, e.name, e.user_id, e.anonymous_id, e.ts, e.received_at,
                       e.properties, e.traits, e.context -> 'operon' ->> 'plugin' as plugin
                  from event e where """ + ProfileEvents.OF_PROFILE + page
                + " order by e.ts desc, e.id desc limit ?", this::timelineEvent, args.toArray()));
        String next = null;
        if (items.size() > limit) {
            items.remove(limit);
            ProfileViews.TimelineEvent last = items.get(limit - 1);
            next = last.timestamp() + "~" + last.id();
        }
        return new ProfileViews.Timeline(items, next);
    }

    /** Every event of the profile, oldest first (for the export). */
    public List<ProfileViews.TimelineEvent> allEvents(ProfileEvents.Ids ids) {
        return jdbc.list("""
                select e.id, e.message_id, e.type, e.name, e.user_id, e.anonymous_id, e.ts, e.received_at,
                       e.properties, e.traits, e.context -> 'operon' ->> 'plugin' as plugin
                  from event e where """ + ProfileEvents.OF_PROFILE + " order by e.ts, e.id",
                this::timelineEvent, ids.userIds(), ids.anonymousIds());
    }

    /** Trait changes, newest first, optionally of one trait, with ids below {@code before}. */
    public ProfileViews.TraitHistory traitHistory(long profileId, String trait, Long before, int limit) {
        long id = reader.live(profileId).orElseThrow(() -> ApiException.notFound("no profile " + profileId));
        List<Object> args = new ArrayList<>();
        args.add(id);
        StringBuilder sql = new StringBuilder("""
                select id, trait, old_value, new_value, applied, source, event_id, event_time, recorded_at
                  from profile_trait_history where profile_id = ?""");
        if (trait != null) {
            sql.append(" and trait = ?");
            args.add(trait);
        }
        if (before != null) {
            sql.append(" and id < ?");
            args.add(before);
        }
        sql.append(" order by id desc limit ?");
        args.add(limit + 1);
        List<ProfileViews.TraitChange> items = new ArrayList<>(jdbc.list(sql.toString(),
                rs -> new ProfileViews.TraitChange(rs.getLong("id"), rs.getString("trait"),
                        value(rs.getString("old_value")), value(rs.getString("new_value")), rs.getBoolean("applied"),
                        rs.getString("source"), (Long) rs.getObject("event_id"), Sql.instant(rs, "event_time"),
                        Sql.instant(rs, "recorded_at")), args.toArray()));
        Long next = null;
        if (items.size() > limit) {
            items.remove(limit);
            next = items.get(limit - 1).id();
        }
        return new ProfileViews.TraitHistory(items, next);
    }

    /** Every consent change of the profile, oldest first. */
    public List<ProfileViews.ConsentChange> consentHistory(long profileId) {
        return jdbc.list("""
                select id, purpose, old_value, new_value, applied, source, event_id, event_time, recorded_at
                  from profile_consent_history where profile_id = ? order by id""",
                rs -> new ProfileViews.ConsentChange(rs.getLong("id"), rs.getString("purpose"),
                        (Boolean) rs.getObject("old_value"), (Boolean) rs.getObject("new_value"),
                        rs.getBoolean("applied"), rs.getString("source"), (Long) rs.getObject("event_id"),
                        Sql.instant(rs, "event_time"), Sql.instant(rs, "recorded_at")), profileId);
    }

    private ProfileViews.TimelineEvent timelineEvent(ResultSet rs) throws SQLException {
        return new ProfileViews.TimelineEvent(rs.getLong("id"), rs.getString("message_id"), rs.getString("type"),
                rs.getString("name"), rs.getString("user_id"), rs.getString("anonymous_id"), Sql.instant(rs, "ts"),
                Sql.instant(rs, "received_at"), events.json(rs.getString("properties")),
                events.json(rs.getString("traits")), rs.getString("plugin"));
    }

    private Object value(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(json);
            return mapper.treeToValue(node, Object.class);
        } catch (IOException e) {
            return json;
        }
    }

    private static List<String> texts(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
