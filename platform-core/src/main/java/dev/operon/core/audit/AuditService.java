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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Appends to the hash-chained audit log, inside the caller's transaction: a change and its audit record commit or
 * roll back together. Appenders serialise on the single {@code audit_head} row, which gives the chain one order
 * across every node of a cluster.
 *
 * <p>The head row stays locked until the caller's transaction ends, so record the event as late as possible in a
 * long transaction. To record a failure whose own transaction rolls back, call {@link #record} after that
 * transaction has ended (it then runs in a transaction of its own).
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
        String actorId = storable(event.actor().id());
        String target = storable(event.target());
        String requestId = storable(event.requestId());
        try (Connection connection = dataSource.getConnection()) {
            long prevSeq;
            String prevHash;
            try (PreparedStatement head = connection.prepareStatement(
                    "select seq, hash from audit_head where id = 1 for update");
                 ResultSet rs = head.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the audit_head row is missing; the audit log cannot be appended");
                }
                prevSeq = rs.getLong(1);
                prevHash = rs.getString(2);
            }
            long seq = prevSeq + 1;
            // Taken after the lock, so that times follow seq order on one node (clocks of other nodes may differ).
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String actorType = event.actor().type().wire();
            String hash = AuditHash.of(seq, at, actorType, actorId, event.action(), target, event.outcome(),
                    requestId, before, after, details, prevHash);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into audit_record (" + AuditRecord.COLUMNS + ")"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, seq);
                insert.setObject(2, at.atOffset(ZoneOffset.UTC));
                insert.setString(3, actorType);
                insert.setString(4, actorId);
                insert.setString(5, event.action());
                insert.setString(6, target);
                insert.setString(7, event.outcome());
                insert.setString(8, requestId);
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

    // PostgreSQL text cannot hold NUL; an odd name must not make the caller's whole change fail.
    private static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }
}
