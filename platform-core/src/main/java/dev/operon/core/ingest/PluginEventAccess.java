package dev.operon.core.ingest;

import dev.operon.core.profiles.ProfileEvents;
import dev.operon.core.profiles.ProfileReader;
import dev.operon.core.profiles.Streaming;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.profiles.Profile;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Hands each plugin its view of the event store (SDK {@link Events}). */
@ApplicationScoped
public class PluginEventAccess {

    /** Rows PostgreSQL sends per round trip while streaming. */
    static final int FETCH_SIZE = 1000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ProfileEvents profileEvents;

    @Inject
    ProfileReader profiles;

    @Inject
    PluginEventAppender appender;

    /** The events service of one plugin; appended events name the plugin as their source. */
    public Events forPlugin(String pluginId) {
        return new Events() {
            @Override
            public void forEach(EventQuery query, Consumer<Event> action) {
                Objects.requireNonNull(action, "action");
                List<Object> args = new ArrayList<>();
                Optional<String> where = where(Objects.requireNonNull(query, "query"), args);
                if (where.isEmpty()) {
                    return;
                }
                String sql = "select " + ProfileEvents.EVENT_COLUMNS + " from event e" + where.get()
                        + " order by e.id" + (query.limit() > 0 ? " limit " + query.limit() : "");
                Streaming.query(dataSource, sql, args, FETCH_SIZE, rs -> action.accept(profileEvents.map(rs)));
            }

            @Override
            public long count(EventQuery query) {
                List<Object> args = new ArrayList<>();
                Optional<String> where = where(Objects.requireNonNull(query, "query"), args);
                if (where.isEmpty()) {
                    return 0;
                }
                String sql = "select count(*) from (select 1 from event e" + where.get()
                        + (query.limit() > 0 ? " limit " + query.limit() : "") + ") c";
                long[] count = {0};
                Streaming.query(dataSource, sql, args, 0, rs -> count[0] = rs.getLong(1));
                return count[0];
            }

            @Override
            public String track(long profileId, String event, Map<String, Object> properties) {
                if (event == null || event.isBlank() || event.length() > 200) {
                    throw new IllegalArgumentException("event name must be 1-200 characters");
                }
                Profile profile = profiles.get(profileId)
                        .orElseThrow(() -> new IllegalArgumentException("no profile " + profileId));
                String anonymousId = profile.userId() != null || profile.anonymousIds().isEmpty() ? null
                        : profile.anonymousIds().get(0);
                if (profile.userId() == null && anonymousId == null) {
                    throw new IllegalArgumentException("profile " + profileId + " has no id to send events for");
                }
                return appender.append(pluginId, profile.userId(), anonymousId, event, properties);
            }
        };
    }

    /** The WHERE clause of a query, or empty when it cannot match anything (an unknown profile). */
    private Optional<String> where(EventQuery query, List<Object> args) {
        StringBuilder where = new StringBuilder(" where e.id > ?");
        args.add(query.afterId());
        if (query.from() != null) {
            where.append(" and e.ts >= ?");
            args.add(query.from().atOffset(java.time.ZoneOffset.UTC));
        }
        if (query.to() != null) {
            where.append(" and e.ts < ?");
            args.add(query.to().atOffset(java.time.ZoneOffset.UTC));
        }
        if (!query.types().isEmpty()) {
            where.append(" and e.type = any(?)");
            args.add(query.types().toArray(new String[0]));
        }
        if (!query.names().isEmpty()) {
            where.append(" and e.name = any(?)");
            args.add(query.names().toArray(new String[0]));
        }
        if (query.profileId() != null) {
            Optional<ProfileEvents.Ids> ids = profileEvents.idsOf(query.profileId());
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            where.append(" and ").append(ProfileEvents.OF_PROFILE);
            args.add(ids.get().userIds());
            args.add(ids.get().anonymousIds());
        }
        return Optional.of(where.toString());
    }
}
