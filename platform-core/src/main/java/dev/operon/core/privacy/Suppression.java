package dev.operon.core.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The ids of erased end users, kept as {@link SubjectHash hashes}: an event carrying one is not stored again.
 * Ingestion drops such events before writing ({@link #erasedAmong}, from a copy of the list this node holds); the
 * profile updater deletes those committed while the erasure ran or before a node saw the new list.
 */
@ApplicationScoped
public class Suppression {

    /**
     * How long a node goes on with the list it holds before it asks whether the list changed (one small query):
     * an erasure on another node reaches this node's ingestion within this time.
     */
    static final long REFRESH_NANOS = 5_000_000_000L;
    /** Above this many hashes the list is not held: every batch asks the database instead. */
    static final long MAX_HELD = 200_000;

    /** The list as read: its hashes (null when too many to hold), how many and the newest erasure, and when. */
    private record Held(Set<String> hashes, long count, long newestErasure, long checkedAt) {
    }

    private volatile Held held;

    /**
     * The ids among {@code ids} that belong to erased users, for ingestion's hot path: answered from the list this
     * node holds (re-read when it changed, checked at most every {@link #REFRESH_NANOS}), so a batch costs hashing
     * its ids and no round trip while the list is small. Asks on the caller's {@code connection} (the batch's own
     * transaction) when it must ask at all.
     */
    public Set<String> erasedAmong(Connection connection, Collection<String> ids) throws SQLException {
        Held list = current(connection);
        if (list.hashes() == null) {
            return suppressedIn(connection, ids).keySet();
        }
        if (list.hashes().isEmpty() || ids.isEmpty()) {
            return Set.of();
        }
        Set<String> hits = new HashSet<>();
        for (String id : ids) {
            if (list.hashes().contains(SubjectHash.of(id))) {
                hits.add(id);
            }
        }
        return hits;
    }

    /** False when nobody is erased (as far as the held list says): then a batch need not even collect its ids. */
    public boolean anyErased(Connection connection) throws SQLException {
        Held list = current(connection);
        return list.hashes() == null || !list.hashes().isEmpty();
    }

    /** Drops the held list: this node's next batch reads it again (after an erasure here). */
    public void changed() {
        held = null;
    }

    private Held current(Connection connection) throws SQLException {
        Held list = held;
        if (list != null && System.nanoTime() - list.checkedAt() < REFRESH_NANOS) {
            return list;
        }
        synchronized (this) {
            list = held;
            if (list != null && System.nanoTime() - list.checkedAt() < REFRESH_NANOS) {
                return list;
            }
            try (PreparedStatement state = connection.prepareStatement(
                         "select count(*), coalesce(max(erasure_id), 0) from privacy_suppression");
                 ResultSet rs = state.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                long newest = rs.getLong(2);
                Set<String> hashes;
                if (list != null && list.count() == count && list.newestErasure() == newest) {
                    hashes = list.hashes();
                } else if (count > MAX_HELD) {
                    hashes = null;
                } else {
                    hashes = new HashSet<>();
                    try (PreparedStatement all = connection.prepareStatement("select id_hash from privacy_suppression");
                         ResultSet rows = all.executeQuery()) {
                        while (rows.next()) {
                            hashes.add(rows.getString(1));
                        }
                    }
                }
                held = new Held(hashes, count, newest, System.nanoTime());
                return held;
            }
        }
    }

    /** The suppressed ids among {@code ids}, with the erasure that suppressed each, on the caller's connection. */
    public Map<String, Long> suppressedIn(Connection connection, Collection<String> ids) throws SQLException {
        Map<String, String> byHash = new HashMap<>();
        for (String id : ids) {
            byHash.put(SubjectHash.of(id), id);
        }
        Map<String, Long> hits = new HashMap<>();
        if (byHash.isEmpty()) {
            return hits;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select id_hash, erasure_id from privacy_suppression where id_hash = any(?)")) {
            select.setArray(1, connection.createArrayOf("text", byHash.keySet().toArray(new String[0])));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    hits.put(byHash.get(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return hits;
    }

    /** Adds an id (idempotent). */
    public void add(Connection connection, String id, long erasureId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into privacy_suppression (id_hash, erasure_id) values (?, ?) on conflict do nothing")) {
            insert.setString(1, SubjectHash.of(id));
            insert.setLong(2, erasureId);
            insert.executeUpdate();
        }
    }
}
