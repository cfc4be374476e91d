package dev.operon.core.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The columns of an event the identity pass needs. */
record RawEvent(long id, String type, String userId, String anonymousId, String previousId, Instant ts,
                JsonNode traits, JsonNode consent) {

    /** Every id the event carries. */
    java.util.List<String> ids() {
        java.util.List<String> ids = new java.util.ArrayList<>(3);
        if (userId != null) {
            ids.add(userId);
        }
        if (anonymousId != null) {
            ids.add(anonymousId);
        }
        if (previousId != null) {
            ids.add(previousId);
        }
        return ids;
    }
}
