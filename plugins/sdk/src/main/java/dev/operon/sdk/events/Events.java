package dev.operon.sdk.events;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The platform's event store, read-only except for {@link #track}. Events of end users who were erased are gone,
 * so data pulled for training after an erasure never contains them.
 */
public interface Events {

    /**
     * Streams the matching events to {@code action} in {@link Event#id()} order, without loading them all into
     * memory. Ids grow in insertion order; a writer that is still committing may publish a smaller id slightly later,
     * so incremental readers should re-read a short overlap or lag behind the newest events.
     */
    void forEach(EventQuery query, Consumer<Event> action);

    /** How many events match. */
    long count(EventQuery query);

    /**
     * Appends a {@code track} event on behalf of the plugin (for example {@code Segment Entered}), so that other
     * plugins can react to it. The event belongs to the profile (its user id, or an anonymous id when it has none);
     * its source is the plugin; its time is now.
     *
     * @return the new event's message id
     * @throws IllegalArgumentException when no such profile exists
     */
    String track(long profileId, String event, Map<String, Object> properties);
}
