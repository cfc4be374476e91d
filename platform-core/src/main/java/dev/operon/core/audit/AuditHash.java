package dev.operon.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The chain's hash: SHA-256 over a record's canonical content followed by the previous record's hash. The canonical
 * content is every stored field in a fixed order, each length-prefixed so that no two records can share a byte form.
 */
public final class AuditHash {

    /** The "previous hash" of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    public static String of(long seq, Instant at, String actorType, String actorId, String action, String target,
                            String outcome, String requestId, String before, String after, String details,
                            String prevHash) {
        StringBuilder canonical = new StringBuilder(256);
        for (String field : new String[] {Long.toString(seq), DateTimeFormatter.ISO_INSTANT.format(at), actorType,
                actorId, action, target, outcome, requestId, before, after, details, prevHash}) {
            if (field == null) {
                canonical.append("-1:");
            } else {
                canonical.append(field.length()).append(':').append(field);
            }
            canonical.append('|');
        }
        return sha256(canonical.toString());
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
