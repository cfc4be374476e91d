package dev.operon.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The members of one Tracking API message that {@link SegmentEvents} reads, and nothing else: what the batch reader
 * fills straight from the parser (no tree per message), and what a parsed object (a single call, an import line) is
 * turned into. Each member holds a {@link String} (a JSON string), a {@link Raw} (an object kept as its bytes in the
 * body), any other {@link JsonNode} (numbers, booleans, null, arrays, objects from a tree), or null when absent.
 */
final class SegmentMessage {

    /** The members the field rules look at. */
    enum Member {
        TYPE("type"), USER_ID("userId"), ANONYMOUS_ID("anonymousId"), PREVIOUS_ID("previousId"),
        GROUP_ID("groupId"), EVENT("event"), NAME("name"), MESSAGE_ID("messageId"), TIMESTAMP("timestamp"),
        ORIGINAL_TIMESTAMP("originalTimestamp"), SENT_AT("sentAt"), PROPERTIES("properties"), TRAITS("traits"),
        CONTEXT("context"), INTEGRATIONS("integrations");

        private static final Member[] ALL = values();

        final String json;

        Member(String json) {
            this.json = json;
        }

        /** Object members kept as their text when they are objects (stored as sent, never re-serialized). */
        boolean keptRaw() {
            return this == PROPERTIES || this == TRAITS || this == CONTEXT || this == INTEGRATIONS;
        }

        /** The member of a JSON name, or null for a name the rules ignore. */
        static Member named(String name) {
            return switch (name) {
                case "type" -> TYPE;
                case "userId" -> USER_ID;
                case "anonymousId" -> ANONYMOUS_ID;
                case "previousId" -> PREVIOUS_ID;
                case "groupId" -> GROUP_ID;
                case "event" -> EVENT;
                case "name" -> NAME;
                case "messageId" -> MESSAGE_ID;
                case "timestamp" -> TIMESTAMP;
                case "originalTimestamp" -> ORIGINAL_TIMESTAMP;
                case "sentAt" -> SENT_AT;
                case "properties" -> PROPERTIES;
                case "traits" -> TRAITS;
                case "context" -> CONTEXT;
                case "integrations" -> INTEGRATIONS;
                default -> null;
            };
        }
    }

    /** A JSON object as it was sent: {@code body[from, to)}, already checked to be well-formed by the parser. */
    record Raw(byte[] body, int from, int to) {
        String text() {
            return new String(body, from, to - from, StandardCharsets.UTF_8);
        }
    }

    private final Object[] values = new Object[Member.ALL.length];

    /** Sets a member (a later occurrence of a name replaces an earlier one, as in a parsed tree). */
    void set(Member member, Object value) {
        values[member.ordinal()] = value;
    }

    /** The member's value ({@link String}, {@link Raw} or {@link JsonNode}), or null when the message lacks it. */
    Object get(Member member) {
        return values[member.ordinal()];
    }

    /** The members of a parsed object. */
    static SegmentMessage of(ObjectNode object) {
        SegmentMessage message = new SegmentMessage();
        for (Member member : Member.ALL) {
            JsonNode value = object.get(member.json);
            if (value != null) {
                message.set(member, value.isTextual() ? value.textValue() : value);
            }
        }
        return message;
    }
}
