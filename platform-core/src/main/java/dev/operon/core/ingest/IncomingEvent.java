package dev.operon.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One validated event on its way to the store: what {@link EventWriter#append} takes. JSON members are kept as
 * serialized JSON objects (or null) so the writer copies them as they are.
 *
 * @param sourceId          the source that sent it, null for events the platform or a plugin appends
 * @param messageId         the sender's id, the deduplication key within the source
 * @param type              {@code track}, {@code identify}, {@code page}, {@code screen}, {@code group} or
 *                          {@code alias}
 * @param name              the track event's name, or the page or screen name
 * @param userId            at least one of userId and anonymousId is set
 * @param anonymousId       see userId
 * @param groupId           the group of a {@code group} call
 * @param previousId        the former id of an {@code alias} call
 * @param timestamp         event time after clock-skew correction (the partition key)
 * @param originalTimestamp the time as the sender gave it, or null
 * @param sentAt            when the sender's library sent it, or null
 * @param receivedAt        when the platform received it
 * @param properties        JSON object text or null
 * @param traits            JSON object text or null
 * @param context           JSON object text or null
 * @param integrations      JSON object text or null
 */
public record IncomingEvent(Long sourceId, String messageId, String type, String name, String userId,
                            String anonymousId, String groupId, String previousId, Instant timestamp,
                            Instant originalTimestamp, Instant sentAt, Instant receivedAt, String properties,
                            String traits, String context, String integrations) {

    public static final Set<String> TYPES = Set.of("track", "identify", "page", "screen", "group", "alias");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    public IncomingEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown event type '" + type + "'");
        }
        if (userId == null && anonymousId == null) {
            throw new IllegalArgumentException("an event needs a userId or an anonymousId");
        }
    }

    /** The dedupe key's source part: the source id, 0 without a source. */
    long sourceKey() {
        return sourceId == null ? 0L : sourceId;
    }

    /**
     * A {@code track} event happening now, with a new message id: what the platform and plugins append.
     *
     * @param sourceId    the source, or null
     * @param userId      the user id, or null when {@code anonymousId} is given
     * @param anonymousId the anonymous id, or null
     * @param event       the event name
     * @param properties  its properties (JSON-able values), or null
     */
    public static IncomingEvent track(Long sourceId, String userId, String anonymousId, String event,
                                      Map<String, Object> properties) {
        Objects.requireNonNull(event, "event");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new IncomingEvent(sourceId, UUID.randomUUID().toString(), "track", event, userId, anonymousId, null,
                null, now, null, null, now, json(properties), null, null, null);
    }

    /** Serializes a map of JSON-able values into the text {@link IncomingEvent} stores; null stays null. */
    public static String json(Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the values cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
