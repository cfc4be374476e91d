package dev.operon.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
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
        if (!(node instanceof ObjectNode object)) {
            errors.add(notAnObject(at));
            return null;
        }
        return read(SegmentMessage.of(object), type, at, sourceId, receivedAt, defaults, errors);
    }

    /** The error of a message that is not a JSON object. */
    static Problem.FieldError notAnObject(String at) {
        return new Problem.FieldError(at.isEmpty() ? "$" : trim(at), "must be a JSON object");
    }

    /**
     * The same over the members of a message (the batch reader's path: {@code properties}, {@code traits},
     * {@code context} and {@code integrations} may come as {@link SegmentMessage.Raw} text, stored as sent
     * without building and writing a tree).
     */
    IncomingEvent read(SegmentMessage message, String type, String at, Long sourceId, Instant receivedAt,
                       Defaults defaults, List<Problem.FieldError> errors) {
        int before = errors.size();
        String callType = type;
        if (callType == null) {
            callType = text(message, SegmentMessage.Member.TYPE, at, errors);
            if (callType == null) {
                if (errors.size() == before) {
                    errors.add(new Problem.FieldError(at + "type", "is required: track, identify, page, screen,"
                            + " group or alias"));
                }
                return null;
            }
            String known = knownType(callType);
            if (known == null) {
                errors.add(new Problem.FieldError(at + "type", "unknown type '" + callType
                        + "': track, identify, page, screen, group or alias"));
                return null;
            }
            callType = known;
        }
        String userId = id(message, SegmentMessage.Member.USER_ID, at, errors);
        String anonymousId = id(message, SegmentMessage.Member.ANONYMOUS_ID, at, errors);
        String previousId = id(message, SegmentMessage.Member.PREVIOUS_ID, at, errors);
        String groupId = id(message, SegmentMessage.Member.GROUP_ID, at, errors);
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
                name = text(message, SegmentMessage.Member.EVENT, at, errors);
                if (name == null || name.isBlank()) {
                    errors.add(new Problem.FieldError(at + "event", "is required for track"));
                }
            }
            case "group" -> {
                if (groupId == null) {
                    errors.add(new Problem.FieldError(at + "groupId", "is required for group"));
                }
            }
            case "page", "screen" -> name = text(message, SegmentMessage.Member.NAME, at, errors);
            default -> {
            }
        }
        if (!"alias".equals(callType) && userId == null && anonymousId == null) {
            errors.add(new Problem.FieldError(at + "userId", "userId or anonymousId is required"));
        }
        String messageId = text(message, SegmentMessage.Member.MESSAGE_ID, at, errors);
        if (messageId != null && (messageId.isBlank() || messageId.length() > MAX_ID_CHARS)) {
            errors.add(new Problem.FieldError(at + "messageId", "must be 1 to " + MAX_ID_CHARS + " characters"));
        }
        Instant timestamp = time(message, SegmentMessage.Member.TIMESTAMP, at, errors);
        Instant original = time(message, SegmentMessage.Member.ORIGINAL_TIMESTAMP, at, errors);
        Instant sentAt = time(message, SegmentMessage.Member.SENT_AT, at, errors);
        if (sentAt == null && message.get(SegmentMessage.Member.SENT_AT) == null) {
            sentAt = defaults.sentAt();
        }
        String properties = object(message, SegmentMessage.Member.PROPERTIES, null, at, errors);
        String traits = object(message, SegmentMessage.Member.TRAITS, null, at, errors);
        String context = object(message, SegmentMessage.Member.CONTEXT, defaults.context(), at, errors);
        String integrations = object(message, SegmentMessage.Member.INTEGRATIONS, defaults.integrations(), at, errors);
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

    /**
     * The type as its constant (a string the event keeps and the type checks compare by identity and cached hash),
     * or null when it is not one of the six.
     */
    static String knownType(String type) {
        return switch (type) {
            case "track" -> "track";
            case "identify" -> "identify";
            case "page" -> "page";
            case "screen" -> "screen";
            case "group" -> "group";
            case "alias" -> "alias";
            default -> null;
        };
    }

    /** The error prefix of batch message {@code index}: {@code batch[index].} (the first thousand made once). */
    static String batchPrefix(int index) {
        return index < BATCH_PREFIXES.length ? BATCH_PREFIXES[index] : "batch[" + index + "].";
    }

    private static final String[] BATCH_PREFIXES = new String[1000];

    static {
        for (int i = 0; i < BATCH_PREFIXES.length; i++) {
            BATCH_PREFIXES[i] = "batch[" + i + "].";
        }
    }

    private static String trim(String at) {
        return at.endsWith(".") ? at.substring(0, at.length() - 1) : at;
    }

    /** A string member; a non-string is an error. Null when absent or JSON null. */
    private static String text(SegmentMessage message, SegmentMessage.Member member, String at,
                               List<Problem.FieldError> errors) {
        Object value = message.get(member);
        if (value == null || value instanceof NullNode) {
            return null;
        }
        if (!(value instanceof String text)) {
            errors.add(new Problem.FieldError(at + member.json, "must be a string"));
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            errors.add(new Problem.FieldError(at + member.json, "must not contain NUL characters"));
            return null;
        }
        if (StorableText.hasLoneSurrogate(text)) {
            errors.add(new Problem.FieldError(at + member.json, LONE_SURROGATE));
            return null;
        }
        return text;
    }

    /** An id: a string or a number (Segment libraries send both), blank counts as absent. */
    private static String id(SegmentMessage message, SegmentMessage.Member member, String at,
                             List<Problem.FieldError> errors) {
        Object value = message.get(member);
        if (value == null || value instanceof NullNode) {
            return null;
        }
        String text;
        if (value instanceof String string) {
            text = string;
        } else if (value instanceof JsonNode node && node.isNumber()) {
            text = node.asText();
        } else {
            errors.add(new Problem.FieldError(at + member.json, "must be a string or a number"));
            return null;
        }
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_ID_CHARS || text.indexOf('\0') >= 0) {
            errors.add(new Problem.FieldError(at + member.json, "must be at most " + MAX_ID_CHARS
                    + " characters without NUL"));
            return null;
        }
        if (StorableText.hasLoneSurrogate(text)) {
            errors.add(new Problem.FieldError(at + member.json, LONE_SURROGATE));
            return null;
        }
        return text;
    }

    /** An ISO-8601 time; a zone-less time is read as UTC, a date as its midnight UTC. */
    private static Instant time(SegmentMessage message, SegmentMessage.Member member, String at,
                                List<Problem.FieldError> errors) {
        Object value = message.get(member);
        if (value == null || value instanceof NullNode) {
            return null;
        }
        if (!(value instanceof String text)) {
            errors.add(new Problem.FieldError(at + member.json, "must be an ISO-8601 date-time string"));
            return null;
        }
        try {
            return parseTime(text);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(at + member.json, "'" + text
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
    private String object(SegmentMessage message, SegmentMessage.Member member, ObjectNode defaults, String at,
                          List<Problem.FieldError> errors) {
        Object value = message.get(member);
        String field = at + member.json;
        boolean hasDefaults = defaults != null && !defaults.isEmpty();
        if (value instanceof SegmentMessage.Raw raw) {
            if (!hasDefaults) {
                return storable(raw.text(), field, errors);
            }
            try {
                value = json.readTree(raw.body(), raw.from(), raw.to() - raw.from());
            } catch (java.io.IOException e) {
                errors.add(new Problem.FieldError(field, "must be a JSON object"));
                return null;
            }
        }
        if (value == null || value instanceof NullNode) {
            return hasDefaults ? write(defaults, field, errors) : null;
        }
        if (!(value instanceof ObjectNode object)) {
            errors.add(new Problem.FieldError(field, "must be a JSON object"));
            return null;
        }
        if (hasDefaults) {
            ObjectNode merged = defaults.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                merged.set(entry.getKey(), entry.getValue());
            }
            object = merged;
        }
        return write(object, field, errors);
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
