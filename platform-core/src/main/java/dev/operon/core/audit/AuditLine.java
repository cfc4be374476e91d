package dev.operon.core.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of the JSON Lines export: every stored field, byte for byte as hashed. {@code before}, {@code after} and
 * {@code details} stay JSON <em>strings</em> (not nested objects) and {@code at} is the exact text that entered the
 * hash, so that anyone can recompute the chain from the export alone.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"seq", "at", "actorType", "actorId", "action", "target", "outcome", "requestId", "before",
        "after", "details", "prevHash", "hash"})
public record AuditLine(long seq, String at, String actorType, String actorId, String action, String target,
                        String outcome, String requestId, String before, String after, String details,
                        String prevHash, String hash) {

    public static AuditLine of(AuditRecord r) {
        return new AuditLine(r.seq(), AuditHash.formatTime(r.at()), r.actorType(), r.actorId(), r.action(),
                r.target(), r.outcome(), r.requestId(), r.before(), r.after(), r.details(), r.prevHash(), r.hash());
    }
}
