package dev.operon.core.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One stored audit record, exactly as the {@code audit_record} table holds it. {@code before}, {@code after} and
 * {@code details} are the canonical JSON texts that were hashed.
 */
public record AuditRecord(long seq, Instant at, String actorType, String actorId, String action, String target,
                          String outcome, String requestId, String before, String after, String details,
                          String prevHash, String hash) {

    /** The column list that {@link #read(ResultSet)} expects, in order. */
    static final String COLUMNS = "seq, at, actor_type, actor_id, action, target, outcome, request_id, before, after,"
            + " details, prev_hash, hash";

    static AuditRecord read(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13));
    }

    /** The hash this record's fields produce. */
    public String computeHash() {
        return AuditHash.of(this);
    }

    AuditRecord withSeq(long value) {
        return new AuditRecord(value, at, actorType, actorId, action, target, outcome, requestId, before, after,
                details, prevHash, hash);
    }

    AuditRecord withPrevHash(String value) {
        return new AuditRecord(seq, at, actorType, actorId, action, target, outcome, requestId, before, after,
                details, value, hash);
    }
}
