package dev.operon.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a break in the chain into the seq of the first bad record and a precise reason: a deleted record (a gap), an
 * edited record (and, when it can be told, which part: the stored hash, the {@code prev_hash} link, or a field that
 * no longer holds what the platform writes), a record rewritten and re-hashed (seen from its successor's link), or
 * records that were reordered (a link pointing at a record stored elsewhere). Runs only once, after the walk stopped,
 * so its look-ups by hash may scan the table.
 */
final class BreakExplainer {

    /** The verdict on a break. */
    record Explanation(long firstBadSeq, String reason) {
    }

    private final Connection connection;
    private final ObjectMapper mapper;

    BreakExplainer(Connection connection, ObjectMapper mapper) {
        this.connection = connection;
        this.mapper = mapper;
    }

    Explanation explain(Walk.Break b) throws SQLException {
        AuditRecord r = b.record();
        long k = r.seq();
        return switch (b.kind()) {
            case GAP -> gap(b);
            case HASH_MISMATCH -> edited(b);
            case KNOWN_HASH_MISMATCH -> new Explanation(k, "record " + k + " has hash " + Walk.shortHash(r.hash())
                    + ", not the known hash " + Walk.shortHash(b.knownHash())
                    + ": it was rewritten and re-hashed after that hash was taken");
            case LINK_MISMATCH, HASH_AND_LINK_MISMATCH -> misplacedOrRelinked(b);
        };
    }

    private Explanation gap(Walk.Break b) throws SQLException {
        long expected = b.expectedSeq();
        long found = b.record().seq();
        String missing = Walk.missing(expected, found - 1);
        if (b.expectedPrev() != null) {
            Long successor = seqWhere("prev_hash", b.expectedPrev(), Long.MIN_VALUE);
            if (successor != null) {
                return new Explanation(expected, missing + " at its place: the record chained after seq "
                        + (expected - 1) + " is stored at seq " + successor + " (records were reordered)");
            }
        }
        String where = b.previous() == null
                ? "the log starts at seq " + found + " instead of " + expected
                : "the log jumps from seq " + b.previous().seq() + " to seq " + found;
        return new Explanation(expected, missing + " (deleted): " + where);
    }

    private Explanation edited(Walk.Break b) {
        AuditRecord r = b.record();
        long k = r.seq();
        AuditRecord next = b.next();
        boolean nextFollows = next != null && next.seq() == k + 1;
        if (nextFollows && r.computeHash().equals(next.prevHash())) {
            return new Explanation(k, "record " + k + " has an edited hash column: its content still matches the"
                    + " hash that record " + (k + 1) + " is chained to");
        }
        StringBuilder reason = new StringBuilder("record " + k + " was edited: its content no longer matches its"
                + " stored hash");
        if (nextFollows && r.hash().equals(next.prevHash())) {
            reason.append(", which record ").append(k + 1).append(" is still chained to");
        }
        List<String> suspicious = suspiciousFields(r);
        if (!suspicious.isEmpty()) {
            reason.append("; changed part: ").append(String.join(", ", suspicious));
        }
        return new Explanation(k, reason.toString());
    }

    private Explanation misplacedOrRelinked(Walk.Break b) throws SQLException {
        AuditRecord r = b.record();
        long k = r.seq();
        boolean hashOk = b.kind() == Walk.Kind.LINK_MISMATCH;
        if (!hashOk && b.expectedPrev() != null && r.withPrevHash(b.expectedPrev()).computeHash().equals(r.hash())) {
            return new Explanation(k, "record " + k + " has an edited prev_hash: it matches its hash only when"
                    + " chained to record " + (k - 1) + " as it was written");
        }
        Explanation reordered = reordered(r, b.expectedSeq());
        if (reordered != null) {
            return reordered;
        }
        if (hashOk && b.previous() != null) {
            long p = b.previous().seq();
            return new Explanation(p, "record " + p + " was rewritten and re-hashed: it matches its own hash, but"
                    + " record " + k + " is chained to a different hash for it (or record " + k
                    + "'s link was forged)");
        }
        if (b.previous() == null) {
            return new Explanation(k, "record " + k + " is not chained to the genesis hash: it was forged or"
                    + " replaced");
        }
        return new Explanation(k, "record " + k + " matches neither its own hash nor the hash of record " + (k - 1)
                + ": it was replaced, or edited together with its link");
    }

    /** When the record's links point at records stored elsewhere, it was moved there from another seq. */
    private Explanation reordered(AuditRecord r, long k) throws SQLException {
        Long predecessor = seqWhere("hash", r.prevHash(), k);
        Long successor = seqWhere("prev_hash", r.hash(), k);
        boolean predecessorElsewhere = predecessor != null && predecessor != k - 1;
        boolean successorElsewhere = successor != null && successor != k + 1;
        if (!predecessorElsewhere && !successorElsewhere) {
            return null;
        }
        StringBuilder reason = new StringBuilder("record " + k + " is out of order (records were reordered): ");
        reason.append(predecessorElsewhere
                ? "it is chained after record " + predecessor + ", not after record " + (k - 1)
                : "record " + successor + " is chained after it, not record " + (k + 1));
        for (Long original : Arrays.asList(predecessor == null ? null : predecessor + 1,
                successor == null ? null : successor - 1)) {
            if (original != null && original != k && r.withSeq(original).computeHash().equals(r.hash())) {
                reason.append("; it was written as seq ").append(original);
                break;
            }
        }
        return new Explanation(k, reason.toString());
    }

    /** Parts of a record that cannot be what the platform wrote; empty when nothing gives the edit away. */
    private List<String> suspiciousFields(AuditRecord r) {
        List<String> fields = new ArrayList<>();
        if (Arrays.stream(Actor.Type.values()).noneMatch(t -> t.wire().equals(r.actorType()))) {
            fields.add("actor_type (not a known actor type)");
        }
        if (!AuditEvent.isAction(r.action())) {
            fields.add("action (not a dotted lowercase verb)");
        }
        if (!AuditEvent.OUTCOMES.contains(r.outcome())) {
            fields.add("outcome (not success, failure or denied)");
        }
        if (!AuditJson.isCanonical(mapper, r.before())) {
            fields.add("before (not the canonical JSON the platform writes)");
        }
        if (!AuditJson.isCanonical(mapper, r.after())) {
            fields.add("after (not the canonical JSON the platform writes)");
        }
        if (!AuditJson.isCanonical(mapper, r.details())) {
            fields.add("details (not the canonical JSON the platform writes)");
        }
        return fields;
    }

    private Long seqWhere(String column, String hash, long exceptSeq) throws SQLException {
        if (hash == null) {
            return null;
        }
        // column is one of two constants, never user text
        try (PreparedStatement select = connection.prepareStatement(
                "select seq from audit_record where " + column + " = ? and seq <> ? order by seq limit 1")) {
            select.setString(1, hash);
            select.setLong(2, exceptSeq);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
