package dev.operon.plugins.marketing.audience;

import dev.operon.sdk.PluginScope;
import dev.operon.sdk.events.Events;
import dev.operon.sdk.segments.SegmentSummary;
import dev.operon.sdk.segments.Segments;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether a segment id names a segment, asked of the plugin that offers the SDK's {@link Segments} (the behaviour
 * plugin). An id it does not know is still a segment when {@code Segment Entered} events carry it (an audience that
 * another tool sends in with the events). When no plugin offers segments, or it cannot answer now, nothing can tell
 * and every id is taken as given.
 */
public final class SegmentCheck {

    /** Checks nothing (no plugin offers segments, or a draft written before its segment exists). */
    public static final SegmentCheck NONE = new SegmentCheck(null, null);

    private static final int SHOWN = 10;

    private final Segments segments;
    private final Events events;

    private SegmentCheck(Segments segments, Events events) {
        this.segments = segments;
        this.events = events;
    }

    /** The check against the segments an active plugin offers in {@code scope}, or {@link #NONE}. */
    public static SegmentCheck of(PluginScope scope) {
        return scope.services().find(Segments.class).map(found -> new SegmentCheck(found, scope.events()))
                .orElse(NONE);
    }

    /** The names of the segments by id; empty when no plugin offers segments or they cannot be read now. */
    public Map<String, String> names() {
        if (segments == null) {
            return Map.of();
        }
        try {
            Map<String, String> names = new HashMap<>();
            segments.list().forEach(segment -> names.put(segment.id(), segment.name()));
            return names;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /**
     * Whether the plugin that offers segments has this one; true when none does or it cannot answer now (nothing can
     * tell). An audience another tool sends in with the events is not known here.
     */
    public boolean known(String segmentId) {
        if (segments == null || segmentId == null || segmentId.isBlank()) {
            return true;
        }
        try {
            return segments.find(segmentId).isPresent();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** What is wrong with {@code segmentId}, or null when it names a segment, is absent, or nothing can tell. */
    public String problem(String segmentId) {
        if (known(segmentId)) {
            return null;
        }
        try {
            if (SegmentAudience.seen(events, segmentId)) {
                return null;
            }
            return unknown(segmentId);
        } catch (RuntimeException e) {
            return null; // the events cannot be read now: the id is taken as given, as without the service
        }
    }

    /** Says that no segment has the id, and which segments there are. */
    public String unknown(String segmentId) {
        try {
            List<SegmentSummary> known = segments.list();
            if (known.isEmpty()) {
                return "no segment has the id \"" + segmentId + "\": there are no segments yet (the behaviour plugin"
                        + " defines them)";
            }
            return "no segment has the id \"" + segmentId + "\"; the segments are "
                    + known.stream().limit(SHOWN).map(s -> s.id() + " (" + s.name() + ")")
                            .collect(Collectors.joining(", "))
                    + (known.size() > SHOWN ? " and " + (known.size() - SHOWN) + " more" : "");
        } catch (RuntimeException e) {
            return "no segment has the id \"" + segmentId + "\"";
        }
    }
}
