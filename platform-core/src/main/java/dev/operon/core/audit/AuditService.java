package dev.operon.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Appends to the hash-chained audit log, inside the caller's transaction: a change and its audit record commit or
 * roll back together. Appenders serialise on the single {@code audit_head} row, which gives the chain one order
 * across every node of a cluster.
 */
@ApplicationScoped
public class AuditService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** Records one event; joins the current transaction or starts one. Returns the record's sequence number. */
    @Transactional
    public long record(AuditEvent event) {
        String before = AuditJson.canonical(mapper, event.before());
        String after = AuditJson.canonical(mapper, event.after());
        String details = AuditJson.canonical(mapper, event.details());
        try (Connection connection = dataSource.getConnection()) {
            long prevSeq;
            String prevHash;
            try (PreparedStatement head = connection.prepareStatement(
                    "select seq, hash from audit_head where id = 1 for update");
                 ResultSet rs = head.executeQuery()) {
                rs.next();
                prevSeq = rs.getLong(1);
                prevHash = rs.getString(2);
            }
            long seq = prevSeq + 1;
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String actorType = event.actor().type().wire();
            String hash = AuditHash.of(seq, at, actorType, event.actor().id(), event.action(), event.target(),
                    event.outcome(), event.requestId(), before, after, details, prevHash);
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into audit_record (seq, at, actor_type, actor_id, action, target, outcome, request_id,
                                              before, after, details, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setLong(1, seq);
                insert.setObject(2, at.atOffset(java.time.ZoneOffset.UTC));
                insert.setString(3, actorType);
                insert.setString(4, event.actor().id());
                insert.setString(5, event.action());
                insert.setString(6, event.target());
                insert.setString(7, event.outcome());
                insert.setString(8, event.requestId());
                insert.setString(9, before);
                insert.setString(10, after);
                insert.setString(11, details);
                insert.setString(12, prevHash);
                insert.setString(13, hash);
                insert.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update audit_head set seq = ?, hash = ? where id = 1")) {
                update.setLong(1, seq);
                update.setString(2, hash);
                update.executeUpdate();
            }
            return seq;
        } catch (SQLException e) {
            throw new IllegalStateException("could not append to the audit log: " + e.getMessage(), e);
        }
    }
}
