package dev.operon.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The chain's hash: lowercase hex SHA-256 over a record's canonical content, which ends with the previous record's
 * hash. The canonical content is every stored field in a fixed order, each written as
 * {@code <UTF-8 byte length>:<UTF-8 bytes>|}, or {@code -1:|} for an absent value, so that no two different records
 * share a byte form. The order is: seq, at, actor_type, actor_id, action, target, outcome, request_id, before, after,
 * details, prev_hash. {@code seq} is decimal, {@code at} is UTC with exactly six fraction digits
 * ({@code 2025-03-01T09:30:00.120000Z}). docs/audit.md documents the same format for independent verifiers.
 */
public final class AuditHash {

    /** The "previous hash" of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] ABSENT = "-1:|".getBytes(StandardCharsets.US_ASCII);

    private AuditHash() {
    }

    public static String of(long seq, Instant at, String actorType, String actorId, String action, String target,
                            String outcome, String requestId, String before, String after, String details,
                            String prevHash) {
        return HexFormat.of().formatHex(sha256().digest(canonical(seq, at, actorType, actorId, action, target,
                outcome, requestId, before, after, details, prevHash)));
    }

    /** The hash of a stored record, computed from its fields (not its stored hash). */
    public static String of(AuditRecord r) {
        return of(r.seq(), r.at(), r.actorType(), r.actorId(), r.action(), r.target(), r.outcome(), r.requestId(),
                r.before(), r.after(), r.details(), r.prevHash());
    }

    /** A record's time as it enters the hash (and the API and export): UTC, microseconds. */
    public static String formatTime(Instant at) {
        return TIME.format(at);
    }

    static byte[] canonical(long seq, Instant at, String actorType, String actorId, String action, String target,
                            String outcome, String requestId, String before, String after, String details,
                            String prevHash) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(512);
        for (String field : new String[] {Long.toString(seq), formatTime(at), actorType, actorId, action, target,
                outcome, requestId, before, after, details, prevHash}) {
            if (field == null) {
                bytes.writeBytes(ABSENT);
            } else {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                bytes.writeBytes((utf8.length + ":").getBytes(StandardCharsets.US_ASCII));
                bytes.writeBytes(utf8);
                bytes.write('|');
            }
        }
        return bytes.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
