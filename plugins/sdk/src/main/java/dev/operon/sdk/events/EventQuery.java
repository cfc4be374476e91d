package dev.operon.sdk.events;

import java.time.Instant;
import java.util.Set;

/**
 * Which events to read. Every criterion is optional (null or empty means "any"); they combine with AND.
 *
 * @param from      first event time included
 * @param to        first event time excluded
 * @param types     call types such as {@code track}
 * @param names     event names (track) or page/screen names
 * @param profileId only the events of this profile (all its user and anonymous ids)
 * @param afterId   only events with a larger {@link Event#id()}: a cursor for incremental reads
 * @param limit     at most this many events, 0 for no limit
 */
public record EventQuery(Instant from, Instant to, Set<String> types, Set<String> names, Long profileId,
                         long afterId, int limit) {

    public EventQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        names = names == null ? Set.of() : Set.copyOf(names);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (no limit) or positive");
        }
    }

    /** Every event. */
    public static EventQuery all() {
        return new EventQuery(null, null, Set.of(), Set.of(), null, 0, 0);
    }

    public EventQuery between(Instant fromIncluded, Instant toExcluded) {
        return new EventQuery(fromIncluded, toExcluded, types, names, profileId, afterId, limit);
    }

    public EventQuery ofTypes(String... values) {
        return new EventQuery(from, to, Set.of(values), names, profileId, afterId, limit);
    }

    public EventQuery named(String... values) {
        return new EventQuery(from, to, types, Set.of(values), profileId, afterId, limit);
    }

    public EventQuery ofProfile(long id) {
        return new EventQuery(from, to, types, names, id, afterId, limit);
    }

    public EventQuery after(long id) {
        return new EventQuery(from, to, types, names, profileId, id, limit);
    }

    public EventQuery limit(int value) {
        return new EventQuery(from, to, types, names, profileId, afterId, value);
    }
}
