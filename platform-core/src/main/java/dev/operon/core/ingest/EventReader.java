package dev.operon.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import dev.operon.core.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads stored events for operators: filtered pages (newest first, by id cursor) and whole-store counts. */
@ApplicationScoped
public class EventReader {

    static final int MAX_PAGE = 1000;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper json;

    /**
     * Filters for {@link #page}; null means any.
     *
     * @param before only events with a smaller id (the previous page's last id)
     */
    public record Filter(String type, String name, String userId, String anonymousId, Instant from, Instant to,
                         Long before, int limit) {
    }

    public List<EventView> page(Filter filter) {
        if (filter.limit() < 1 || filter.limit() > MAX_PAGE) {
            throw ApiException.invalid("limit", "must be 1 to " + MAX_PAGE);
        }
        StringBuilder sql = new StringBuilder("select id, source_id, message_id, type, name, user_id, anonymous_id,"
                + " group_id, previous_id, ts, original_ts, sent_at, received_at, properties::text, traits::text,"
                + " context::text, integrations::text from event where true");
        List<Object> args = new ArrayList<>();
        add(sql, args, " and type = ?", filter.type());
        add(sql, args, " and name = ?", filter.name());
        add(sql, args, " and user_id = ?", filter.userId());
        add(sql, args, " and anonymous_id = ?", filter.anonymousId());
        add(sql, args, " and ts >= ?", filter.from());
        add(sql, args, " and ts < ?", filter.to());
        add(sql, args, " and id < ?", filter.before());
        sql.append(" order by id desc limit ?");
        args.add(filter.limit());
        return jdbc.list(sql.toString(), this::view, args.toArray());
    }

    /** One stored event by its id. */
    public Optional<EventView> find(long id) {
        return jdbc.one("select id, source_id, message_id, type, name, user_id, anonymous_id, group_id, previous_id,"
                + " ts, original_ts, sent_at, received_at, properties::text, traits::text, context::text,"
                + " integrations::text from event where id = ?", this::view, id);
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    /** Whole-store counts; {@code users} counts user ids plus anonymous ids never seen with a user id. */
    public EventStats stats() {
        return jdbc.one("""
                select (select count(*) from event),
                       (select count(distinct user_id) from event where user_id is not null),
                       (select count(*) from (select anonymous_id from event where anonymous_id is not null
                                              group by anonymous_id having bool_and(user_id is null)) a),
                       (select count(*) from event_source)""",
                rs -> new EventStats(rs.getLong(1), rs.getLong(2) + rs.getLong(3), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4))).orElseThrow();
    }

    private EventView view(ResultSet rs) throws SQLException {
        long source = rs.getLong(2);
        return new EventView(rs.getLong(1), rs.wasNull() ? null : source, rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10),
                instant(rs, 11), instant(rs, 12), instant(rs, 13), tree(rs.getString(14)), tree(rs.getString(15)),
                tree(rs.getString(16)), tree(rs.getString(17)));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON could not be read: " + e.getMessage(), e);
        }
    }
}
