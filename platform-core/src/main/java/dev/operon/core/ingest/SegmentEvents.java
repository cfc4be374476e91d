package dev.operon.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one Segment Tracking API message (a JSON object) into an {@link IncomingEvent}, applying the spec's field
 * rules and the clock-skew correction, or collects why it is invalid. Stateless; one instance per set of limits.
 */
final class SegmentEvents {

    static final int MAX_ID_CHARS = 1024;
    static final String LONE_SURROGATE = "must be valid Unicode: it holds half of a surrogate pair";
    static final String NUMBER_OUT_OF_RANGE = "holds a number too large or too precise to store (exponent beyond"
            + " ±1000, over 131,072 digits before or 16,383 after the decimal point)";

    private final ObjectMapper json;
    private final Instant earliest;
    private final Duration latestAhead;

    SegmentEvents(ObjectMapper json, Instant earliest, Duration latestAhead) {
        this.json = json;
        this.earliest = earliest;
        this.latestAhead = latestAhead;
    }

    /** Members a batch (or an import) gives all its events unless an event has its own. */
    record Defaults(Instant sentAt, ObjectNode context, ObjectNode integrations) {
        static final Defaults NONE = new Defaults(null, null, null);
    }

    /**
     * Reads one message. {@code type} is the call's type (from the path), or null when the message must name it
     * (batch items, imports). {@code at} prefixes field names in errors ({@code batch[3].}, or empty).
     *
     * @return the event, or null when {@code errors} got at least one entry
     */
    IncomingEvent read(JsonNode node, String type, String at, Long sourceId, Instant receivedAt, Defaults defaults,
                       List<Problem.FieldError> errors) {
        return read(node, Map.of(), type, at, sourceId, receivedAt, defaults, errors);
    }

    /**
     * The same, with the object members {@code properties}, {@code traits}, {@code context} and {@code integrations}
     * given as their raw JSON text in {@code raw} instead of in {@code node} (the batch reader's fast path: they are
     * stored as sent, without building and writing a tree).
     */
    IncomingEvent read(JsonNode node, Map<String, String> raw, String type, String at, Long sourceId,
                       Instant receivedAt, Defaults defaults, List<Problem.FieldError> errors) {
        int before = errors.size();
        if (!(node instanceof ObjectNode message)) {
            errors.add(new Problem.FieldError(at.isEmpty() ? "$" : trim(at), "must be a JSON object"));
            return null;
        }
        String callType = type;
        if (callType == null) {
            callType = text(message, "type", at, errors);
            if (callType == null) {
                if (errors.size() == before) {
                    errors.add(new Problem.FieldError(at + "type", "is required: track, identify, page, screen,"
                            + " group or alias"));
                }
                return null;
            }
            if (!IncomingEvent.TYPES.contains(callType)) {
                errors.add(new Problem.FieldError(at + "type", "unknown type '" + callType
                        + "': track, identify, page, screen, group or alias"));
                return null;
            }
        }
        String userId = id(message, "userId", at, errors);
        String anonymousId = id(message, "anonymousId", at, errors);
        String previousId = id(message, "previousId", at, errors);
        String groupId = id(message, "groupId", at, errors);
        String name = null;
        switch (callType) {
            case "alias" -> {
                if (userId == null) {
                    errors.add(new Problem.FieldError(at + "userId", "is required for alias"));
                }
                if (previousId == null) {
                    errors.add(new Problem.FieldError(at + "previousId", "is required for alias"));
                }
            }
            case "track" -> {
                name = text(message, "event", at, errors);
                if (name == null || name.isBlank()) {
                    errors.add(new Problem.FieldError(at + "event", "is required for track"));
                }
            }
            case "group" -> {
                if (groupId == null) {
                    errors.add(new Problem.FieldError(at + "groupId", "is required for group"));
                }
            }
            case "page", "screen" -> name = text(message, "name", at, errors);
            default -> {
            }
        }
        if (!"alias".equals(callType) && userId == null && anonymousId == null) {
            errors.add(new Problem.FieldError(at + "userId", "userId or anonymousId is required"));
        }
        String messageId = text(message, "messageId", at, errors);
        if (messageId != null && (messageId.isBlank() || messageId.length() > MAX_ID_CHARS)) {
            errors.add(new Problem.FieldError(at + "messageId", "must be 1 to " + MAX_ID_CHARS + " characters"));
        }
        Instant timestamp = time(message, "timestamp", at, errors);
        Instant original = time(message, "originalTimestamp", at, errors);
        Instant sentAt = time(message, "sentAt", at, errors);
        if (sentAt == null && !message.has("sentAt")) {
            sentAt = defaults.sentAt();
        }
        String properties = object(message, raw, "properties", null, at, errors);
        String traits = object(message, raw, "traits", null, at, errors);
        String context = object(message, raw, "context", defaults.context(), at, errors);
        String integrations = object(message, raw, "integrations", defaults.integrations(), at, errors);
        if (errors.size() > before) {
            return null;
        }
        Instant given = timestamp != null ? timestamp : original;
        Instant ts = given == null ? receivedAt
                : sentAt == null ? given
                : given.plus(Duration.between(sentAt, receivedAt));
        ts = ts.truncatedTo(ChronoUnit.MICROS);
        if (ts.isBefore(earliest) || ts.isAfter(receivedAt.plus(latestAhead))) {
            errors.add(new Problem.FieldError(at + (timestamp != null ? "timestamp" : "originalTimestamp"),
                    "the event time " + ts + " (after clock-skew correction) is outside the accepted range "
                            + earliest + " to " + latestAhead.toDays() + " days ahead"));
            return null;
        }
        if (messageId == null) {
            messageId = UUID.randomUUID().toString();
        }
        return new IncomingEvent(sourceId, messageId, callType, name, userId, anonymousId, groupId, previousId, ts,
                given == null ? null : given.truncatedTo(ChronoUnit.MICROS),
                sentAt == null ? null : sentAt.truncatedTo(ChronoUnit.MICROS), receivedAt, properties, traits,
                context, integrations);
    }

    private static String trim(String at) {
        return at.endsWith(".") ? at.substring(0, at.length() - 1) : at;
    }

    /** A string member; a non-string is an error. Null when absent or JSON null. */
    private static String text(ObjectNode message, String field, String at, List<Problem.FieldError> errors) {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new Problem.FieldError(at + field, "must be a string"));
            return null;
        }
        String text = value.textValue();
        if (text.indexOf('\0') >= 0) {
            errors.add(new Problem.FieldError(at + field, "must not contain NUL characters"));
            return null;
        }
        if (StorableText.hasLoneSurrogate(text)) {
            errors.add(new Problem.FieldError(at + field, LONE_SURROGATE));
            return null;
        }
        return text;
    }

    /** An id: a string or a number (Segment libraries send both), blank counts as absent. */
    private static String id(ObjectNode message, String field, String at, List<Problem.FieldError> errors) {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text;
        if (value.isTextual()) {
            text = value.textValue();
        } else if (value.isIntegralNumber() || value.isNumber()) {
            text = value.asText();
        } else {
            errors.add(new Problem.FieldError(at + field, "must be a string or a number"));
            return null;
        }
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_ID_CHARS || text.indexOf('\0') >= 0) {
            errors.add(new Problem.FieldError(at + field, "must be at most " + MAX_ID_CHARS
                    + " characters without NUL"));
            return null;
        }
        if (StorableText.hasLoneSurrogate(text)) {
            errors.add(new Problem.FieldError(at + field, LONE_SURROGATE));
            return null;
        }
        return text;
    }

    /** An ISO-8601 time; a zone-less time is read as UTC, a date as its midnight UTC. */
    private static Instant time(ObjectNode message, String field, String at, List<Problem.FieldError> errors) {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new Problem.FieldError(at + field, "must be an ISO-8601 date-time string"));
            return null;
        }
        try {
            return parseTime(value.textValue());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(at + field, "'" + value.textValue()
                    + "' is not an ISO-8601 date-time (for example 2026-11-30T12:00:00.000Z)"));
            return null;
        }
    }

    static Instant parseTime(String text) {
        Instant fast = IsoTimes.parseCommon(text);
        if (fast != null) {
            return fast;
        }
        String trimmed = text.strip();
        if (trimmed.length() == 10) {
            return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(trimmed, OffsetDateTime::from,
                LocalDateTime::from);
        return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /**
     * A JSON object member as text, with {@code defaults} (a batch's) under it; null when absent. NUL characters are
     * refused: PostgreSQL cannot store them in text or jsonb.
     */
    private String object(ObjectNode message, Map<String, String> raw, String field, ObjectNode defaults, String at,
                          List<Problem.FieldError> errors) {
        String text = raw.get(field);
        if (text != null) {
            if (defaults == null || defaults.isEmpty()) {
                return storable(text, at + field, errors);
            }
            try {
                message = message.deepCopy();
                message.set(field, json.readTree(text));
            } catch (JsonProcessingException e) {
                errors.add(new Problem.FieldError(at + field, "must be a JSON object"));
                return null;
            }
        }
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            return defaults == null || defaults.isEmpty() ? null : write(defaults, at + field, errors);
        }
        if (!value.isObject()) {
            errors.add(new Problem.FieldError(at + field, "must be a JSON object"));
            return null;
        }
        ObjectNode object = (ObjectNode) value;
        if (defaults != null && !defaults.isEmpty()) {
            ObjectNode merged = defaults.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                merged.set(entry.getKey(), entry.getValue());
            }
            object = merged;
        }
        return write(object, at + field, errors);
    }

    private String write(ObjectNode object, String field, List<Problem.FieldError> errors) {
        if (hasNonFiniteNumber(object)) {
            // a number beyond a double's range, read into the tree as Infinity: Jackson would write it as a string
            errors.add(new Problem.FieldError(field, NUMBER_OUT_OF_RANGE));
            return null;
        }
        try {
            return storable(json.writeValueAsString(object), field, errors);
        } catch (JsonProcessingException e) {
            errors.add(new Problem.FieldError(field, "cannot be stored: " + e.getOriginalMessage()));
            return null;
        }
    }

    /** The JSON text when jsonb can store it, else null with the reason in {@code errors}. */
    private static String storable(String text, String field, List<Problem.FieldError> errors) {
        String reason = switch (StorableText.jsonProblem(text)) {
            case NONE -> null;
            case NUL -> "must not contain NUL characters";
            case LONE_SURROGATE -> LONE_SURROGATE;
            case UNSTORABLE_NUMBER -> NUMBER_OUT_OF_RANGE;
        };
        if (reason == null) {
            return text;
        }
        errors.add(new Problem.FieldError(field, reason));
        return null;
    }

    private static boolean hasNonFiniteNumber(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return !Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (hasNonFiniteNumber(child)) {
                return true;
            }
        }
        return false;
    }

    /** The errors of a list of messages, for the problem document (at most {@code max}). */
    static List<Problem.FieldError> firstOf(List<Problem.FieldError> errors, int max) {
        return errors.size() <= max ? errors : new ArrayList<>(errors.subList(0, max));
    }
}
