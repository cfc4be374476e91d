package dev.operon.core.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * An audit record as the query API shows it: like {@link AuditLine}, but {@code before}, {@code after} and
 * {@code details} are nested JSON values, easier to read than the stored text (a value that is not valid JSON, which
 * only tampering produces, is shown as a string).
 */
@JsonPropertyOrder({"seq", "at", "actorType", "actorId", "action", "target", "outcome", "requestId", "before",
        "after", "details", "prevHash", "hash"})
public record AuditEntry(long seq, String at, String actorType, String actorId, String action, String target,
                         String outcome, String requestId, JsonNode before, JsonNode after, JsonNode details,
                         String prevHash, String hash) {

    static AuditEntry of(AuditRecord r, ObjectMapper mapper) {
        return new AuditEntry(r.seq(), AuditHash.formatTime(r.at()), r.actorType(), r.actorId(), r.action(),
                r.target(), r.outcome(), r.requestId(), json(mapper, r.before()), json(mapper, r.after()),
                json(mapper, r.details()), r.prevHash(), r.hash());
    }

    private static JsonNode json(ObjectMapper mapper, String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
