package dev.operon.core.privacy;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * Ingestion drops such events before writing (one query per batch, {@code EventStore}); the profile updater deletes
 * those committed while the erasure ran.
 */
@ApplicationScoped
public class Suppression {

    @Inject
    AgroalDataSource dataSource;

    /** The ids among {@code ids} that belong to erased users (empty when none). For ingestion. */
    public Set<String> suppressed(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            return new HashSet<>(suppressedIn(connection, ids).keySet());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** True when the user id or the anonymous id (either may be null) belongs to an erased user. */
    public boolean isSuppressed(String userId, String anonymousId) {
        Set<String> ids = new HashSet<>();
        if (userId != null) {
            ids.add(userId);
        }
        if (anonymousId != null) {
            ids.add(anonymousId);
        }
        return !suppressed(ids).isEmpty();
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
