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
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of one Tracking API request, parsed but not yet validated: the messages with their serialized sizes, the
 * members a batch gives all of them, and the {@code writeKey} member when the body carries one.
 */
record SegmentRequest(List<JsonNode> messages, List<Map<String, String>> raw, List<Long> sizes, ObjectNode top) {

    /** Object members a batch message keeps as raw JSON text (see {@link SegmentEvents#read}). */
    static final Set<String> RAW_MEMBERS = Set.of("properties", "traits", "context", "integrations");

    /** A single call's body: the whole body is the message. */
    static SegmentRequest single(ObjectMapper json, byte[] body) {
        JsonNode root = parse(json, body);
        if (!(root instanceof ObjectNode object)) {
            throw malformed("the body must be a JSON object");
        }
        return new SegmentRequest(List.of(object), List.of(Map.of()), List.of((long) body.length), object);
    }

    /**
     * A {@code /v1/batch} body: {@code {"batch": [...], "sentAt": ..., "context": ..., "writeKey": ...}}. Each
     * message's size is measured on the wire, between its braces.
     */
    static SegmentRequest batch(ObjectMapper json, byte[] body) {
        List<JsonNode> messages = null;
        List<Map<String, String>> raws = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
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
                    messages = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        long start = parser.currentTokenLocation().getByteOffset();
                        Map<String, String> raw = new HashMap<>(4);
                        JsonNode message = parser.currentToken() == JsonToken.START_OBJECT
                                ? message(json, parser, body, raw) : json.readTree(parser);
                        long end = parser.currentLocation().getByteOffset();
                        messages.add(message);
                        raws.add(raw);
                        sizes.add(end - start);
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
        return new SegmentRequest(messages, raws, sizes, top);
    }

    /**
     * Reads one message object: scalar members into the returned node, the object members of
     * {@link #RAW_MEMBERS} as their exact text from the body into {@code raw} (validated by the parser as it skips
     * them). The parser stands on the message's START_OBJECT and is left on its END_OBJECT.
     */
    private static ObjectNode message(ObjectMapper json, JsonParser parser, byte[] body, Map<String, String> raw)
            throws IOException {
        ObjectNode message = json.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT && RAW_MEMBERS.contains(field)) {
                int from = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int to = (int) parser.currentLocation().getByteOffset();
                raw.put(field, new String(body, from, to - from, StandardCharsets.UTF_8));
                message.remove(field);
            } else {
                message.set(field, scalar(json, parser, value));
                raw.remove(field);
            }
        }
        return message;
    }

    /**
     * The value the parser stands on as a node: strings, booleans and nulls built directly (the ids, names and times
     * of every message: {@code readTree} would set up a deserialization context for each), the rest read as a tree.
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
