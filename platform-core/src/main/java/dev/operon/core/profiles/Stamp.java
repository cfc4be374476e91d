package dev.operon.core.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * When a trait or consent value was set: the event time, then the event id to order events of the same time
 * (0 for a value set through the API). The later stamp wins, whatever order the events are processed in.
 */
record Stamp(Instant time, long eventId) implements Comparable<Stamp> {

    static Stamp of(JsonNode node) {
        if (node == null || !node.hasNonNull("t")) {
            return null;
        }
        return new Stamp(Instant.parse(node.get("t").asText()), node.path("e").asLong());
    }

    ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("t", time.toString());
        node.put("e", eventId);
        return node;
    }

    /** True when this stamp beats {@code other} (absent stamps always lose). */
    boolean after(Stamp other) {
        return other == null || compareTo(other) > 0;
    }

    @Override
    public int compareTo(Stamp other) {
        int byTime = time.compareTo(other.time);
        return byTime != 0 ? byTime : Long.compare(eventId, other.eventId);
    }
}
