package dev.operon.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.ApiException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Checks the audit chain: walks the records in seq order, streamed from one snapshot a batch at a time (so it runs
 * on millions of records in constant memory), recomputes every hash, follows every {@code prev_hash} link, and
 * finally compares the last record with the {@code audit_head} row. Stops at the first problem and explains it
 * (see {@link BreakExplainer}).
 */
@ApplicationScoped
public class AuditVerifier {

    static final int FETCH_SIZE = 2000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** Checks the whole log. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public AuditVerification verify() {
        return verify(1, null);
    }

    /**
     * Checks the records from {@code fromSeq} on. Records before it are trusted: the link of record {@code fromSeq}
     * to its predecessor is not checked (except record 1, which must link to the genesis hash).
     *
     * @param knownHash when not null, the hash record {@code fromSeq} had at an earlier check (that check's head
     *                  hash); a record rewritten since then is reported
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public AuditVerification verify(long fromSeq, String knownHash) {
        try {
            return ReadSnapshot.read(dataSource, connection -> verify(connection, fromSeq, knownHash));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log: " + e.getMessage(), e);
        }
    }

    /** Checks the chain seen through {@code connection}, which must be in a transaction (for streaming). */
    AuditVerification verify(Connection connection, long fromSeq, String knownHash) throws SQLException {
        if (fromSeq < 1) {
            throw ApiException.invalid("from", "must be a record seq, 1 or more");
        }
        Head head = readHead(connection);
        if (head == null) {
            return AuditVerification.broken(0, fromSeq, "the audit_head row is missing (deleted)", 0, null);
        }
        if (fromSeq > 1 && fromSeq > head.seq()) {
            throw ApiException.invalid("from", "is past the newest record (head seq " + head.seq() + ")");
        }
        if (fromSeq == 1) {
            Long stray = firstSeqBeforeTheChain(connection);
            if (stray != null) {
                return AuditVerification.broken(0, stray, "a record at seq " + stray + " lies before the start of"
                        + " the chain (seq 1): it was inserted or moved there", head.seq(), head.hash());
            }
        }
        Walk walk = new Walk(fromSeq, knownHash);
        Walk.Break found = null;
        try (PreparedStatement select = connection.prepareStatement(
                "select " + AuditRecord.COLUMNS + " from audit_record where seq >= ? order by seq")) {
            select.setFetchSize(FETCH_SIZE);
            select.setLong(1, fromSeq);
            try (ResultSet rs = select.executeQuery()) {
                while (found == null && rs.next()) {
                    found = walk.step(AuditRecord.read(rs));
                    if (found != null && rs.next()) {
                        found = found.withNext(AuditRecord.read(rs));
                    }
                }
            }
        }
        if (found != null) {
            BreakExplainer.Explanation why = new BreakExplainer(connection, mapper).explain(found);
            return broken(walk, fromSeq, why.firstBadSeq(), why.reason(), head);
        }
        return checkHead(walk, head, fromSeq);
    }

    private static AuditVerification checkHead(Walk walk, Head head, long fromSeq) {
        AuditRecord last = walk.last();
        if (last == null) {
            if (head.seq() == 0 && AuditHash.GENESIS.equals(head.hash())) {
                return AuditVerification.sound(0, head.seq(), head.hash());
            }
            if (head.seq() == 0) {
                return AuditVerification.broken(0, 0, "the audit_head row was edited: the log is empty but the head"
                        + " hash is not the genesis hash", head.seq(), head.hash());
            }
            return AuditVerification.broken(0, fromSeq, Walk.missing(fromSeq, head.seq())
                    + " (deleted): there are no records from seq " + fromSeq + " on, but the head names seq "
                    + head.seq(), head.seq(), head.hash());
        }
        if (head.seq() > last.seq()) {
            return broken(walk, fromSeq, last.seq() + 1, Walk.missing(last.seq() + 1, head.seq())
                    + " (tail deleted): the log ends at seq " + last.seq() + " but the head names seq " + head.seq(),
                    head);
        }
        if (head.seq() < last.seq()) {
            return broken(walk, fromSeq, head.seq() + 1, "records " + (head.seq() + 1) + " to " + last.seq()
                    + " are past the head (seq " + head.seq() + "): the audit_head row was moved back, or records"
                    + " were added without advancing it", head);
        }
        if (!head.hash().equals(last.hash())) {
            return broken(walk, fromSeq, last.seq(), "the audit_head row names hash "
                    + Walk.shortHash(head.hash()) + " for seq " + head.seq() + " but that record has hash "
                    + Walk.shortHash(last.hash()) + ": the head was edited, or record " + last.seq()
                    + " was rewritten and re-hashed", head);
        }
        return AuditVerification.sound(walk.checked(), head.seq(), head.hash());
    }

    /** A broken result counting the records checked before {@code firstBadSeq} (which may precede the break). */
    private static AuditVerification broken(Walk walk, long fromSeq, long firstBadSeq, String reason, Head head) {
        long checked = Math.min(walk.checked(), Math.max(0, firstBadSeq - fromSeq));
        return AuditVerification.broken(checked, firstBadSeq, reason, head.seq(), head.hash());
    }

    private static Long firstSeqBeforeTheChain(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select seq from audit_record where seq < 1 order by seq limit 1");
             ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private static Head readHead(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select seq, hash from audit_head where id = 1");
             ResultSet rs = select.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null;
        }
    }

    private record Head(long seq, String hash) {
    }
}
