package dev.operon.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A stored event as the read API shows it.
 *
 * @param id                the platform's id (increasing in insertion order; the paging cursor)
 * @param sourceId          the source that sent it, or null
 * @param messageId         the sender's message id
 * @param type              the call type
 * @param name              track event name or page/screen name
 * @param userId            user id or null
 * @param anonymousId       anonymous id or null
 * @param groupId           group id of a group call
 * @param previousId        previous id of an alias call
 * @param timestamp         event time after clock-skew correction
 * @param originalTimestamp the time the sender gave, or null
 * @param sentAt            when the sender sent it, or null
 * @param receivedAt        when the platform received it
 * @param properties        properties object or null
 * @param traits            traits object or null
 * @param context           context object or null
 * @param integrations      integrations object or null
 */
public record EventView(long id, Long sourceId, String messageId, String type, String name, String userId,
                        String anonymousId, String groupId, String previousId, Instant timestamp,
                        Instant originalTimestamp, Instant sentAt, Instant receivedAt, JsonNode properties,
                        JsonNode traits, JsonNode context, JsonNode integrations) {
}
