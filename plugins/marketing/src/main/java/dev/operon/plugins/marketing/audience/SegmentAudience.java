package dev.operon.plugins.marketing.audience;

import dev.operon.sdk.events.Event;
import dev.operon.sdk.events.EventQuery;
import dev.operon.sdk.events.Events;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The members of a behaviour segment, read the only way the SDK shows them: the behaviour plugin appends a
 * {@code Segment Entered} or {@code Segment Exited} event (property {@code segment_id}) for every change, so replaying
 * them in event-id order gives each profile's current membership. One streaming pass over those two event names;
 * nothing else is read.
 */
public final class SegmentAudience {

    public static final String ENTERED = "Segment Entered";
    public static final String EXITED = "Segment Exited";

    private SegmentAudience() {
    }

    /** The profile ids currently in the segment. */
    public static Set<Long> members(Events events, String segmentId) {
        Set<Long> members = new HashSet<>();
        events.forEach(EventQuery.all().ofTypes("track").named(ENTERED, EXITED), e -> apply(members, segmentId, e));
        return members;
    }

    /** The members of several segments in one pass, by segment id. */
    public static Map<String, Set<Long>> members(Events events, Collection<String> segmentIds) {
        Map<String, Set<Long>> out = new HashMap<>();
        for (String id : segmentIds) {
            out.put(id, new HashSet<>());
        }
        events.forEach(EventQuery.all().ofTypes("track").named(ENTERED, EXITED), e -> {
            Set<Long> members = out.get(idText(e.properties().get("segment_id")));
            if (members != null && e.profileId() != null) {
                if (ENTERED.equals(e.name())) {
                    members.add(e.profileId());
                } else {
                    members.remove(e.profileId());
                }
            }
        });
        return out;
    }

    /** Whether one profile is currently in the segment (reads only that profile's membership events). */
    public static boolean isMember(Events events, String segmentId, long profileId) {
        Set<Long> members = new HashSet<>();
        events.forEach(EventQuery.all().ofTypes("track").named(ENTERED, EXITED).ofProfile(profileId),
                e -> apply(members, segmentId, e));
        return members.contains(profileId);
    }

    /** Whether any {@code Segment Entered} event carries this segment id (one pass over those events). */
    public static boolean seen(Events events, String segmentId) {
        boolean[] seen = {false};
        events.forEach(EventQuery.all().ofTypes("track").named(ENTERED), e -> {
            if (!seen[0] && segmentId.equals(idText(e.properties().get("segment_id")))) {
                seen[0] = true;
            }
        });
        return seen[0];
    }

    static String idText(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        return String.valueOf(value);
    }

    private static void apply(Set<Long> members, String segmentId, Event e) {
        if (e.profileId() == null || !segmentId.equals(idText(e.properties().get("segment_id")))) {
            return;
        }
        if (ENTERED.equals(e.name())) {
            members.add(e.profileId());
        } else {
            members.remove(e.profileId());
        }
    }
}
