package dev.operon.core.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The body of one Tracking API request, parsed but not yet validated: the messages with their serialized sizes, the
 * members a batch gives all of them, and the {@code writeKey} member when the body carries one. A batch item that is
 * not a JSON object is a null message (refused by the caller with its index).
 */
record SegmentRequest(List<SegmentMessage> messages, int[] sizes, ObjectNode top) {

    /** A single call's body: the whole body is the message. */
    static SegmentRequest single(ObjectMapper json, byte[] body) {
        JsonNode root = parse(json, body);
        if (!(root instanceof ObjectNode object)) {
            throw malformed("the body must be a JSON object");
        }
        return new SegmentRequest(List.of(SegmentMessage.of(object)), new int[] {body.length}, object);
    }

    /**
     * A {@code /v1/batch} body: {@code {"batch": [...], "sentAt": ..., "context": ..., "writeKey": ...}}, read in one
     * pass of the streaming parser with no tree per message. Each message's size is measured on the wire, between
     * its braces.
     */
    static SegmentRequest batch(ObjectMapper json, byte[] body) {
        List<SegmentMessage> messages = null;
        int[] sizes = new int[64];
        ObjectNode top = json.createObjectNode();
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("the body must be a JSON object with a 'batch' array");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("batch".equals(field)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw invalid(List.of(new Problem.FieldError("batch", "must be an array of messages")));
                    }
                    messages = new ArrayList<>(sizes.length);
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        long start = parser.currentTokenLocation().getByteOffset();
                        SegmentMessage message;
                        if (parser.currentToken() == JsonToken.START_OBJECT) {
                            message = message(json, parser, body);
                        } else {
                            json.readTree(parser);
                            message = null;
                        }
                        long end = parser.currentLocation().getByteOffset();
                        if (messages.size() == sizes.length) {
                            sizes = Arrays.copyOf(sizes, sizes.length * 2);
                        }
                        sizes[messages.size()] = (int) (end - start);
                        messages.add(message);
                    }
                } else {
                    top.set(field, json.readTree(parser));
                }
            }
            if (parser.nextToken() != null) {
                throw malformed("unexpected content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw malformed("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("the body could not be read: " + e.getMessage());
        }
        if (messages == null) {
            throw invalid(List.of(new Problem.FieldError("batch", "is required: an array of messages")));
        }
        return new SegmentRequest(messages, Arrays.copyOf(sizes, messages.size()), top);
    }

    /**
     * Reads one message object: string members as strings, the object members {@code properties}, {@code traits},
     * {@code context} and {@code integrations} as their exact bytes in the body (validated by the parser as it
     * skips them), other values of the members the rules read as nodes, and members the rules ignore only parsed.
     * The parser stands on the message's START_OBJECT and is left on its END_OBJECT.
     */
    private static SegmentMessage message(ObjectMapper json, JsonParser parser, byte[] body) throws IOException {
        SegmentMessage message = new SegmentMessage();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            SegmentMessage.Member member = SegmentMessage.Member.named(parser.currentName());
            JsonToken value = parser.nextToken();
            if (member == null) {
                scalar(json, parser, value); // parsed exactly as a member the rules read, then dropped
            } else if (value == JsonToken.START_OBJECT && member.keptRaw()) {
                int from = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int to = (int) parser.currentLocation().getByteOffset();
                message.set(member, new SegmentMessage.Raw(body, from, to));
            } else if (value == JsonToken.VALUE_STRING) {
                message.set(member, parser.getText());
            } else {
                message.set(member, scalar(json, parser, value));
            }
        }
        return message;
    }

    /**
     * The value the parser stands on as a node: booleans and nulls built directly ({@code readTree} would set up a
     * deserialization context for each), the rest read as a tree.
     */
    private static JsonNode scalar(ObjectMapper json, JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING -> JsonNodeFactory.instance.textNode(parser.getText());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.instance;
            default -> json.readTree(parser);
        };
    }

    /** The {@code writeKey} member, or null. */
    String writeKey() {
        JsonNode key = top.get("writeKey");
        return key != null && key.isTextual() ? key.textValue() : null;
    }

    /** A batch's {@code sentAt} for its messages without one; null when absent, or invalid (then in {@code errors}). */
    Instant sentAt(List<Problem.FieldError> errors) {
        JsonNode sentAt = top.get("sentAt");
        if (sentAt == null || sentAt.isNull()) {
            return null;
        }
        try {
            if (sentAt.isTextual()) {
                return SegmentEvents.parseTime(sentAt.textValue());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new Problem.FieldError("sentAt", "must be an ISO-8601 date-time string"));
        return null;
    }

    ObjectNode objectMember(String name) {
        JsonNode value = top.get(name);
        return value instanceof ObjectNode object ? object : null;
    }

    private static JsonNode parse(ObjectMapper json, byte[] body) {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            JsonNode root = json.readTree(parser);
            if (root == null) {
                throw malformed("the body is empty");
            }
            if (parser.nextToken() != null) {
                throw malformed("unexpected content after the JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("the body could not be read: " + e.getMessage());
        }
    }

    static ApiException malformed(String detail) {
        return new ApiException(400, "malformed-body", "Malformed request body", detail, null);
    }

    /** 400 naming the invalid fields (a batch's as {@code batch[i].field}). */
    static ApiException invalid(List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        String detail = first.field() + ": " + first.message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
        return new ApiException(400, "invalid-event", "Invalid event", detail, SegmentEvents.firstOf(errors, 100));
    }

    static ApiException tooLarge(String field, String detail) {
        return new ApiException(400, "too-large", "Too large", detail,
                List.of(new Problem.FieldError(field, detail)));
    }
}
