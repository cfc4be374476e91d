package dev.operon.plugins.behaviour.personas;

import dev.operon.plugins.behaviour.segments.SegmentEvents;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Each user's event names in time order, read in one pass. Names are interned as small integers; the segment
 * events this plugin appends itself are left out (they describe the plugin, not the user).
 */
final class Sequences {


    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> codes = new HashMap<>();
    private final Map<Long, long[]> byProfile = new HashMap<>();   // pairs of (millis, code), growing
    private final Map<Long, Integer> sizes = new HashMap<>();
    private long[] counts = new long[16];

    static Sequences read(Events events, EventQuery query, LongPredicate wanted) {
        Sequences s = new Sequences();
        events.forEach(query, e -> {
            if (e.profileId() != null && wanted.test(e.profileId())) {
                s.add(e);
            }
        });
        return s;
    }

    private void add(Event e) {
        if (e.name() == null || SegmentEvents.isOwn(e)
                || !(e.type().equals("track") || e.type().equals("page") || e.type().equals("screen"))) {
            return;
        }
        int code = codes.computeIfAbsent(e.name(), n -> {
            names.add(n);
            return names.size() - 1;
        });
        if (code >= counts.length) {
            counts = Arrays.copyOf(counts, counts.length * 2);
        }
        counts[code]++;
        long id = e.profileId();
        int size = sizes.getOrDefault(id, 0);
        long[] pairs = byProfile.get(id);
        if (pairs == null) {
            pairs = new long[8];
        } else if (pairs.length < 2 * (size + 1)) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[2 * size] = e.timestamp().toEpochMilli();
        pairs[2 * size + 1] = code;
        byProfile.put(id, pairs);
        sizes.put(id, size + 1);
    }

    List<Long> profiles() {
        return byProfile.keySet().stream().sorted().toList();
    }

    /** The most frequent names, most frequent first (ties by name). */
    List<String> topNames(int limit) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> -counts[i]).thenComparing(names::get));
        return order.stream().limit(limit).map(names::get).toList();
    }

    /** A user's names in time order. */
    List<String> names(long profileId) {
        long[] pairs = byProfile.get(profileId);
        int size = sizes.getOrDefault(profileId, 0);
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> pairs[2 * i]));
        List<String> out = new ArrayList<>(size);
        for (int i : order) {
            out.add(names.get((int) pairs[2 * i + 1]));
        }
        return out;
    }
}
