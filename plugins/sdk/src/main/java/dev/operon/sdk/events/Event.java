package dev.operon.sdk.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One stored event, as received through the Segment-compatible ingestion API or appended by a plugin.
 *
 * @param id          the platform's id, increasing in insertion order
 * @param messageId   the sender's unique id (duplicates within the dedupe window were dropped at ingestion)
 * @param type        {@code track}, {@code identify}, {@code page}, {@code screen}, {@code group} or {@code alias}
 * @param name        the event name of a {@code track} call, the page or screen name, otherwise null
 * @param userId      the known user id, may be null
 * @param anonymousId the anonymous id, may be null (at least one of the two is set)
 * @param profileId   the profile the event belongs to after identity resolution, null until resolved
 * @param timestamp   when it happened, corrected for the sender's clock skew
 * @param receivedAt  when the platform accepted it
 * @param properties  the call's properties ({@code track}, {@code page}, {@code screen}); empty otherwise
 * @param traits      the call's traits ({@code identify}, {@code group}); empty otherwise
 */
public record Event(long id, String messageId, String type, String name, String userId, String anonymousId,
                    Long profileId, Instant timestamp, Instant receivedAt, Map<String, Object> properties,
                    Map<String, Object> traits) {

    public Event {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        properties = properties == null ? Map.of() : properties;
        traits = traits == null ? Map.of() : traits;
    }

    /** A numeric property, or {@code fallback} when absent or not a number. */
    public double number(String property, double fallback) {
        Object value = properties.get(property);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
