package dev.operon.core.profiles;

import dev.operon.core.db.Jdbc;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Writes events straight into the events table with SQL, as ingestion would store them, for profile tests. Creates
 * the monthly partitions an event needs.
 */
public final class EventRows {

    private final Jdbc jdbc;

    public EventRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A prefix that keeps one test's ids apart from every other test's (they share a database). */
    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public long track(String userId, String anonymousId, String name, Instant ts, String propertiesJson) {
        return insert("track", name, userId, anonymousId, null, ts, propertiesJson, null, null);
    }

    public long page(String userId, String anonymousId, String name, Instant ts) {
        return insert("page", name, userId, anonymousId, null, ts, null, null, null);
    }

    public long identify(String userId, String anonymousId, Instant ts, String traitsJson, String consentJson) {
        return insert("identify", null, userId, anonymousId, null, ts, null, traitsJson,
                consentJson == null ? null : "{\"consent\": " + consentJson + "}");
    }

    public long alias(String previousId, String userId, Instant ts) {
        return insert("alias", null, userId, null, previousId, ts, null, null, null);
    }

    public long insert(String type, String name, String userId, String anonymousId, String previousId, Instant ts,
                       String propertiesJson, String traitsJson, String contextJson) {
        Instant at = ts.truncatedTo(ChronoUnit.MICROS);
        jdbc.one("select event_ensure_partitions(?, ?)", rs -> rs.getInt(1), at, at);
        return jdbc.one("""
                insert into event (message_id, type, name, user_id, anonymous_id, previous_id, ts, received_at,
                                   properties, traits, context)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb) returning id""",
                rs -> rs.getLong(1), UUID.randomUUID().toString(), type, name, userId, anonymousId, previousId, at,
                Instant.now(), propertiesJson, traitsJson, contextJson).orElseThrow();
    }
}
