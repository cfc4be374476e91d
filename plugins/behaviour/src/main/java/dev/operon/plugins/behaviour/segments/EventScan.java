package dev.operon.plugins.behaviour.segments;

import dev.operon.plugins.behaviour.segments.rules.EventMeasure;
import dev.operon.plugins.behaviour.segments.rules.MeasureStats;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Counts the event measures the active rules need, per profile, reading only the events whose names occur in some
 * measure and, when no measure counts over all time, only those inside the longest window. Either one streaming pass
 * over all such events (keeping the profiles {@code wanted} accepts), or one read per profile for a few profiles.
 */
final class EventScan {

    private final List<EventMeasure> measures;
    private final Map<EventMeasure, Integer> index = new HashMap<>();
    private final Map<String, int[]> byName = new HashMap<>();
    private final long[] windowStart;
    private final Instant from;
    private long eventsRead;
    private long maxId;

    /**
     * @param measures what to count
     * @param now      the evaluation time: windows end here
     */
    EventScan(List<EventMeasure> measures, Instant now) {
        this.measures = List.copyOf(measures);
        this.windowStart = new long[measures.size()];
        Map<String, List<Integer>> names = new HashMap<>();
        boolean allTime = false;
        long longest = 0;
        for (int i = 0; i < measures.size(); i++) {
            EventMeasure m = measures.get(i);
            index.put(m, i);
            names.computeIfAbsent(m.event(), k -> new ArrayList<>()).add(i);
            if (m.window() == null) {
                windowStart[i] = Long.MIN_VALUE;
                allTime = true;
            } else {
                windowStart[i] = now.toEpochMilli() - m.window().toMillis();
                longest = Math.max(longest, m.window().toMillis());
            }
        }
        names.forEach((name, list) -> byName.put(name, list.stream().mapToInt(Integer::intValue).toArray()));
        this.from = allTime || measures.isEmpty() ? null : now.minusMillis(longest);
    }

    /** The event names any measure needs. */
    Set<String> names() {
        return byName.keySet();
    }

    /** Position of a measure in the stats arrays. */
    Integer position(EventMeasure measure) {
        return index.get(measure);
    }

    /** One streaming pass over every needed event, keeping the profiles {@code wanted} accepts. */
    Map<Long, MeasureStats[]> scanAll(Events events, LongPredicate wanted) {
        Map<Long, MeasureStats[]> out = new HashMap<>();
        if (measures.isEmpty()) {
            return out;
        }
        events.forEach(query(), e -> {
            maxId = Math.max(maxId, e.id());
            if (e.profileId() != null && wanted.test(e.profileId())) {
                add(out, e.profileId(), e);
            }
        });
        return out;
    }

    /** One read per profile: cheaper than a full pass when only a few profiles changed. */
    Map<Long, MeasureStats[]> scanProfiles(Events events, Iterable<Long> profileIds) {
        Map<Long, MeasureStats[]> out = new HashMap<>();
        if (measures.isEmpty()) {
            return out;
        }
        for (long id : profileIds) {
            events.forEach(query().ofProfile(id), e -> add(out, id, e));
        }
        return out;
    }

    private EventQuery query() {
        EventQuery q = EventQuery.all().named(byName.keySet().toArray(String[]::new));
        return from == null ? q : q.between(from, null);
    }

    private void add(Map<Long, MeasureStats[]> out, long profileId, Event e) {
        eventsRead++;
        int[] candidates = byName.get(e.name());
        if (candidates == null) {
            return;
        }
        long at = e.timestamp().toEpochMilli();
        MeasureStats[] stats = null;
        for (int i : candidates) {
            if (at < windowStart[i] || !measures.get(i).matches(e)) {
                continue;
            }
            if (stats == null) {
                stats = out.computeIfAbsent(profileId, k -> new MeasureStats[measures.size()]);
            }
            if (stats[i] == null) {
                stats[i] = new MeasureStats();
            }
            stats[i].add(at);
        }
    }

    long eventsRead() {
        return eventsRead;
    }

    /** The largest event id seen by {@link #scanAll}, 0 when none. */
    long maxId() {
        return maxId;
    }
}
