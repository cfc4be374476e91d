package dev.operon.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Loads events straight into the core's partitioned {@code event} table by COPY (CSV), for benchmarks that need
 * millions of stored events without going through the API. A row is built with {@link #row}; a null field is an
 * empty unquoted CSV field, which COPY stores as NULL.
 */
final class EventCopy {

    private static final String COPY = "copy event (message_id, type, name, user_id, anonymous_id, previous_id, ts,"
            + " received_at, properties, traits, context) from stdin (format csv)";

    private EventCopy() {
    }

    /** Creates the daily partitions from 130 days back to tomorrow (what the benchmarks' events span). */
    static void ensurePartitions(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("select event_ensure_partitions(now() - interval '130 days', now() + interval '1 day')");
        }
    }

    /** Appends one event (a new message id, received at {@code ts}); JSON fields are given as text. */
    static void row(StringBuilder out, String type, String name, String userId, String anonymousId,
                    String previousId, Instant ts, String properties, String traits, String context) {
        out.append(UUID.randomUUID()).append(',').append(type).append(',').append(csv(name)).append(',')
                .append(csv(userId)).append(',').append(csv(anonymousId)).append(',').append(csv(previousId))
                .append(',').append(ts).append(',').append(ts).append(',').append(csv(properties)).append(',')
                .append(csv(traits)).append(',').append(csv(context)).append('\n');
    }

    /** COPYs the rows {@link #row} appended. */
    static void copyIn(Connection db, CharSequence rows) throws Exception {
        db.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows.toString()));
    }

    private static String csv(String value) {
        return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
