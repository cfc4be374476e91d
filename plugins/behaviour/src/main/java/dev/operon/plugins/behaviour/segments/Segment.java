package dev.operon.plugins.behaviour.segments;

import java.time.Instant;
import java.util.List;

/**
 * A stored segment.
 *
 * @param id          its id
 * @param name        unique name
 * @param description what it is for
 * @param rule        the rule as JSON text
 * @param dependsOn   ids of the segments its rule refers to
 * @param createdAt   when it was created
 * @param updatedAt   when its rule or name last changed
 * @param createdBy   who created it
 * @param needsFull   true until a refresh evaluated every profile against its current rule
 * @param size        members after the last refresh
 * @param refreshedAt when a refresh last computed its members, null before the first one
 */
public record Segment(long id, String name, String description, String rule, List<Long> dependsOn,
                      Instant createdAt, Instant updatedAt, String createdBy, boolean needsFull, long size,
                      Instant refreshedAt) {

    public Segment {
        dependsOn = List.copyOf(dependsOn);
    }
}
