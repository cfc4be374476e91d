package dev.operon.core.ingest;

import dev.operon.core.privacy.Suppression;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes batches of events into the partitioned {@code event} table with their dedupe entries, inside a
 * transaction the caller owns, and keeps the monthly partitions a batch needs in place. Plain JDBC: the hot path.
 */
@ApplicationScoped
public class EventStore {

    /**
     * How a batch reaches the table (ADR 0008): binary COPY (default), text COPY (the earlier default, kept so the
     * two can be compared in one benchmark run), or one multi-row INSERT over arrays.
     */
    enum Method { COPY, COPY_TEXT, INSERT }

    static final String COLUMNS = "source_id, message_id, type, name, user_id, anonymous_id, group_id, previous_id,"
            + " ts, original_ts, sent_at, received_at, properties, traits, context, integrations";

    /**
     * Claims the dedupe keys of a batch in one round trip, all parameters as binary arrays (nothing for PostgreSQL to
     * parse: the receipt times go as microseconds since 1970). The answer is one row with the number of keys claimed
     * (message id null) and, only when that is fewer than were offered (a duplicate, the rare case), one row per
     * claimed key. Keys are inserted in byte order so concurrent writers lock them in the same order.
     */
    private static final String DEDUPE = """
            with claimed as (
              insert into event_dedupe (source_key, message_id, received_at)
              select s, m, timestamptz 'epoch' + r * interval '1 microsecond'
              from unnest(?::bigint[], ?::text[], ?::bigint[]) as t(s, m, r)
              order by s, m collate "C"
              on conflict (source_key, message_id) do update set received_at = excluded.received_at
                where event_dedupe.received_at < excluded.received_at - make_interval(secs => ?)
              returning source_key, message_id)
            select null::bigint, null::text, count(*) from claimed
            union all
            select source_key, message_id, null from claimed where (select count(*) from claimed) < ?""";

    private static final String INSERT = "insert into event (" + COLUMNS + ") select s, m, ty, n, u, a, g, p,"
            + " t::timestamptz, o::timestamptz, se::timestamptz, r::timestamptz, pr::jsonb, tr::jsonb, c::jsonb,"
            + " i::jsonb from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " as x(s, m, ty, n, u, a, g, p, t, o, se, r, pr, tr, c, i)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Inject
    Suppression suppression;

    /** Months known to have a partition on this node. */
    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

    /**
     * What one batch did: how many events were stored, how many were duplicates, how many belonged to erased people
     * (dropped, docs/privacy.md), and which keys were stored ({@code fresh} null: every event of the batch was).
     */
    record Written(int accepted, int duplicates, int suppressed, Set<DedupeKey> fresh) {

        /** Attributes the batch's outcome to a part of it (one request of a group); {@code taken} spans the parts. */
        int acceptedOf(List<IncomingEvent> part, Set<DedupeKey> taken) {
            if (fresh == null) {
                return part.size();
            }
            int count = 0;
            for (IncomingEvent event : part) {
                DedupeKey key = DedupeKey.of(event);
                if (fresh.contains(key) && taken.add(key)) {
                    count++;
                }
            }
            return count;
        }
    }

    /**
     * Writes the events in a transaction of their own (partitions ensured first), retried after a partition went
     * missing (dropped by another node), a deadlock or a serialization failure; returns once committed.
     */
    Written commit(List<IncomingEvent> events, Method method) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                ensurePartitions(events);
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    try {
                        Written written = write(connection, events, method);
                        connection.commit();
                        return written;
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly(connection);
                        throw e;
                    } finally {
                        restoreAutoCommit(connection);
                    }
                }
            } catch (SQLException e) {
                boolean retryable = isMissingPartition(e) || "40P01".equals(e.getSQLState())
                        || "40001".equals(e.getSQLState());
                if (!retryable || attempt >= 3) {
                    throw e;
                }
                if (isMissingPartition(e)) {
                    forgetPartitions();
                }
            }
        }
    }

    static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    /**
     * Inserts the events that are not duplicates (of each other, or of an entry within the dedupe window) on
     * {@code connection}, which must not be in auto-commit: the caller commits or rolls back.
     */
    Written write(Connection connection, List<IncomingEvent> events, Method method) throws SQLException {
        List<IncomingEvent> kept = withoutErasedPeople(connection, events);
        int suppressed = events.size() - kept.size();
        Map<DedupeKey, IncomingEvent> unique = new LinkedHashMap<>(kept.size() * 2);
        for (IncomingEvent event : kept) {
            unique.putIfAbsent(DedupeKey.of(event), event);
        }
        if (unique.isEmpty()) {
            return new Written(0, 0, suppressed, Set.of());
        }
        Set<DedupeKey> fresh = claim(connection, unique);
        List<IncomingEvent> accepted;
        if (fresh == null) {
            accepted = unique.size() == events.size() ? events : new ArrayList<>(unique.values());
        } else {
            accepted = new ArrayList<>(fresh.size());
            unique.forEach((key, event) -> {
                if (fresh.contains(key)) {
                    accepted.add(event);
                }
            });
        }
        if (!accepted.isEmpty()) {
            switch (method) {
                case COPY -> copyBinary(connection, accepted);
                case COPY_TEXT -> copy(connection, accepted);
                case INSERT -> insert(connection, accepted);
            }
        }
        boolean allNew = fresh == null && unique.size() == events.size();
        return new Written(accepted.size(), kept.size() - accepted.size(), suppressed,
                allNew ? null : fresh == null ? unique.keySet() : fresh);
    }

    /**
     * The events that do not belong to an erased person (the batch's distinct ids against the list this node holds,
     * {@link Suppression#erasedAmong}): an event belongs
     * to its user id, or without one to its anonymous id, as erasure decides (an alias belongs to its previous id
     * too). Another user's event that carries an erased anonymous id is kept.
     */
    private List<IncomingEvent> withoutErasedPeople(Connection connection, List<IncomingEvent> events)
            throws SQLException {
        if (!suppression.anyErased(connection)) {
            return events;
        }
        Set<String> ids = new HashSet<>();
        for (IncomingEvent event : events) {
            ids.add(owner(event));
            if (event.previousId() != null) {
                ids.add(event.previousId());
            }
        }
        Set<String> erased = suppression.erasedAmong(connection, ids);
        if (erased.isEmpty()) {
            return events;
        }
        List<IncomingEvent> kept = new ArrayList<>(events.size());
        for (IncomingEvent event : events) {
            if (!erased.contains(owner(event))
                    && (event.previousId() == null || !erased.contains(event.previousId()))) {
                kept.add(event);
            }
        }
        return kept;
    }

    /** The id an event belongs to: its user id, or without one its anonymous id. */
    private static String owner(IncomingEvent event) {
        return event.userId() != null ? event.userId() : event.anonymousId();
    }

    record DedupeKey(long source, String messageId) {
        static DedupeKey of(IncomingEvent event) {
            return new DedupeKey(event.sourceKey(), event.messageId());
        }
    }

    /**
     * Adds the dedupe entries; returns the keys that were new (or whose previous entry was past the window), or null
     * when all of them were.
     */
    private Set<DedupeKey> claim(Connection connection, Map<DedupeKey, IncomingEvent> unique) throws SQLException {
        int n = unique.size();
        long[] sources = new long[n];
        String[] ids = new String[n];
        long[] received = new long[n];
        int i = 0;
        for (Map.Entry<DedupeKey, IncomingEvent> entry : unique.entrySet()) {
            sources[i] = entry.getKey().source();
            ids[i] = entry.getKey().messageId();
            received[i] = epochMicros(entry.getValue().receivedAt());
            i++;
        }
        try (PreparedStatement statement = connection.prepareStatement(DEDUPE)) {
            statement.setObject(1, sources);
            statement.setObject(2, ids);
            statement.setObject(3, received);
            statement.setLong(4, config.dedupeWindow().toSeconds());
            statement.setLong(5, n);
            Set<DedupeKey> fresh = null;
            long claimed = -1;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String messageId = rs.getString(2);
                    if (messageId == null) {
                        claimed = rs.getLong(3);
                    } else {
                        if (fresh == null) {
                            fresh = new HashSet<>(n * 2);
                        }
                        fresh.add(new DedupeKey(rs.getLong(1), messageId));
                    }
                }
            }
            if (claimed == n) {
                return null;
            }
            int listed = fresh == null ? 0 : fresh.size();
            if (claimed < 0 || listed != claimed) {
                // never guess which events were stored: fail the group (its requests get an error, none a false 200)
                throw new SQLException("the dedupe claim answered " + claimed + " claimed keys but listed " + listed);
            }
            return fresh == null ? Set.of() : fresh;
        }
    }

    /** Microseconds since 1970 (times here are already truncated to microseconds). */
    static long epochMicros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }

    /** Bytes of binary COPY data sent at a time: the stream goes out in pieces, never built whole in memory. */
    private static final int COPY_CHUNK = 256 * 1024;

    private static void copyBinary(Connection connection, List<IncomingEvent> events) throws SQLException {
        BinaryCopyRows rows = new BinaryCopyRows(COPY_CHUNK + 64 * 1024);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy event (" + COLUMNS + ") from stdin with (format binary)");
        try {
            for (IncomingEvent e : events) {
                rows.row(16).bigint(e.sourceId()).text(e.messageId()).text(e.type()).text(e.name()).text(e.userId())
                        .text(e.anonymousId()).text(e.groupId()).text(e.previousId()).timestamptz(e.timestamp())
                        .timestamptz(e.originalTimestamp()).timestamptz(e.sentAt()).timestamptz(e.receivedAt())
                        .jsonb(e.properties()).jsonb(e.traits()).jsonb(e.context()).jsonb(e.integrations());
                if (rows.size() >= COPY_CHUNK) {
                    copy.writeToCopy(rows.buffer(), 0, rows.size());
                    rows.clear();
                }
            }
            rows.finish();
            copy.writeToCopy(rows.buffer(), 0, rows.size());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void copy(Connection connection, List<IncomingEvent> events) throws SQLException {
        CopyRows rows = new CopyRows();
        for (IncomingEvent e : events) {
            rows.field(e.sourceId()).field(e.messageId()).field(e.type()).field(e.name()).field(e.userId())
                    .field(e.anonymousId()).field(e.groupId()).field(e.previousId()).field(e.timestamp())
                    .field(e.originalTimestamp()).field(e.sentAt()).field(e.receivedAt()).field(e.properties())
                    .field(e.traits()).field(e.context()).field(e.integrations()).endRow();
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy event (" + COLUMNS + ") from stdin", new StringReader(rows.text()));
        } catch (IOException e) {
            throw new SQLException("COPY into event failed: " + e.getMessage(), "08000", e);
        }
    }

    private static void insert(Connection connection, List<IncomingEvent> events) throws SQLException {
        int n = events.size();
        Long[] sources = new Long[n];
        String[][] text = new String[15][n];
        for (int i = 0; i < n; i++) {
            IncomingEvent e = events.get(i);
            sources[i] = e.sourceId();
            String[] values = {e.messageId(), e.type(), e.name(), e.userId(), e.anonymousId(), e.groupId(),
                    e.previousId(), str(e.timestamp()), str(e.originalTimestamp()), str(e.sentAt()),
                    str(e.receivedAt()), e.properties(), e.traits(), e.context(), e.integrations()};
            for (int c = 0; c < values.length; c++) {
                text[c][i] = values[c];
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setArray(1, connection.createArrayOf("bigint", sources));
            for (int c = 0; c < text.length; c++) {
                Array array = connection.createArrayOf("text", text[c]);
                statement.setArray(c + 2, array);
            }
            statement.executeUpdate();
        }
    }

    private static String str(Instant at) {
        return at == null ? null : at.toString();
    }

    // ---- partitions ----

    /** Makes sure every month the events fall in has its partition (cached per node). */
    void ensurePartitions(List<IncomingEvent> events) throws SQLException {
        Instant[] range = missingRange(events);
        if (range != null) {
            ensurePartitions(range[0], range[1]);
        }
    }

    /** The same on the caller's connection (see {@link #ensurePartitions(Connection, Instant, Instant)}). */
    void ensurePartitions(Connection connection, List<IncomingEvent> events) throws SQLException {
        Instant[] range = missingRange(events);
        if (range != null) {
            ensurePartitions(connection, range[0], range[1]);
        }
    }

    /**
     * The span of the events' times when a month within it is not known to have a partition, else null. Only the
     * span's months are looked up, not each event's (the span of a batch is usually one month).
     */
    private Instant[] missingRange(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return null;
        }
        Instant min = events.get(0).timestamp();
        Instant max = min;
        for (IncomingEvent event : events) {
            Instant ts = event.timestamp();
            if (ts.isBefore(min)) {
                min = ts;
            } else if (ts.isAfter(max)) {
                max = ts;
            }
        }
        YearMonth last = YearMonth.from(max.atOffset(ZoneOffset.UTC));
        for (YearMonth month = YearMonth.from(min.atOffset(ZoneOffset.UTC)); !month.isAfter(last);
             month = month.plusMonths(1)) {
            if (!partitions.contains(month)) {
                return new Instant[] {min, max};
            }
        }
        return null;
    }

    /** Creates the monthly partitions covering [from, to] that are missing; returns how many it created. */
    public int ensurePartitions(Instant from, Instant to) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return ensurePartitions(connection, from, to);
        }
    }

    /**
     * The same on {@code connection}: inside the caller's transaction when it has one (a long import transaction
     * must create partitions itself: creating one locks the parent table, which that transaction already writes).
     */
    int ensurePartitions(Connection connection, Instant from, Instant to) throws SQLException {
        int created;
        try (PreparedStatement statement = connection.prepareStatement("select event_ensure_partitions(?, ?)")) {
            statement.setObject(1, from.atOffset(ZoneOffset.UTC));
            statement.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                created = rs.getInt(1);
            }
        }
        for (YearMonth month = YearMonth.from(from.atOffset(ZoneOffset.UTC));
             !month.isAfter(YearMonth.from(to.atOffset(ZoneOffset.UTC))); month = month.plusMonths(1)) {
            partitions.add(month);
        }
        return created;
    }

    /** Forgets which partitions exist (after one was dropped, or a write found one missing). */
    void forgetPartitions() {
        partitions.clear();
    }

    /** True when the error says a row had no partition (another node dropped one this node still counted on). */
    static boolean isMissingPartition(SQLException e) {
        return "23514".equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().contains("no partition");
    }
}
